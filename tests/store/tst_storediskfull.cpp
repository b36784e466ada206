// Disk full, on a 2 MiB tmpfs of the test's own: writing stops with an error that names the file
// and says the disk is full, the store stays intact (PRAGMA integrity_check), the lines appended
// meanwhile are kept, and writing resumes by itself once space is freed, with no line missing and
// the cursor matching the lines. Mounting needs root: skipped otherwise, except under CI=true
// (CI runs as root), where a skip would hide the test.
#include "StoreReader.h"
#include "StoreTestSupport.h"
#include "StoreWriter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using namespace dockpulse::store;

namespace {

QString integrityCheck(const QString& path)
{
    auto raw = SqliteConnection::open(path, SQLITE_OPEN_READWRITE);
    if (!raw)
        return raw.error().message;
    auto result = raw.value()->queryText("PRAGMA integrity_check", u"integrity_check"_s);
    return result ? result.value() : result.error().message;
}

// Space to free later: 512 KiB of the 2 MiB, in a file of its own.
bool reserveSpace(const QString& filler)
{
    QFile f(filler);
    return f.open(QIODevice::WriteOnly) && f.write(QByteArray(512 * 1024, 'x')) == 512 * 1024;
}

} // namespace

class TestStoreDiskFull : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const bool ci = qEnvironmentVariable("CI") == u"true"_s;
        if (geteuid() != 0 && !ci)
            QSKIP("mounting a tmpfs needs root (CI=true runs it)");
        QVERIFY(m_mountPoint.isValid());
        const QByteArray target = QFile::encodeName(m_mountPoint.path());
        if (::mount("dockpulse-store-test", target.constData(), "tmpfs", MS_NOSUID | MS_NODEV, "size=2m") !=
            0)
            QFAIL(qPrintable(u"mount -t tmpfs -o size=2m on %1: %2"_s.arg(
                m_mountPoint.path(), QString::fromLocal8Bit(strerror(errno)))));
        m_mounted = true;
    }

    void cleanupTestCase()
    {
        if (m_mounted)
            QCOMPARE(::umount2(QFile::encodeName(m_mountPoint.path()).constData(), MNT_DETACH), 0);
    }

    void cleanup()
    {
        if (!m_mounted)
            return;
        QDir mount(m_mountPoint.path());
        for (const QString& name : mount.entryList(QDir::Files | QDir::Hidden))
            QVERIFY(mount.remove(name));
    }

    void writingStopsAndResumes()
    {
        const QString path = QDir(m_mountPoint.path()).filePath(u"history.sqlite"_s);
        const QString filler = QDir(m_mountPoint.path()).filePath(u"filler"_s);
        QVERIFY(reserveSpace(filler));

        StoreWriterSettings settings = storetest::keepAll();
        settings.retryIntervalMs = 50;
        // The search index's steps write pages of their own: on a 2 MiB file system they took the
        // room these cases count on (the index meets retention in tst_searchindex).
        settings.indexLinesPerTransaction = 0;
        auto opened = StoreWriter::open(path, settings);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        StoreWriter& writer = *opened.value();
        // Counted on this thread: the writer emits on its own, and a QSignalSpy would append
        // there (a direct connection) while this thread reads it.
        QObject here;
        int failed = 0;
        int resumed = 0;
        connect(&writer, &StoreWriter::writingFailed, &here, [&failed] { ++failed; });
        connect(&writer, &StoreWriter::writingResumed, &here, [&resumed] { ++resumed; });

        // Fill the rest: ~100 bytes a line, so some 15,000 lines fill it.
        qint64 appended = 0;
        constexpr qint64 kBatch = 500;
        while (appended < 200'000) {
            writer.append(storetest::kContainer, storetest::numberedBatch(appended + 1, kBatch),
                          QByteArray::number(appended + kBatch));
            appended += kBatch;
            if (!writer.flush())
                break;
        }
        const StoreWriteStatus full = writer.status();
        QVERIFY2(full.failing, "the 2 MiB tmpfs never filled up");
        qInfo("full after %lld lines appended, %lld committed: %s", static_cast<long long>(appended),
              static_cast<long long>(full.committedLines), qPrintable(full.error));
        QVERIFY2(full.error.contains(path), qPrintable(full.error));
        QVERIFY2(full.error.contains(u"full"_s), qPrintable(full.error));
        QCOMPARE(full.retainedLines, appended - full.committedLines);
        QTRY_COMPARE(failed, 1);
        QCOMPARE(integrityCheck(path), u"ok"_s);

        // Still full: more lines are kept, not written, and the store stays intact.
        for (int i = 0; i < 4; ++i) {
            writer.append(storetest::kContainer, storetest::numberedBatch(appended + 1, kBatch),
                          QByteArray::number(appended + kBatch));
            appended += kBatch;
        }
        QVERIFY(!writer.flush());
        QCOMPARE(integrityCheck(path), u"ok"_s);
        QCOMPARE(writer.status().droppedLines, 0);

        QVERIFY(QFile::remove(filler));
        // Retried every 50 ms without being asked.
        QTRY_VERIFY_WITH_TIMEOUT(!writer.status().failing, 5000);
        QTRY_COMPARE(resumed, 1);
        QCOMPARE(writer.status().committedLines, appended);

        // And it goes on writing.
        writer.append(storetest::kContainer, storetest::numberedBatch(appended + 1, kBatch),
                      QByteArray::number(appended + kBatch));
        appended += kBatch;
        QVERIFY(writer.flush());
        QCOMPARE(integrityCheck(path), u"ok"_s);

        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        const QList<StoredLine> lines = storetest::readLines(*reader.value(), storetest::kContainer);
        QCOMPARE(lines.size(), appended);
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines[i].bytes != storetest::numberedLine(i + 1))
                QFAIL(qPrintable(u"line %1 is \"%2\""_s.arg(i + 1).arg(QString::fromLatin1(lines[i].bytes))));
        }
        auto cursor = reader.value()->cursor(storetest::kContainer);
        QCOMPARE(cursor.value()->cursor, QByteArray::number(appended));
        QCOMPARE(cursor.value()->linesCovered, appended);
    }

    void linesBeyondTheRetainedBudgetAreDroppedAndRecordedAsAGap()
    {
        const QString path = QDir(m_mountPoint.path()).filePath(u"history.sqlite"_s);
        const QString filler = QDir(m_mountPoint.path()).filePath(u"filler"_s);
        QVERIFY(reserveSpace(filler));
        StoreWriterSettings settings = storetest::keepAll();
        settings.retryIntervalMs = 50;
        // The search index's steps write pages of their own: on a 2 MiB file system they took the
        // room these cases count on (the index meets retention in tst_searchindex).
        settings.indexLinesPerTransaction = 0;
        settings.maxRetainedBytes = 200 * 1024; // about 2,600 lines of ~77 bytes
        auto opened = StoreWriter::open(path, settings);
        QVERIFY(opened);
        StoreWriter& writer = *opened.value();
        constexpr qint64 kBatch = 500;
        qint64 appended = 0;
        while (appended < 200'000) {
            writer.append(storetest::kContainer, storetest::numberedBatch(appended + 1, kBatch),
                          QByteArray::number(appended + kBatch));
            appended += kBatch;
            if (!writer.flush())
                break;
        }
        QVERIFY2(writer.status().failing, "the 2 MiB tmpfs never filled up");
        // Ten more batches while full: the first ones are kept, the rest dropped.
        for (int i = 0; i < 10; ++i) {
            writer.append(storetest::kContainer, storetest::numberedBatch(appended + 1, kBatch),
                          QByteArray::number(appended + kBatch));
            appended += kBatch;
            QVERIFY(!writer.flush());
        }
        const StoreWriteStatus full = writer.status();
        QVERIFY2(full.droppedLines > 0, qPrintable(QString::number(full.retainedBytes)));
        QVERIFY(full.retainedBytes <= settings.maxRetainedBytes);
        const qint64 kept = appended - full.droppedLines; // lines 1..kept, the dropped ones after
        qInfo("%lld lines kept, %lld dropped", static_cast<long long>(kept),
              static_cast<long long>(full.droppedLines));

        QVERIFY(QFile::remove(filler));
        QTRY_VERIFY_WITH_TIMEOUT(!writer.status().failing, 5000);
        {
            // Resumed: the store holds 1..kept and its cursor says kept; a restart now would read
            // the dropped lines again from there.
            auto reader = StoreReader::open(path);
            QVERIFY(reader);
            QCOMPARE(reader.value()->lineCount(storetest::kContainer).value(), kept);
            QCOMPARE(reader.value()->cursor(storetest::kContainer).value()->cursor, QByteArray::number(kept));
            QCOMPARE(reader.value()->eventCount().value(), 0);
        }
        // The monitor goes on: its next lines are stored after a gap event that says what is missing.
        writer.append(storetest::kContainer, storetest::numberedBatch(appended + 1, kBatch),
                      QByteArray::number(appended + kBatch));
        appended += kBatch;
        QVERIFY(writer.flush());
        auto raw = SqliteConnection::open(path, SQLITE_OPEN_READWRITE);
        QVERIFY(raw);
        QCOMPARE(raw.value()->queryText("SELECT event FROM task_events", u"test"_s).value(), u"gap"_s);
        const QString detail = raw.value()->queryText("SELECT detail FROM task_events", u"test"_s).value();
        qInfo("%s", qPrintable(detail));
        QVERIFY2(detail.startsWith(QString::number(full.droppedLines) + u" lines from "_s),
                 qPrintable(detail));
        QVERIFY2(detail.contains(u"full"_s), qPrintable(detail));
        auto reader = StoreReader::open(path);
        const QList<StoredLine> lines = storetest::readLines(*reader.value(), storetest::kContainer);
        QCOMPARE(lines.size(), kept + kBatch);
        QCOMPARE(lines[kept - 1].bytes, storetest::numberedLine(kept));
        QCOMPARE(lines[kept].bytes, storetest::numberedLine(appended - kBatch + 1));
        QCOMPARE(integrityCheck(path), u"ok"_s);
    }

    void readOnlyFileSystemIsRefused()
    {
        const QString path = QDir(m_mountPoint.path()).filePath(u"history.sqlite"_s);
        {
            auto writer = StoreWriter::open(path, storetest::keepAll());
            QVERIFY(writer);
            writer.value()->append(storetest::kContainer, storetest::numberedBatch(1, 10), "10"_ba);
            QVERIFY(writer.value()->flush());
        }
        const QByteArray target = QFile::encodeName(m_mountPoint.path());
        QCOMPARE(::mount(nullptr, target.constData(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr), 0);
        auto writer = StoreWriter::open(path, storetest::keepAll());
        QCOMPARE(::mount(nullptr, target.constData(), nullptr, MS_REMOUNT, "size=2m"), 0);
        QVERIFY(!writer);
        QCOMPARE(writer.error().kind, StoreErrorKind::ReadOnly);
        QVERIFY2(writer.error().message.contains(path), qPrintable(writer.error().message));
        qInfo("%s", qPrintable(writer.error().message));
        // Nothing was moved aside or changed: writable again, the store opens with its lines.
        QVERIFY(StoreWriter::open(path, storetest::keepAll()));
        QCOMPARE(StoreReader::open(path).value()->lineCount().value(), 10);
    }

private:
    QTemporaryDir m_mountPoint;
    bool m_mounted = false;
};

QTEST_GUILESS_MAIN(TestStoreDiskFull)
#include "tst_storediskfull.moc"
