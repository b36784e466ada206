// The seed's timelines (seed/timing-diagrams.md), compressed 100x, run by the real program
// against the real engine and judged by the CSV files it exports.
#include "HeadlessRun.h"
#include "TestEngine.h"

#include <QSet>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::test::column;
using dockpulse::test::CsvRow;
using dockpulse::test::HeadlessRun;
using dockpulse::test::isoMillis;
using dockpulse::test::TestEngine;

namespace {
// A container that writes a line every 0.1 s for a long time.
QString startTicking(const QString& suffix)
{
    const QString name = TestEngine::uniqueName(suffix);
    TestEngine::runContainer(name, TestEngine::countingScript(u"tick"_s, u"0.1"_s));
    return name;
}

// No stream outlives its task: nothing follows a task's `stopped` / `heartbeat_timeout` in
// events.csv, and no reader was started after its task had ended.
void verifyNothingOutlivesItsTask(const HeadlessRun& run)
{
    const QStringList after = run.eventsAfterTaskEnded();
    QVERIFY2(after.isEmpty(), qPrintable(u"after the task ended: "_s + after.join(u"; "_s)));
    QCOMPARE(run.lateReaders(), 0);
}

qint64 eventTime(const HeadlessRun& run, const QString& event)
{
    const auto rows = run.events(event);
    return rows.isEmpty() ? -1 : isoMillis(rows.first()[0]);
}
} // namespace

class TestTimelines : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Diagram 1, broken: without heartbeats the cleanup cancels a healthy task once its age
    // passes the task timeout, within one cleanup period.
    void noHeartbeatsTimesOutHealthyTask()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = startTicking(u"none"_s);
        HeadlessRun run;
        QVERIFY(run.run(HeadlessRun::compressedTimings() +
                            QStringList{u"--strategy"_s, u"none"_s, u"-m"_s, name, u"--duration"_s, u"5"_s},
                        30000));
        QCOMPARE(run.exitCode(), 0);
        const qint64 started = eventTime(run, u"started"_s);
        const qint64 timedOut = eventTime(run, u"heartbeat_timeout"_s);
        QVERIFY2(timedOut > 0, "no heartbeat_timeout event");
        const qint64 after = timedOut - started;
        // Task timeout 3000 ms, cleanup every 600 ms (slack for the program's start-up).
        QVERIFY2(after >= 3000 && after <= 3000 + 600 + 300,
                 qPrintable(u"timed out after %1 ms"_s.arg(after)));
        QCOMPARE(run.csv(u"heartbeats.csv"_s).size(), 1); // the header only

        const auto tasks = run.csv(u"tasks.csv"_s);
        QCOMPARE(tasks.size(), 2);
        QCOMPARE(tasks[1][column(tasks, "state")], QByteArray("timed_out"));
        // The monitor and its reader are stopped: nothing happens after the cancel, and the
        // stop is no rotation (settings were never applied).
        verifyNothingOutlivesItsTask(run);
        for (const CsvRow& r : run.events(u"rotated"_s))
            QCOMPARE(r[3], QByteArray("deadline"));
        const auto metrics = run.csv(u"metrics.csv"_s);
        const int readers = column(metrics, "readers");
        QCOMPARE(metrics.last()[readers], QByteArray("0"));
        TestEngine::removeContainer(name);
    }

    // Diagram 1, fixed: hybrid heartbeats keep the task alive for 3x the task timeout, and the
    // heartbeat age never exceeds the period by more than a little.
    void hybridKeepsTaskAlive()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = startTicking(u"hybrid"_s);
        HeadlessRun run;
        QVERIFY(run.run(
            HeadlessRun::compressedTimings() + QStringList{u"-m"_s, name, u"--duration"_s, u"9.5"_s}, 40000));
        QCOMPARE(run.exitCode(), 0);
        QVERIFY(run.events(u"heartbeat_timeout"_s).isEmpty());
        const auto tasks = run.csv(u"tasks.csv"_s);
        QCOMPARE(tasks[1][column(tasks, "state")], QByteArray("stopped")); // stopped by the run's end
        verifyNothingOutlivesItsTask(run);

        const qint64 slack = 300;
        const auto heartbeats = run.csv(u"heartbeats.csv"_s);
        QVERIFY(heartbeats.size() > 30);
        const int age = column(heartbeats, "age_before_ms");
        for (qsizetype i = 1; i < heartbeats.size(); ++i)
            QVERIFY2(heartbeats[i][age].toLongLong() < 300 + slack, heartbeats[i][age].constData());
        const auto metrics = run.csv(u"metrics.csv"_s);
        const int maxAge = column(metrics, "max_heartbeat_age_ms");
        for (qsizetype i = 1; i < metrics.size(); ++i)
            QVERIFY2(metrics[i][maxAge].toLongLong() < 300 + slack, metrics[i][maxAge].constData());
        TestEngine::removeContainer(name);
    }

    // Diagrams 2 and 6: over 100+ rotations per task, no reader is opened for a task that has
    // ended, the thread count stays flat, and the safety net never fires.
    void rotationsLeakNoReaderOrThread()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString a = startTicking(u"rot-a"_s);
        const QString b = startTicking(u"rot-b"_s);
        HeadlessRun run;
        QVERIFY(run.run({u"-m"_s,
                         a,
                         u"-m"_s,
                         b,
                         u"--read-deadline"_s,
                         u"100"_s,
                         u"--context-timeout"_s,
                         u"150"_s,
                         u"--heartbeat-every"_s,
                         u"100"_s,
                         u"--task-timeout"_s,
                         u"3000"_s,
                         u"--cleanup-every"_s,
                         u"500"_s,
                         u"--sample-every"_s,
                         u"50"_s,
                         u"--threads"_s,
                         u"2"_s,
                         u"--duration"_s,
                         u"12"_s},
                        60000));
        QCOMPARE(run.exitCode(), 0);
        QVERIFY(run.events(u"safety_net"_s).isEmpty());
        const auto tasks = run.csv(u"tasks.csv"_s);
        const int rotations = column(tasks, "rotations");
        for (qsizetype i = 1; i < tasks.size(); ++i)
            QVERIFY2(tasks[i][rotations].toInt() >= 100, tasks[i][rotations].constData());

        const auto metrics = run.csv(u"metrics.csv"_s);
        const int threads = column(metrics, "threads");
        QVERIFY(metrics.size() > 100);
        QSet<QByteArray> threadCounts;
        const qint64 firstSample = isoMillis(metrics[1][0]);
        for (qsizetype i = 1; i < metrics.size(); ++i) {
            if (isoMillis(metrics[i][0]) - firstSample > 1000) // after start-up
                threadCounts.insert(metrics[i][threads]);
        }
        QCOMPARE(threadCounts.size(), 1);
        // main thread + 2 workers, plus whatever Qt itself keeps; constant is what matters.
        QVERIFY(threadCounts.begin()->toInt() >= 3);
        verifyNothingOutlivesItsTask(run);
        TestEngine::removeContainer(a);
        TestEngine::removeContainer(b);
    }

    // Diagram 5: heartbeats.csv shows exactly the sources of each strategy.
    void strategiesBeatFromTheirSources_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<QStringList>("sources");
        QTest::newRow("ticker") << u"ticker"_s << QStringList{u"ticker"_s};
        QTest::newRow("rotation") << u"rotation"_s << QStringList{u"rotation"_s};
        QTest::newRow("hybrid") << u"hybrid"_s << QStringList{u"rotation"_s, u"ticker"_s};
        QTest::newRow("none") << u"none"_s << QStringList{};
    }
    void strategiesBeatFromTheirSources()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        QFETCH(QString, strategy);
        QFETCH(QStringList, sources);
        const QString name = startTicking(u"strategy-"_s + strategy);
        HeadlessRun run;
        QVERIFY(run.run(HeadlessRun::compressedTimings() +
                            QStringList{u"--strategy"_s, strategy, u"-m"_s, name, u"--duration"_s, u"2"_s},
                        30000));
        QCOMPARE(run.exitCode(), 0);
        const auto heartbeats = run.csv(u"heartbeats.csv"_s);
        const int source = column(heartbeats, "source");
        QSet<QString> seen;
        for (qsizetype i = 1; i < heartbeats.size(); ++i)
            seen.insert(QString::fromUtf8(heartbeats[i][source]));
        QStringList got = seen.values();
        got.sort();
        QCOMPARE(got, sources);
        if (!sources.isEmpty())
            QVERIFY(heartbeats.size() > 4); // ~2 s at 300 ms
        verifyNothingOutlivesItsTask(run);
        TestEngine::removeContainer(name);
    }
};

QTEST_GUILESS_MAIN(TestTimelines)
#include "tst_timelines.moc"
