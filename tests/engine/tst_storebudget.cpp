// Retention through the program (issue 13): `dockpulse --headless --store --store-max-size 2M`
// while a container writes several times that. The store stays within its budget, the oldest
// lines go first (what is left is exactly the newest part of `docker logs`, without a hole),
// and each removal is a `pruned` event of that container's task. The run's metric samples are
// stored and exported too.
#include "HeadlessRun.h"
#include "SqliteConnection.h"
#include "TestEngine.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using dockpulse::test::HeadlessRun;
using dockpulse::test::RemovedAtEnd;
using dockpulse::test::TestEngine;
namespace store = dockpulse::store;

class TestStoreBudget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sizeBudgetHoldsWhileWriting()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"budget"_s);
        RemovedAtEnd removed{name};
        // ~110-byte lines, 100 every 20 ms: about 500 kB/s.
        const QString script =
            u"i=0; while :; do for j in 1 2 3 4 5 6 7 8 9 10; do for k in 1 2 3 4 5 6 7 8 9 10; do "
            u"i=$((i+1)); echo \"line $i padding padding padding padding padding padding "
            u"padding padding padding padding padding\"; done; done; usleep 20000; done"_s;
        const QString id = TestEngine::runContainer(name, script);
        QVERIFY(!id.isEmpty());
        QTemporaryDir dir;
        const QString storePath = dir.filePath(u"history.sqlite"_s);
        constexpr qint64 kBudget = qint64(2) << 20;
        HeadlessRun run;
        QVERIFY(
            run.start(HeadlessRun::compressedTimings() +
                      QStringList{u"--store"_s, storePath, u"--store-max-size"_s, u"2M"_s, u"-m"_s, name}));
        QTest::qWait(15000);
        QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, name}).ok());
        QVERIFY(run.terminate(60000));
        QVERIFY2(run.exitCode() == 0, run.stderrText().constData());

        auto raw = store::SqliteConnection::open(storePath, SQLITE_OPEN_READONLY);
        QVERIFY(raw);
        store::SqliteConnection& db = *raw.value();
        const qint64 used = db.queryInt64("SELECT (SELECT page_count FROM pragma_page_count()) - "
                                          "(SELECT freelist_count FROM pragma_freelist_count())",
                                          u"test"_s)
                                .value() *
                            db.queryInt64("PRAGMA page_size", u"test"_s).value();
        const QList<QByteArray> written = TestEngine::logLines(name);
        qint64 writtenBytes = 0;
        for (const QByteArray& line : written)
            writtenBytes += line.size();
        qInfo("the container wrote %lld lines (%.1f MB); the store uses %.2f MiB of its 2 MiB budget",
              qlonglong(written.size()), writtenBytes / 1e6, used / double(1 << 20));
        QVERIFY2(writtenBytes > 3 * kBudget, "the container must write well past the budget");
        QVERIFY2(used <= kBudget + kBudget / 10, qPrintable(u"%1 bytes used"_s.arg(used)));

        const qint64 pruned =
            db.queryInt64(qPrintable(u"SELECT count(*) FROM task_events WHERE event = 'pruned' "
                                     u"AND task = 'container_%1' AND detail LIKE "
                                     u"'%% removed: size budget 2 MiB'"_s.arg(id.left(12))),
                          u"test"_s)
                .value();
        QVERIFY2(pruned >= 1, "each removal is a pruned event");

        // What is left is the newest part of what the container wrote, in order, without a hole.
        HeadlessRun exported;
        QVERIFY(exported.exportStore(storePath, {u"-m"_s, name}, 60000));
        QVERIFY2(exported.exitCode() == 0, exported.stderrText().constData());
        const QList<QByteArray> kept = exported.messages(name);
        QVERIFY(!kept.isEmpty());
        QVERIFY(kept.size() < written.size());
        QVERIFY(kept == written.sliced(written.size() - kept.size()));
        // The run's metric samples are kept too (by the same budget) and exported as metrics.csv.
        const qint64 samples = db.queryInt64("SELECT count(*) FROM metric_samples", u"test"_s).value();
        QVERIFY2(samples > 0, "the run's metric samples are stored");
        QCOMPARE(qint64(exported.csv(u"metrics.csv"_s).size() - 1), samples);
    }
};

QTEST_GUILESS_MAIN(TestStoreBudget)
#include "tst_storebudget.moc"
