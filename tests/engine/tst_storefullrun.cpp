// Disk full under a real run (issue 13): `dockpulse --headless --store` on a small tmpfs of the
// test's own while a container writes. The program says on stderr that the store stopped
// writing and goes on monitoring; once space is freed it says writing resumed; the store is
// intact (PRAGMA integrity_check) and holds every line the container wrote, once, in order.
// Mounting needs root: skipped otherwise, except under CI=true (CI runs as root).
#include "HeadlessRun.h"
#include "SqliteConnection.h"
#include "StoreReader.h"
#include "TestEngine.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using dockpulse::test::HeadlessRun;
using dockpulse::test::RemovedAtEnd;
using dockpulse::test::TestEngine;
namespace store = dockpulse::store;

class TestStoreFullRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_mountPoint;
    bool m_mounted = false;

private Q_SLOTS:
    void initTestCase()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        if (geteuid() != 0 && qEnvironmentVariable("CI") != u"true"_s)
            QSKIP("mounting a tmpfs needs root (CI=true runs it)");
        QVERIFY(m_mountPoint.isValid());
        if (::mount("dockpulse-full-run", QFile::encodeName(m_mountPoint.path()).constData(), "tmpfs",
                    MS_NOSUID | MS_NODEV, "size=4m") != 0)
            QFAIL(qPrintable(u"mount -t tmpfs -o size=4m on %1: %2"_s.arg(
                m_mountPoint.path(), QString::fromLocal8Bit(strerror(errno)))));
        m_mounted = true;
    }

    void cleanupTestCase()
    {
        if (m_mounted)
            QCOMPARE(::umount2(QFile::encodeName(m_mountPoint.path()).constData(), MNT_DETACH), 0);
    }

    void fullDiskStopsWritingNotMonitoring()
    {
        const QString name = TestEngine::uniqueName(u"fullrun"_s);
        RemovedAtEnd removed{name};
        // ~100-byte lines, 50 every 20 ms: 250 kB/s, so the free megabyte is gone in seconds.
        const QString script = u"i=0; while :; do for j in 1 2 3 4 5 6 7 8 9 10; do for k in 1 2 3 4 5; do "
                               u"i=$((i+1)); echo \"line $i padding padding padding padding padding padding "
                               u"padding padding padding padding\"; done; done; usleep 20000; done"_s;
        QVERIFY(!TestEngine::runContainer(name, script).isEmpty());
        const QString storePath = QDir(m_mountPoint.path()).filePath(u"history.sqlite"_s);
        const QString filler = QDir(m_mountPoint.path()).filePath(u"filler"_s);
        {
            QFile f(filler);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(QByteArray(3 * 1024 * 1024, 'x')), qint64(3 * 1024 * 1024));
        }
        HeadlessRun run;
        QVERIFY(run.start(HeadlessRun::compressedTimings() +
                          QStringList{u"--store"_s, storePath, u"-m"_s, name}));
        QVERIFY2(run.waitForStderr("the store stopped writing", 60000), run.stderrText().constData());
        QVERIFY2(run.stderrText().contains("full"), run.stderrText().constData());
        QVERIFY2(run.stderrText().contains(storePath.toUtf8()), run.stderrText().constData());
        // Monitoring goes on meanwhile: its status lines keep counting lines.
        QVERIFY2(run.waitForStderr("streaming", 10000), run.stderrText().constData());
        QVERIFY(QFile::remove(filler));
        QVERIFY2(run.waitForStderr("is writing again", 30000), run.stderrText().constData());
        QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, name}).ok());
        QVERIFY(run.terminate(60000));
        QVERIFY2(run.exitCode() == 0, run.stderrText().constData());

        auto raw = store::SqliteConnection::open(storePath, SQLITE_OPEN_READONLY);
        QVERIFY(raw);
        QCOMPARE(raw.value()->queryText("PRAGMA integrity_check", u"test"_s).value(), u"ok"_s);
        // The lines written just before the stop may not have been read when SIGTERM came (under
        // ThreadSanitizer 17 were not): a resumed run reads them from the stored cursor.
        HeadlessRun last;
        QVERIFY(last.run(HeadlessRun::compressedTimings() +
                             QStringList{u"--store"_s, storePath, u"-m"_s, name, u"--until-exit"_s},
                         120000));
        QVERIFY2(last.exitCode() == 0, last.stderrText().constData());
        // What the container wrote, exactly (export of the store through the program).
        HeadlessRun exported;
        QVERIFY(exported.exportStore(storePath, {u"-m"_s, name}, 60000));
        QVERIFY2(exported.exitCode() == 0, exported.stderrText().constData());
        const QList<QByteArray> stored = exported.messages(name);
        const QList<QByteArray> expected = TestEngine::logLines(name);
        QVERIFY2(expected.size() > 5000, qPrintable(u"only %1 lines written"_s.arg(expected.size())));
        QCOMPARE(stored.size(), expected.size());
        QVERIFY(stored == expected);
        qInfo("%lld lines, every one stored once across a full disk", qlonglong(stored.size()));
    }
};

QTEST_GUILESS_MAIN(TestStoreFullRun)
#include "tst_storefullrun.moc"
