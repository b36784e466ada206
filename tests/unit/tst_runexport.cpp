#include "CsvReader.h"
#include "LogBatch.h"
#include "LogTimestamp.h"
#include "LogsCsvWriter.h"
#include "RecordCsvStream.h"
#include "RunExport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using dockpulse::csv::CsvKind;
using dockpulse::csv::LogsCsvWriter;
using dockpulse::docker::LogBatch;
using dockpulse::docker::LogStreamKind;
using namespace dockpulse::monitor;

namespace {

constexpr qint64 kNov29 = 1795928650206; // 2026-11-29T05:04:10.206Z

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, QByteArrayView bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes.data(), bytes.size()), bytes.size());
}

// Everything in dir, hidden files included: a leftover temporary file would show here.
QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                               QDir::Name);
}

QByteArray header(CsvKind kind)
{
    return csvHeader(kind).toByteArray() + "\r\n";
}

// What a reader gets back from a container-controlled field: the contract's guard.
QByteArray guardedBack(const QByteArray& text, bool guarded)
{
    const bool formula = !text.isEmpty() && QByteArrayView("=+-@\t\r").contains(text.front());
    return guarded && formula ? '\'' + text : text;
}

// The contract's quoting and guard, written the simple way, to check the fast writer against.
QByteArray referenceField(const QByteArray& text, bool guarded)
{
    QByteArray f = guardedBack(text, guarded);
    const bool quote =
        f.contains(',') || f.contains('"') || f.contains('\r') || f.contains('\n') ||
        (!f.isEmpty() && (f.front() == ' ' || f.front() == '\t' || f.back() == ' ' || f.back() == '\t'));
    return quote ? '"' + f.replace("\"", "\"\"") + '"' : f;
}

// A 64 KiB tmpfs: a disk that fills up. Needs root (mount); reason() says why it is missing.
class TinyDisk
{
public:
    TinyDisk()
    {
        if (::geteuid() != 0) {
            m_reason = u"mounting a small tmpfs to fill up needs root"_s;
            return;
        }
        m_path = m_base.filePath(u"disk"_s);
        QDir().mkpath(m_path);
        QProcess mount;
        mount.start(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=64k"_s, u"tmpfs"_s, m_path});
        if (!mount.waitForFinished() || mount.exitCode() != 0)
            m_reason = u"mount -t tmpfs failed: "_s + QString::fromUtf8(mount.readAllStandardError());
        else
            m_mounted = true;
    }
    ~TinyDisk()
    {
        if (m_mounted)
            QProcess::execute(u"umount"_s, {m_path});
    }
    const QString& reason() const { return m_reason; }
    const QString& path() const { return m_path; }

private:
    QTemporaryDir m_base;
    QString m_path;
    QString m_reason;
    bool m_mounted = false;
};

TaskSnapshot task(const QString& name, const QString& lastError)
{
    TaskSnapshot t;
    t.task = u"container_abc123def456"_s;
    t.host = u"unix:///var/run/docker.sock"_s;
    t.containerId = u"abc123def4567890"_s;
    t.containerName = name;
    t.state = TaskState::Streaming;
    t.startedAtMs = kNov29;
    t.lastHeartbeatAtMs = kNov29 + 30'000;
    t.heartbeatAgeMs = 1234;
    t.heartbeats = 3;
    t.rotations = 2;
    t.lines = 1000;
    t.bytes = 64000;
    t.errors = 1;
    t.lastError = lastError;
    return t;
}

} // namespace

class TestRunExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headers_data()
    {
        QTest::addColumn<CsvKind>("kind");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("tasks") << CsvKind::Tasks << u"tasks.csv"_s
                               << QByteArray("task,host,container_id,container_name,state,started_at,"
                                             "last_heartbeat_at,heartbeat_age_ms,heartbeats,rotations,lines,"
                                             "bytes,errors,last_error");
        QTest::newRow("heartbeats") << CsvKind::Heartbeats << u"heartbeats.csv"_s
                                    << QByteArray("time,task,source,age_before_ms");
        QTest::newRow("events") << CsvKind::Events << u"events.csv"_s << QByteArray("time,task,event,detail");
        QTest::newRow("metrics") << CsvKind::Metrics << u"metrics.csv"_s
                                 << QByteArray("time,threads,readers,monitored,max_heartbeat_age_ms");
        QTest::newRow("logs") << CsvKind::Logs << u"logs.csv"_s
                              << QByteArray("time,host,container_name,stream,message");
    }
    void headers()
    {
        QFETCH(CsvKind, kind);
        QFETCH(QString, fileName);
        QFETCH(QByteArray, expected);
        QCOMPARE(csvHeader(kind), QByteArrayView(expected));
        QCOMPARE(csvFileName(kind), fileName);

        // The contract: "`tasks.csv` — ..." and on the next line the header in backticks.
        const QByteArray contract = readAll(QStringLiteral(DOCKPULSE_SOURCE_DIR "/docs/CONTRACT.md"));
        QVERIFY(!contract.isEmpty());
        const QList<QByteArray> lines = contract.split('\n');
        const QByteArray title = '`' + fileName.toUtf8() + "` ";
        qsizetype at = -1;
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            if (lines[i].startsWith(title))
                at = i + 1;
        QVERIFY2(at > 0, qPrintable(u"no section for "_s + fileName));
        QCOMPARE(lines[at].trimmed(), '`' + expected + '`');
    }

    void filesStartWithTheHeader()
    {
        QTemporaryDir tmp;
        QCOMPARE(dockpulse::csv::exportRun(tmp.path(), {}, {}, {}, {}, false), QString());
        LogsCsvWriter logs;
        QVERIFY(logs.open(tmp.path()));
        QVERIFY(logs.commit());
        QCOMPARE(logs.rows(), 0);
        for (const CsvKind kind :
             {CsvKind::Tasks, CsvKind::Heartbeats, CsvKind::Events, CsvKind::Metrics, CsvKind::Logs})
            QCOMPARE(readAll(tmp.filePath(csvFileName(kind))), header(kind)); // no BOM, CRLF
        QCOMPARE(entries(tmp.path()).size(), 5);
    }

    void tasksCsv_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray first =
            "container_abc123def456,unix:///var/run/docker.sock,abc123def4567890,web-1,streaming,"
            "2026-11-29T05:04:10.206Z,2026-11-29T05:04:40.206Z,1234,3,2,1000,64000,1,\r\n";
        QTest::newRow("guarded") << false
                                 << header(CsvKind::Tasks) + first +
                                        "container_abc123def456,unix:///var/run/docker.sock,abc123def4567890,"
                                        "'=cmd|' /C calc'!A0,failed,2026-11-29T05:04:10.206Z,,-1,0,0,0,0,7,"
                                        "\"'-driver said \"\"no\"\", twice\"\r\n";
        QTest::newRow("raw") << true
                             << header(CsvKind::Tasks) + first +
                                    "container_abc123def456,unix:///var/run/docker.sock,abc123def4567890,"
                                    "=cmd|' /C calc'!A0,failed,2026-11-29T05:04:10.206Z,,-1,0,0,0,0,7,"
                                    "\"-driver said \"\"no\"\", twice\"\r\n";
    }
    void tasksCsv()
    {
        QFETCH(bool, raw);
        QFETCH(QByteArray, expected);
        TaskSnapshot second = task(u"=cmd|' /C calc'!A0"_s, u"-driver said \"no\", twice"_s);
        second.state = TaskState::Failed;
        second.lastHeartbeatAtMs = 0; // never: an empty field, not 1970
        second.heartbeatAgeMs = -1;   // our own number: never guarded
        second.heartbeats = second.rotations = second.lines = second.bytes = 0;
        second.errors = 7;
        QTemporaryDir tmp;
        const QString path = tmp.filePath(u"tasks.csv"_s);
        QCOMPARE(dockpulse::csv::writeTasksCsv(path, {task(u"web-1"_s, {}), second}, raw), QString());
        QCOMPARE(readAll(path), expected);
        QVERIFY(dockpulse::test::readCsv(expected).hasValue());
    }

    void recordFiles_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::newRow("guarded") << false;
        QTest::newRow("raw") << true;
    }
    void recordFiles()
    {
        QFETCH(bool, raw);
        const QList<HeartbeatRecord> heartbeats = {
            {kNov29, 1, u"container_abc123def456"_s, HeartbeatSource::Ticker, 30000},
            {kNov29 + 1, 2, u"container_abc123def456"_s, HeartbeatSource::Rotation, 0},
        };
        const QList<TaskEventRecord> events = {
            {kNov29, u"container_abc123def456"_s, u"rotated"_s, u"deadline"_s},
            {kNov29 + 999, u"container_abc123def456"_s, u"error"_s, u"@evil\r\nsecond line"_s},
            {0, u"container_abc123def456"_s, u"stopped"_s, {}},
        };
        MetricSample m;
        m.wallMs = kNov29;
        m.threads = 12;
        m.readers = 3;
        m.monitored = 4;
        m.maxHeartbeatAgeMs = 29999;
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"a/b/run 1"_s); // created with its parents
        QCOMPARE(dockpulse::csv::exportRun(dir, {}, heartbeats, events, {m, MetricSample{}}, raw), QString());
        QCOMPARE(entries(dir),
                 (QStringList{u"events.csv"_s, u"heartbeats.csv"_s, u"metrics.csv"_s, u"tasks.csv"_s}));
        QCOMPARE(readAll(dir + u"/heartbeats.csv"_s),
                 header(CsvKind::Heartbeats) +
                     "2026-11-29T05:04:10.206Z,container_abc123def456,ticker,30000\r\n"
                     "2026-11-29T05:04:10.207Z,container_abc123def456,rotation,0\r\n");
        QCOMPARE(readAll(dir + u"/events.csv"_s),
                 header(CsvKind::Events) +
                     "2026-11-29T05:04:10.206Z,container_abc123def456,rotated,deadline\r\n" +
                     "2026-11-29T05:04:11.205Z,container_abc123def456,error,\"" + (raw ? "" : "'") +
                     "@evil\r\nsecond line\"\r\n"
                     "1970-01-01T00:00:00.000Z,container_abc123def456,stopped,\r\n");
        QCOMPARE(readAll(dir + u"/metrics.csv"_s), header(CsvKind::Metrics) +
                                                       "2026-11-29T05:04:10.206Z,12,3,4,29999\r\n"
                                                       "1970-01-01T00:00:00.000Z,0,0,0,0\r\n");
        QCOMPARE(readAll(dir + u"/tasks.csv"_s), header(CsvKind::Tasks));
    }

    // Headless runs stream heartbeats, events and metrics as they arrive: the same bytes as a
    // whole-run export, and nothing under a final name before commit.
    void streamedRecordsEqualTheWholeExport()
    {
        const QList<HeartbeatRecord> heartbeats = {
            {kNov29, 1, u"t1"_s, HeartbeatSource::Ticker, 30000},
            {kNov29 + 5, 2, u"t1"_s, HeartbeatSource::Rotation, 5},
        };
        const QList<TaskEventRecord> events = {{kNov29, u"t1"_s, u"error"_s, u"=1+1, \"quoted\""_s}};
        MetricSample m;
        m.wallMs = kNov29;
        m.threads = 3;
        QTemporaryDir tmp;
        const QString whole = tmp.filePath(u"whole"_s);
        const QString streamed = tmp.filePath(u"streamed"_s);
        QCOMPARE(dockpulse::csv::exportRun(whole, {}, heartbeats, events, {m}, false), QString());
        QVERIFY(QDir().mkpath(streamed));

        using dockpulse::csv::RecordCsvStream;
        RecordCsvStream<HeartbeatRecord> hs(streamed, false);
        RecordCsvStream<TaskEventRecord> es(streamed, false);
        RecordCsvStream<MetricSample> ms(streamed, false);
        QVERIFY(hs.open() && es.open() && ms.open());
        for (const HeartbeatRecord& h : heartbeats)
            hs.append(h);
        es.append(events[0]);
        ms.append(m);
        for (const QString& name : entries(streamed))
            QVERIFY2(!name.endsWith(u".csv"_s), qPrintable(name + u" exists before commit"_s));
        QVERIFY(hs.commit() && es.commit() && ms.commit());
        hs.append(heartbeats[0]); // after commit: ignored, the file stays as committed
        for (const char* name : {"/heartbeats.csv", "/events.csv", "/metrics.csv"})
            QCOMPARE(readAll(streamed + QLatin1String(name)), readAll(whole + QLatin1String(name)));
    }

    void streamToAMissingFolderFails()
    {
        QTemporaryDir tmp;
        dockpulse::csv::RecordCsvStream<HeartbeatRecord> hs(tmp.filePath(u"gone"_s), false);
        QVERIFY(!hs.open());
        QVERIFY2(hs.errorString().contains(u"heartbeats.csv"_s), qPrintable(hs.errorString()));
    }

    void replacesAnOlderFile()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(u"events.csv"_s);
        writeFile(path, "old content that is longer than the new one\r\n");
        QCOMPARE(dockpulse::csv::writeEventsCsv(path, {}, false), QString());
        QCOMPARE(readAll(path), header(CsvKind::Events));
        QCOMPARE(entries(tmp.path()), QStringList{u"events.csv"_s});
    }

    // Folders that cannot be made or written, even by root. {tmp} is a fresh temporary folder
    // holding a regular file named "file".
    void unwritableFolder_data()
    {
        QTest::addColumn<QString>("dir");
        QTest::addColumn<QString>("message");
        QTest::newRow("parent is a regular file")
            << u"{tmp}/file/out"_s << u"cannot create folder {tmp}/file/out: Not a directory"_s;
        QTest::newRow("folder is a regular file")
            << u"{tmp}/file"_s << u"cannot create folder {tmp}/file: a file is in the way"_s;
        QTest::newRow("new folder under /proc")
            << u"/proc/dockpulse-export-test"_s
            << u"cannot create folder /proc/dockpulse-export-test: No such file or directory"_s;
        QTest::newRow("existing /proc folder")
            << u"/proc/self"_s << u"cannot create /proc/self/%1: Operation not permitted"_s;
    }
    void unwritableFolder()
    {
        QFETCH(QString, dir);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        writeFile(tmp.filePath(u"file"_s), "precious");
        dir.replace(u"{tmp}"_s, tmp.path());
        message.replace(u"{tmp}"_s, tmp.path());

        const QString runError = dockpulse::csv::exportRun(dir, {task(u"a"_s, {})}, {}, {}, {}, false);
        if (message.contains(u"%1"_s)) { // each of the four files fails on its own
            const QStringList lines = runError.split(u'\n');
            QCOMPARE(lines.size(), 4);
            QCOMPARE(lines.first(), message.arg(u"tasks.csv"_s));
            QCOMPARE(lines.last(), message.arg(u"metrics.csv"_s));
        } else {
            QCOMPARE(runError, message);
        }

        LogsCsvWriter logs;
        QVERIFY(!logs.open(dir));
        QVERIFY(logs.hasError());
        QCOMPARE(logs.errorString(), message.contains(u"%1"_s) ? message.arg(u"logs.csv"_s) : message);
        LogBatch batch;
        batch.append(1, LogStreamKind::Stdout, "line");
        logs.append(u"h"_s, u"c"_s, batch); // dropped, but never silently: the error stays
        QCOMPARE(logs.rows(), 0);
        QVERIFY(!logs.commit());
        QCOMPARE(logs.errorString(), message.contains(u"%1"_s) ? message.arg(u"logs.csv"_s) : message);

        QCOMPARE(readAll(tmp.filePath(u"file"_s)), QByteArray("precious"));
        QCOMPARE(entries(tmp.path()), QStringList{u"file"_s});
    }

    void diskFull_data()
    {
        QTest::addColumn<bool>("logsFile");
        QTest::newRow("logs.csv, fails while lines arrive") << true;
        QTest::newRow("tasks.csv, fails at commit") << false;
    }
    void diskFull()
    {
        QFETCH(bool, logsFile);
        TinyDisk disk;
        if (!disk.reason().isEmpty())
            QSKIP(qPrintable(disk.reason()));
        const QString dir = disk.path();
        const QByteArray old = "an earlier, complete export\r\n";
        writeFile(dir + (logsFile ? u"/logs.csv"_s : u"/tasks.csv"_s), old);

        if (logsFile) {
            LogsCsvWriter logs;
            QVERIFY(logs.open(dir));
            LogBatch batch;
            for (int i = 0; i < 1000; ++i)
                batch.append(kNov29 * 1'000'000 + i, LogStreamKind::Stdout, QByteArray(100, 'x'));
            for (int i = 0; i < 30 && !logs.hasError(); ++i)
                logs.append(u"h"_s, u"c"_s, batch);
            QVERIFY(logs.hasError()); // known before commit: the first block did not fit
            const QString expected = u"cannot write %1/logs.csv: No space left on device"_s.arg(dir);
            QCOMPARE(logs.errorString(), expected);
            logs.append(u"h"_s, u"c"_s, batch);
            QVERIFY(!logs.commit());
            QCOMPARE(logs.errorString(), expected);
            QCOMPARE(readAll(dir + u"/logs.csv"_s), old);
            QCOMPARE(entries(dir), QStringList{u"logs.csv"_s});
        } else {
            // 200 KiB of tasks: below one block, so the disk fills up in commit's final write.
            QList<TaskSnapshot> tasks(200, task(u"c"_s, QString(1024, u'e')));
            const QString error = dockpulse::csv::exportRun(dir, tasks, {}, {}, {}, false);
            QCOMPARE(error, u"cannot write %1/tasks.csv: No space left on device"_s.arg(dir));
            // The other files still made it; nothing half-written under a final name.
            QCOMPARE(readAll(dir + u"/tasks.csv"_s), old);
            QCOMPARE(entries(dir),
                     (QStringList{u"events.csv"_s, u"heartbeats.csv"_s, u"metrics.csv"_s, u"tasks.csv"_s}));
        }
    }

    void folderVanishesBeforeCommit()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"run"_s);
        LogsCsvWriter logs;
        QVERIFY(logs.open(dir));
        LogBatch batch;
        batch.append(1, LogStreamKind::Stderr, "boom");
        logs.append(u"h"_s, u"c"_s, batch);
        QVERIFY(QDir(dir).removeRecursively());
        QVERIFY(!logs.commit());
        QCOMPARE(logs.errorString(), u"cannot write %1/logs.csv: No such file or directory"_s.arg(dir));
        QVERIFY(entries(tmp.path()).isEmpty());
    }

    void unfinishedLeavesNothing()
    {
        QTemporaryDir tmp;
        LogBatch batch;
        batch.append(1, LogStreamKind::Stdout, QByteArray(3 << 20, 'x')); // flushed to the temporary file
        {
            LogsCsvWriter logs;
            QVERIFY(logs.open(tmp.path()));
            logs.append(u"h"_s, u"c"_s, batch);
            // Written, but not under the final name (Qt may use an unnamed O_TMPFILE: nothing shows).
            QVERIFY(!entries(tmp.path()).contains(u"logs.csv"_s));
        }
        QVERIFY(entries(tmp.path()).isEmpty());

        LogsCsvWriter logs;
        QVERIFY(logs.open(tmp.path()));
        logs.append(u"h"_s, u"c"_s, batch);
        logs.cancel();
        QVERIFY(entries(tmp.path()).isEmpty());
        QVERIFY(!logs.hasError());

        LogsCsvWriter never;
        never.append(u"h"_s, u"c"_s, batch);
        QVERIFY(never.hasError());
        QVERIFY(!never.commit());
    }

    void logsExactBytes_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::addColumn<QByteArray>("expected");
        const auto rows = [](bool raw) -> QByteArray {
            const QByteArray g = raw ? "" : "'";
            return header(CsvKind::Logs) +
                   "2026-11-29T05:04:10.206123456Z,unix:///s,web-1,stdout,hello world\r\n"
                   "2026-11-29T05:04:10.206123457Z,unix:///s,web-1,stderr," +
                   g +
                   "=1+2\r\n"
                   "2026-11-29T05:04:11.000000000Z,unix:///s,web-1,stdout,\"a,b \"\"c\"\"\"\r\n"
                   "2026-11-29T05:04:11.000000001Z,unix:///s,web-1,stdout,\r\n"
                   "2026-11-29T05:04:11.000000002Z,unix:///s,web-1,stdout,\"tty line\r\"\r\n"
                   "2026-11-29T05:04:11.000000003Z,unix:///s,web-1,stdout,\xff\xfe\0bin\r\n"_ba +
                   "1970-01-01T00:00:00.000000000Z,tcp://b:2375,\"" + g + "-x,y\",stderr," + g + "@z\r\n" +
                   "2026-11-29T05:04:10.206123456Z,unix:///s,web-1,stdout,back\r\n";
        };
        QTest::newRow("guarded") << false << rows(false);
        QTest::newRow("raw") << true << rows(true);
    }
    void logsExactBytes()
    {
        QFETCH(bool, raw);
        QFETCH(QByteArray, expected);
        const qint64 t = kNov29 * 1'000'000 + 123'456;       // 05:04:10.206123456
        const qint64 s11 = kNov29 * 1'000'000 + 794'000'000; // 05:04:11.000000000
        LogBatch a;
        a.append(t, LogStreamKind::Stdout, "hello world");
        a.append(t + 1, LogStreamKind::Stderr, "=1+2");
        a.append(s11, LogStreamKind::Stdout, "a,b \"c\"");
        a.append(s11 + 1, LogStreamKind::Stdout, "");
        a.append(s11 + 2, LogStreamKind::Stdout, "tty line\r");
        a.append(s11 + 3, LogStreamKind::Stdout, "\xff\xfe\0bin"_ba);
        LogBatch b;
        b.append(0, LogStreamKind::Stderr, "@z");
        LogBatch c;
        c.append(t, LogStreamKind::Stdout, "back");

        QTemporaryDir tmp;
        LogsCsvWriter logs(raw);
        QVERIFY(logs.open(tmp.path()));
        QCOMPARE(logs.path(), tmp.filePath(u"logs.csv"_s));
        logs.append(u"unix:///s"_s, u"web-1"_s, a);
        logs.append(u"tcp://b:2375"_s, u"-x,y"_s, b);
        logs.append(u"unix:///s"_s, u"web-1"_s, LogBatch());
        logs.append(u"unix:///s"_s, u"web-1"_s, c);
        QCOMPARE(logs.rows(), 8);
        QVERIFY(logs.commit());
        QVERIFY(!logs.hasError());
        QCOMPARE(readAll(logs.path()), expected);
    }

    // Times go through a per-second cache; they must equal formatRfc3339Nanos line by line.
    void logsTimes_data()
    {
        QTest::addColumn<QList<qint64>>("times");
        const qint64 s = kNov29 / 1000 * 1'000'000'000;
        QTest::newRow("epoch") << QList<qint64>{0, 1, 999'999'999, 1'000'000'000};
        QTest::newRow("one second") << QList<qint64>{s, s + 1, s + 500'000'000, s + 999'999'999};
        QTest::newRow("back and forth") << QList<qint64>{s + 5, s - 5, s + 5, s + 86'400'000'000'000, s};
        QTest::newRow("before 1970") << QList<qint64>{-1, -1'500'000'000, 0, -1};
        QTest::newRow("year 2262") << QList<qint64>{std::numeric_limits<qint64>::max(),
                                                    std::numeric_limits<qint64>::max() - 1};
        QList<qint64> random;
        QRandomGenerator rng(3);
        for (int i = 0; i < 2000; ++i)
            random.append(s + qint64(rng.bounded(3'000'000'000.0)));
        QTest::newRow("random") << random;
    }
    void logsTimes()
    {
        QFETCH(QList<qint64>, times);
        LogBatch batch;
        for (const qint64 t : times)
            batch.append(t, LogStreamKind::Stdout, "x");
        QTemporaryDir tmp;
        LogsCsvWriter logs;
        QVERIFY(logs.open(tmp.path()));
        logs.append(u"h"_s, u"c"_s, batch);
        QVERIFY(logs.commit());
        const auto rows = dockpulse::test::readCsv(readAll(logs.path()));
        QVERIFY(rows.hasValue());
        QCOMPARE(rows->size(), times.size() + 1);
        for (qsizetype i = 0; i < times.size(); ++i)
            QCOMPARE(rows->at(i + 1).first(), dockpulse::docker::formatRfc3339Nanos(times[i]));
    }

    void logsManyBatches_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<bool>("raw");
        for (quint32 seed = 1; seed <= 4; ++seed) {
            QTest::addRow("seed %u guarded", seed) << seed << false;
            QTest::addRow("seed %u raw", seed) << seed << true;
        }
    }
    void logsManyBatches()
    {
        QFETCH(quint32, seed);
        QFETCH(bool, raw);
        QRandomGenerator rng(seed);
        const QStringList names = {u"web-1"_s, u"=evil"_s, u"db, primary"_s, u"-x"_s};
        static const QByteArray alphabet("abc ,\"\r\n\t=+-@'\0\xff", 16);
        QByteArray pool(1 << 16, Qt::Uninitialized);
        for (char& ch : pool)
            ch = rng.bounded(3) == 0 ? alphabet[rng.bounded(int(alphabet.size()))]
                                     : char('a' + rng.bounded(26));
        QTemporaryDir tmp;
        LogsCsvWriter logs(raw);
        QVERIFY(logs.open(tmp.path()));
        QByteArray expected = header(CsvKind::Logs);
        QList<dockpulse::test::CsvRow> expectedRows;
        qint64 ts = kNov29 * 1'000'000;
        qint64 total = 0;
        for (int b = 0; b < 300; ++b) {
            const QString& name = names[rng.bounded(int(names.size()))];
            LogBatch batch;
            const int lines = rng.bounded(0, 400);
            for (int i = 0; i < lines; ++i) {
                // Slices of a random pool: per-byte random numbers would dominate the test's time.
                const int length = rng.bounded(0, rng.bounded(100) == 0 ? 20'000 : 120);
                const QByteArray text = pool.sliced(rng.bounded(int(pool.size()) - length), length);
                ts += rng.bounded(200'000'000);
                const LogStreamKind stream = rng.bounded(2) ? LogStreamKind::Stderr : LogStreamKind::Stdout;
                batch.append(ts, stream, text);
                const QByteArray time = dockpulse::docker::formatRfc3339Nanos(ts);
                const QByteArray streamName = stream == LogStreamKind::Stderr ? "stderr" : "stdout";
                expected += time + ",unix:///s," + referenceField(name.toUtf8(), !raw) + ',' + streamName +
                            ',' + referenceField(text, !raw) + "\r\n";
                expectedRows.append({time, "unix:///s", guardedBack(name.toUtf8(), !raw), streamName,
                                     guardedBack(text, !raw)});
            }
            total += lines;
            logs.append(u"unix:///s"_s, name, batch);
            QCOMPARE(logs.rows(), total);
        }
        QVERIFY(logs.commit());
        const QByteArray written = readAll(logs.path());
        QVERIFY2(written.size() > 3 * dockpulse::csv::CsvFile::kBlockSize, "spans several flushed blocks");
        QCOMPARE(written.size(), expected.size());
        QCOMPARE(written, expected);
        const auto rows = dockpulse::test::readCsv(written);
        QVERIFY(rows.hasValue());
        QCOMPARE(rows->size(), total + 1);
        QCOMPARE(rows->mid(1), expectedRows);
    }

    // Not a pass/fail check: prints how fast logs.csv is written, end to end (format, write, sync).
    void logsThroughput()
    {
        LogBatch batch;
        QRandomGenerator rng(11);
        qint64 ts = kNov29 * 1'000'000;
        for (int i = 0; i < 2000; ++i) {
            QByteArray line = "2026-11-29 05:04:10 INFO request handled path=/api/v1/items/" +
                              QByteArray::number(rng.bounded(100000)) +
                              " status=200 bytes=" + QByteArray::number(rng.bounded(1 << 20));
            if (i % 10 == 0)
                line += " note=\"quoted, with comma\"";
            batch.append(ts += 50'000, LogStreamKind::Stdout, line);
        }
        for (const QString& where : {QDir::tempPath(), u"/dev/shm"_s}) {
            QTemporaryDir tmp(where + u"/dockpulse-XXXXXX"_s);
            QVERIFY(tmp.isValid());
            LogsCsvWriter logs;
            QElapsedTimer timer;
            timer.start();
            QVERIFY(logs.open(tmp.path()));
            qint64 in = 0;
            while (in < 256ll << 20) {
                logs.append(u"unix:///var/run/docker.sock"_s, u"web-1"_s, batch);
                in += batch.byteSize();
            }
            QVERIFY(logs.commit());
            const double seconds = double(timer.nsecsElapsed()) / 1e9;
            qInfo("%s: %lld rows, %lld MB of log text -> %lld MB of logs.csv in %.3f s: %.0f MB/s of text",
                  qPrintable(where), logs.rows(), in >> 20, QFileInfo(logs.path()).size() >> 20, seconds,
                  double(in) / 1e6 / seconds);
        }
    }
};

QTEST_GUILESS_MAIN(TestRunExport)
#include "tst_runexport.moc"
