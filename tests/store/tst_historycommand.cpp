#include "HistoryCommand.h"
#include "HistoryCommandLine.h"

#include "CsvReader.h"
#include "StoreTestSupport.h"
#include "StoreWriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace dockpulse;

namespace {

// 2026-12-01T10:00:00Z
constexpr qint64 kBaseNs = 1'796'119'200'000'000'000LL;
constexpr qint64 kBaseMs = kBaseNs / 1'000'000;
constexpr qint64 kMs = 1'000'000;

const store::ContainerRef kWeb{u"unix:///var/run/docker.sock"_s, u"aaaa0000aaaa1111aaaa2222aaaa3333"_s};
const store::ContainerRef kDb{u"unix:///var/run/docker.sock"_s, u"bbbb0000bbbb1111bbbb2222bbbb3333"_s};
// A second "web": the first one removed and one created under its name.
const store::ContainerRef kWeb2{u"unix:///var/run/docker.sock"_s, u"aaaa9999cccc1111cccc2222cccc3333"_s};

constexpr int kWebLines = 10'000; // web line N at base + N ms; every 7th on stderr
constexpr int kDbLines = 5'000;   // db query N at base + 2N ms + 500 ns
constexpr int kWeb2Lines = 100;   // web2 line N at base + 20 s + N ms

QByteArray numbered(const char* prefix, int n)
{
    return QByteArray(prefix) + QByteArray::number(n);
}

QByteArray webLine(int n)
{
    return numbered(n % 7 == 0 ? "web error " : "web line ", n);
}

// Output captured from a FILE*.
struct Captured
{
    std::FILE* file = std::tmpfile();
    ~Captured() { std::fclose(file); }
    QByteArray text() const
    {
        std::fflush(file);
        std::rewind(file);
        QByteArray all;
        char buffer[65536];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;)
            all.append(buffer, qsizetype(n));
        return all;
    }
};

struct Ran
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QList<QByteArray> outLines(const Ran& ran)
{
    QList<QByteArray> lines = ran.out.split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

// `dockpulse export` and `dockpulse search` on a store written by StoreWriter: three containers
// (two of them named web, one after the other), lines over many chunks, events and heartbeats.
class TestHistoryCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;

    Ran run(const QStringList& args)
    {
        const auto parsed =
            cli::parseHistoryCommandLine(QStringList{u"dockpulse"_s} + args, kBaseNs + 60'000 * kMs);
        Ran ran;
        if (parsed.exitCode != 0) {
            ran.exitCode = parsed.exitCode;
            ran.err = parsed.messages.join(u'\n').toUtf8();
            return ran;
        }
        Captured out, err;
        ran.exitCode = cli::runHistoryCommand(parsed.options, out.file, err.file);
        ran.out = out.text();
        ran.err = err.text();
        return ran;
    }

    QList<test::CsvRow> csvFile(const QString& dir, const QString& name)
    {
        QFile f(dir + u'/' + name);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        auto rows = test::readCsv(f.readAll());
        if (!rows) {
            qWarning("%s: %s", qPrintable(name), qPrintable(rows.error()));
            return {};
        }
        return rows.value();
    }

    QString exportDir(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(u"history.sqlite"_s);
        auto writer = store::StoreWriter::open(m_store);
        QVERIFY2(writer.hasValue(), qPrintable(writer.hasValue() ? QString() : writer.error().message));
        store::StoreWriter& w = *writer.value();
        w.recordContainer(kWeb, store::ContainerFacts{u"web"_s, u"nginx"_s, 1, kBaseMs});
        w.recordContainer(kDb, store::ContainerFacts{u"db"_s, u"postgres"_s, 2, kBaseMs});
        w.recordContainer(kWeb2, store::ContainerFacts{u"web"_s, u"nginx"_s, 3, kBaseMs + 20'000});
        // Batches of 1,000, flushed one by one: many commits, many chunks per container.
        for (int first = 0; first < kWebLines; first += 1000) {
            docker::LogBatch web;
            for (int n = first; n < first + 1000; ++n)
                web.append(kBaseNs + n * kMs,
                           n % 7 == 0 ? docker::LogStreamKind::Stderr : docker::LogStreamKind::Stdout,
                           webLine(n));
            w.append(kWeb, web, "cursor-web");
            if (first < kDbLines) {
                docker::LogBatch db;
                for (int n = first; n < first + 1000; ++n)
                    db.append(kBaseNs + 2 * n * kMs + 500, docker::LogStreamKind::Stdout,
                              numbered("db query ", n));
                w.append(kDb, db, "cursor-db");
            }
            QVERIFY(w.flush());
        }
        docker::LogBatch web2;
        for (int n = 0; n < kWeb2Lines; ++n)
            web2.append(kBaseNs + 20'000 * kMs + n * kMs, docker::LogStreamKind::Stdout,
                        numbered("web2 line ", n));
        w.append(kWeb2, web2, "cursor-web2");
        const auto event = [](qint64 ms, const QString& task, const QString& what, const QString& detail,
                              const QString& name) {
            return monitor::TaskEventRecord{kBaseMs + ms, task, what, detail, name};
        };
        w.appendEvent(kWeb, event(0, u"container_aaaa0000aaaa"_s, u"started"_s, {}, u"web"_s));
        w.appendEvent(kWeb, event(1, u"container_aaaa0000aaaa"_s, u"stream_opened"_s, {}, u"web"_s));
        w.appendEvent(kWeb, event(3000, u"container_aaaa0000aaaa"_s, u"rotated"_s, u"deadline"_s, u"web"_s));
        w.appendEvent(kWeb, event(4000, u"container_aaaa0000aaaa"_s, u"stalled"_s, u"engine not answering"_s,
                                  u"web"_s));
        w.appendEvent(kWeb, event(5000, u"container_aaaa0000aaaa"_s, u"resumed"_s, {}, u"web"_s));
        w.appendEvent(kWeb, event(6000, u"container_aaaa0000aaaa"_s, u"rotated"_s, u"deadline"_s, u"web"_s));
        w.appendEvent(kWeb, event(10'000, u"container_aaaa0000aaaa"_s, u"container_exited"_s,
                                  u"exit code 0"_s, u"web"_s));
        w.appendEvent(kDb, event(0, u"container_bbbb0000bbbb"_s, u"started"_s, {}, u"db"_s));
        w.appendEvent(kDb, event(1, u"container_bbbb0000bbbb"_s, u"stream_opened"_s, {}, u"db"_s));
        w.appendEvent(kWeb2, event(20'000, u"container_aaaa9999cccc"_s, u"started"_s, {}, u"web"_s));
        w.appendEvent(kWeb2, event(20'001, u"container_aaaa9999cccc"_s, u"stream_opened"_s, {}, u"web"_s));
        w.appendEvent(kWeb2,
                      event(21'000, u"container_aaaa9999cccc"_s, u"stopped"_s, u"by the user"_s, u"web"_s));
        for (int s = 1; s <= 9; ++s) {
            w.appendHeartbeat(kWeb,
                              monitor::HeartbeatRecord{kBaseMs + s * 1000, 0, u"container_aaaa0000aaaa"_s,
                                                       monitor::HeartbeatSource::Ticker, 1000, u"web"_s});
            w.appendHeartbeat(kDb,
                              monitor::HeartbeatRecord{kBaseMs + s * 1000 + 1, 0, u"container_bbbb0000bbbb"_s,
                                                       monitor::HeartbeatSource::Rotation, 1000, u"db"_s});
        }
        // metrics.csv's samples, one a second from 0 to 20 s: 21 of them.
        for (int s = 0; s <= 20; ++s) {
            monitor::MetricSample sample;
            sample.wallMs = kBaseMs + s * 1000;
            sample.threads = 7;
            sample.readers = s < 20 ? 3 : 1;
            sample.monitored = 3;
            sample.maxHeartbeatAgeMs = 10 * s;
            sample.ages.append(monitor::MetricSample::TaskAge{u"container_aaaa0000aaaa"_s, 5});
            w.appendSample(sample);
        }
        // The search index complete: the searches below say nothing on stderr.
        QVERIFY(w.waitForIndex());
    }

    void exportWritesEveryRecordOnce()
    {
        const QString dir = exportDir(u"all"_s);
        const Ran ran = run({u"export"_s, u"--store"_s, m_store, u"--export-dir"_s, dir});
        QCOMPARE(ran.exitCode, 0);
        QVERIFY2(ran.err.isEmpty(), ran.err.constData());
        QVERIFY2(ran.out.contains("15100 lines, 12 events, 18 heartbeats of 3 tasks"), ran.out.constData());

        const QList<test::CsvRow> logs = csvFile(dir, u"logs.csv"_s);
        QCOMPARE(logs.size(), 1 + kWebLines + kDbLines + kWeb2Lines);
        QCOMPARE(logs[0].join(','), "time,host,container_name,stream,message,continued,escaped"_ba);
        // Rows in time order across containers, each container's lines once and in order.
        int nextWeb = 0, nextDb = 0, nextWeb2 = 0;
        QByteArray previousTime;
        for (qsizetype r = 1; r < logs.size(); ++r) {
            const test::CsvRow& row = logs[r];
            QVERIFY2(row[0] >= previousTime, row[0].constData());
            previousTime = row[0];
            const QByteArray& message = row[4];
            if (message.startsWith("web2 line ")) {
                QCOMPARE(message, numbered("web2 line ", nextWeb2++));
            } else if (message.startsWith("web ")) {
                QCOMPARE(message, webLine(nextWeb));
                QCOMPARE(row[3], nextWeb % 7 == 0 ? "stderr"_ba : "stdout"_ba);
                ++nextWeb;
            } else {
                QCOMPARE(message, numbered("db query ", nextDb++));
                QCOMPARE(row[2], "db"_ba);
            }
        }
        QCOMPARE(nextWeb, kWebLines);
        QCOMPARE(nextDb, kDbLines);
        QCOMPARE(nextWeb2, kWeb2Lines);
        QCOMPARE(logs[1][0], "2026-12-01T10:00:00.000000000Z"_ba);

        QCOMPARE(csvFile(dir, u"events.csv"_s).size(), 1 + 12);
        QCOMPARE(csvFile(dir, u"heartbeats.csv"_s).size(), 1 + 18);
        // The process's samples, whichever containers are exported.
        const QList<test::CsvRow> metrics = csvFile(dir, u"metrics.csv"_s);
        QCOMPARE(metrics.size(), 1 + 21);
        QCOMPARE(metrics[0].join(','), "time,threads,readers,monitored,max_heartbeat_age_ms,late_readers"_ba);
        QCOMPARE(metrics[1].join(','), "2026-12-01T10:00:00.000Z,7,3,3,0,0"_ba);
        QCOMPARE(metrics[21].join(','), "2026-12-01T10:00:20.000Z,7,1,3,200,0"_ba);

        // tasks.csv rebuilt from the records: web had two rotations, one stall, exited last.
        const QList<test::CsvRow> tasks = csvFile(dir, u"tasks.csv"_s);
        QCOMPARE(tasks.size(), 1 + 3);
        QCOMPARE(tasks[1][0], "container_aaaa0000aaaa"_ba);
        QCOMPARE(tasks[1][3], "web"_ba);
        QCOMPARE(tasks[1][4], "exited"_ba);
        QCOMPARE(tasks[1][5], "2026-12-01T10:00:00.000Z"_ba);
        QCOMPARE(tasks[1][6], "2026-12-01T10:00:09.000Z"_ba);
        QCOMPARE(tasks[1][7], "1000"_ba); // exited at 10 s, last beat at 9 s
        QCOMPARE(tasks[1][8], "9"_ba);
        QCOMPARE(tasks[1][9], "2"_ba);
        QCOMPARE(tasks[1][10], QByteArray::number(kWebLines));
        QCOMPARE(tasks[1][12], "1"_ba);
        QCOMPARE(tasks[1][13], "engine not answering"_ba);
        QCOMPARE(tasks[2][4], "streaming"_ba); // db: still streaming when its history ends
        QCOMPARE(tasks[2][10], QByteArray::number(kDbLines));
        QCOMPARE(tasks[3][4], "stopped"_ba);
        QCOMPARE(tasks[3][10], QByteArray::number(kWeb2Lines));
    }

    // --since and --until include both ends, to the nanosecond, across chunk boundaries.
    void exportRangeIsExact_data()
    {
        QTest::addColumn<QString>("since");
        QTest::addColumn<QString>("until");
        QTest::addColumn<int>("webLines");
        QTest::addColumn<int>("dbLines");
        QTest::addColumn<int>("events");
        QTest::addColumn<int>("samples"); // one a second from 0 to 20 s
        // web 2,500..7,499 ms: 5,000 lines; db 1,250..3,749: 2,500 (its lines are 500 ns late:
        // db 3,750 is at 7,500 ms + 500 ns, outside).
        QTest::newRow("middle") << u"2026-12-01T10:00:02.5Z"_s << u"2026-12-01T10:00:07.4999999Z"_s << 5000
                                << 2500 << 4 << 5;
        QTest::newRow("one nanosecond")
            << u"2026-12-01T10:00:00.002000500Z"_s << u"2026-12-01T10:00:00.0020005Z"_s << 0 << 1 << 0 << 0;
        QTest::newRow("since only") << u"2026-12-01T10:00:09.999Z"_s << QString() << 1 << 0 << 1 << 11;
        QTest::newRow("until only") << QString() << u"2026-12-01T10:00:00Z"_s << 1 << 0 << 2 << 1;
        // Relative to the test's now, base + 60 s.
        QTest::newRow("relative") << u"55s"_s << QString() << 5000 << 2500 << 3 << 16;
        QTest::newRow("relative, past the lines") << u"50s"_s << u"45s"_s << 0 << 0 << 1 << 6;
        QTest::newRow("before everything") << u"2020-01-01"_s << u"2020-01-02"_s << 0 << 0 << 0 << 0;
    }
    void exportRangeIsExact()
    {
        QFETCH(QString, since);
        QFETCH(QString, until);
        QFETCH(int, webLines);
        QFETCH(int, dbLines);
        QFETCH(int, events);
        QFETCH(int, samples);
        const QString dir = exportDir(u"range-"_s + QString::fromUtf8(QTest::currentDataTag()));
        QStringList args{u"export"_s,   u"--store"_s, m_store, u"--export-dir"_s, dir, u"-m"_s,
                         u"aaaa0000"_s, u"-m"_s,      u"db"_s};
        if (!since.isEmpty())
            args << u"--since"_s << since;
        if (!until.isEmpty())
            args << u"--until"_s << until;
        const Ran ran = run(args);
        QCOMPARE(ran.exitCode, 0);
        const QList<test::CsvRow> logs = csvFile(dir, u"logs.csv"_s);
        int web = 0, db = 0;
        for (qsizetype r = 1; r < logs.size(); ++r)
            (logs[r][2] == "db" ? db : web)++;
        QCOMPARE(web, webLines);
        QCOMPARE(db, dbLines);
        QCOMPARE(csvFile(dir, u"events.csv"_s).size() - 1, events);
        QCOMPARE(csvFile(dir, u"metrics.csv"_s).size() - 1, samples);
    }

    void exportByNameTakesEveryContainerOfThatName()
    {
        const QString dir = exportDir(u"web"_s);
        const Ran ran = run({u"export"_s, u"--store"_s, m_store, u"--export-dir"_s, dir, u"-m"_s, u"/web"_s});
        QCOMPARE(ran.exitCode, 0);
        QCOMPARE(csvFile(dir, u"logs.csv"_s).size(), 1 + kWebLines + kWeb2Lines);
        QCOMPARE(csvFile(dir, u"tasks.csv"_s).size(), 1 + 2);
        QCOMPARE(csvFile(dir, u"events.csv"_s).size(), 1 + 7 + 3);
        QCOMPARE(csvFile(dir, u"heartbeats.csv"_s).size(), 1 + 9);
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString nowhere = m_dir.filePath(u"missing.sqlite"_s);
        QTest::newRow("unknown container")
            << QStringList{u"search"_s, u"--store"_s, m_store, u"-m"_s, u"cache"_s, u"x"_s} << 4
            << u"has no history of container \"cache\": it knows web (aaaa0000aaaa), db"_s;
        QTest::newRow("ambiguous id")
            << QStringList{u"search"_s, u"--store"_s, m_store, u"-m"_s, u"aaaa"_s, u"x"_s} << 4
            << u"\"aaaa\" is the start of 2 container ids"_s;
        QTest::newRow("no store") << QStringList{u"search"_s, u"--store"_s, nowhere, u"x"_s} << 5
                                  << nowhere + u": no such file"_s;
        QTest::newRow("bad regex") << QStringList{u"search"_s, u"--store"_s, m_store, u"--regex"_s, u"(web"_s}
                                   << 2 << u"is not a regular expression"_s;
        QTest::newRow("no query") << QStringList{u"search"_s, u"--store"_s, m_store} << 2 << u"QUERY"_s;
        QTest::newRow("no store option")
            << QStringList{u"export"_s, u"--export-dir"_s, u"x"_s} << 2 << u"--store PATH is required"_s;
        QTest::newRow("no export dir")
            << QStringList{u"export"_s, u"--store"_s, m_store} << 2 << u"--export-dir DIR is required"_s;
        QTest::newRow("bad time") << QStringList{u"export"_s, u"--store"_s, m_store,       u"--export-dir"_s,
                                                 u"x"_s,      u"--since"_s, u"last week"_s}
                                  << 2 << u"--since: \"last week\" is not a time"_s;
        QTest::newRow("until before since") << QStringList{u"search"_s, u"--store"_s, m_store, u"--since"_s,
                                                           u"1m"_s,     u"--until"_s, u"2m"_s, u"x"_s}
                                            << 2 << u"--until is before --since"_s;
        QTest::newRow("export option in search")
            << QStringList{u"search"_s, u"--store"_s, m_store, u"--export-dir"_s, u"d"_s, u"x"_s} << 2
            << u"unknown option \"--export-dir\""_s;
        QTest::newRow("bad stream") << QStringList{u"search"_s,   u"--store"_s, m_store,
                                                   u"--stream"_s, u"stdin"_s,   u"x"_s}
                                    << 2 << u"\"stdin\" is not stdout or stderr"_s;
    }
    void refusals()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Ran ran = run(args);
        QCOMPARE(ran.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(ran.err).contains(message), ran.err.constData());
        QVERIFY(ran.out.isEmpty());
    }

    void exportIntoAFileIsExit5()
    {
        QFile file(m_dir.filePath(u"a-file"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const Ran ran = run({u"export"_s, u"--store"_s, m_store, u"--export-dir"_s, file.fileName()});
        QCOMPARE(ran.exitCode, 5);
        QVERIFY2(QString::fromUtf8(ran.err).contains(file.fileName()), ran.err.constData());
    }

    void searchFinds_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArrayList>("expected");
        QTest::newRow("substring, oldest first across containers")
            << QStringList{u"query 4998"_s}
            << QByteArrayList{"2026-12-01T10:00:09.996000500Z db stdout db query 4998"};
        QTest::newRow("plain text is not a pattern") << QStringList{u"line 99."_s} << QByteArrayList{};
        QTest::newRow("case matters") << QStringList{u"WEB2 LINE 99"_s} << QByteArrayList{};
        QTest::newRow("-i") << QStringList{u"-i"_s, u"WEB2 LINE 99"_s}
                            << QByteArrayList{"2026-12-01T10:00:20.099000000Z web stdout web2 line 99"};
        QTest::newRow("regex") << QStringList{u"--regex"_s, u"^web error 99[0-9]{2}$"_s}
                               << QByteArrayList{"2026-12-01T10:00:09.905000000Z web stderr web error 9905",
                                                 "2026-12-01T10:00:09.912000000Z web stderr web error 9912",
                                                 "2026-12-01T10:00:09.919000000Z web stderr web error 9919",
                                                 "2026-12-01T10:00:09.926000000Z web stderr web error 9926",
                                                 "2026-12-01T10:00:09.933000000Z web stderr web error 9933",
                                                 "2026-12-01T10:00:09.940000000Z web stderr web error 9940",
                                                 "2026-12-01T10:00:09.947000000Z web stderr web error 9947",
                                                 "2026-12-01T10:00:09.954000000Z web stderr web error 9954",
                                                 "2026-12-01T10:00:09.961000000Z web stderr web error 9961",
                                                 "2026-12-01T10:00:09.968000000Z web stderr web error 9968",
                                                 "2026-12-01T10:00:09.975000000Z web stderr web error 9975",
                                                 "2026-12-01T10:00:09.982000000Z web stderr web error 9982",
                                                 "2026-12-01T10:00:09.989000000Z web stderr web error 9989",
                                                 "2026-12-01T10:00:09.996000000Z web stderr web error 9996"};
        QTest::newRow("stream") << QStringList{u"--stream"_s, u"stdout"_s, u"--regex"_s,
                                               u"^web (error|line) 9995$"_s}
                                << QByteArrayList{"2026-12-01T10:00:09.995000000Z web stdout web line 9995"};
        QTest::newRow("merged by time")
            << QStringList{u"--regex"_s, u"^(web line|db query) 1000$"_s}
            << QByteArrayList{"2026-12-01T10:00:01.000000000Z web stdout web line 1000",
                              "2026-12-01T10:00:02.000000500Z db stdout db query 1000"};
        QTest::newRow("range") << QStringList{u"--since"_s, u"2026-12-01T10:00:20.050Z"_s, u"--until"_s,
                                              u"2026-12-01T10:00:20.051Z"_s, u"web2"_s}
                               << QByteArrayList{"2026-12-01T10:00:20.050000000Z web stdout web2 line 50",
                                                 "2026-12-01T10:00:20.051000000Z web stdout web2 line 51"};
        QTest::newRow("one container")
            << QStringList{u"-m"_s, u"aaaa9999"_s, u"line 7"_s}
            << QByteArrayList{"2026-12-01T10:00:20.007000000Z web stdout web2 line 7",
                              "2026-12-01T10:00:20.070000000Z web stdout web2 line 70",
                              "2026-12-01T10:00:20.071000000Z web stdout web2 line 71",
                              "2026-12-01T10:00:20.072000000Z web stdout web2 line 72",
                              "2026-12-01T10:00:20.073000000Z web stdout web2 line 73",
                              "2026-12-01T10:00:20.074000000Z web stdout web2 line 74",
                              "2026-12-01T10:00:20.075000000Z web stdout web2 line 75",
                              "2026-12-01T10:00:20.076000000Z web stdout web2 line 76",
                              "2026-12-01T10:00:20.077000000Z web stdout web2 line 77",
                              "2026-12-01T10:00:20.078000000Z web stdout web2 line 78",
                              "2026-12-01T10:00:20.079000000Z web stdout web2 line 79"};
    }
    void searchFinds()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArrayList, expected);
        const Ran ran = run(QStringList{u"search"_s, u"--store"_s, m_store} + args);
        QCOMPARE(ran.exitCode, 0);
        QVERIFY2(ran.err.isEmpty(), ran.err.constData());
        QCOMPARE(outLines(ran), expected);
    }

    void searchCountsEveryMatchOnce()
    {
        const Ran ran = run({u"search"_s, u"--store"_s, m_store, u"line"_s});
        QCOMPARE(ran.exitCode, 0);
        // web: all but every 7th; web2: all; db: none.
        QCOMPARE(outLines(ran).size(), kWebLines - (kWebLines + 6) / 7 + kWeb2Lines);
    }

    void searchCsvIsLogsCsvRows()
    {
        const Ran ran =
            run({u"search"_s, u"--store"_s, m_store, u"--csv"_s, u"-m"_s, u"db"_s, u"query 4999"_s});
        QCOMPARE(ran.exitCode, 0);
        QCOMPARE(
            ran.out,
            "time,host,container_name,stream,message,continued,escaped\r\n"
            "2026-12-01T10:00:09.998000500Z,unix:///var/run/docker.sock,db,stdout,db query 4999,0,0\r\n"_ba);
    }

    void searchSaysHowFarTheIndexLags()
    {
        const QString path = m_dir.filePath(u"lagging.sqlite"_s);
        {
            store::StoreWriterSettings settings = storetest::keepAll();
            settings.indexLinesPerTransaction = 0; // nothing indexed in idle time
            auto writer = store::StoreWriter::open(path, settings);
            QVERIFY(writer);
            writer.value()->recordContainer(kDb, store::ContainerFacts{u"db"_s, u"postgres"_s, 2, kBaseMs});
            docker::LogBatch batch;
            for (int n = 0; n < 300; ++n)
                batch.append(kBaseNs + n * kMs, docker::LogStreamKind::Stdout, numbered("db query ", n));
            writer.value()->append(kDb, batch, "cursor-db");
            QVERIFY(writer.value()->flush());
            QCOMPARE(writer.value()->status().indexLag, 300);
        }
        const Ran ran = run({u"search"_s, u"--store"_s, path, u"query 29"_s});
        QCOMPARE(ran.exitCode, 0);
        QCOMPARE(outLines(ran).size(), 11); // 29, 290..299
        QCOMPARE(ran.err, "dockpulse search: the search index is 300 lines behind: those were scanned\n"_ba);
        // A query the index cannot help with scans anyway: nothing to say.
        const Ran bare = run({u"search"_s, u"--store"_s, path, u"query"_s});
        QCOMPARE(outLines(bare).size(), 300);
        QVERIFY(bare.err.isEmpty());
        // -w: whole words only.
        const Ran word = run({u"search"_s, u"--store"_s, path, u"-w"_s, u"29"_s});
        QCOMPARE(outLines(word).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHistoryCommand)
#include "tst_historycommand.moc"
