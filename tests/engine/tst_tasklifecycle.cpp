// A task's life at its edges, in-process against the real engine: stopping opens no stream,
// a container monitored again continues from its cursor (every line exactly once), a task the
// user stopped stays stopped under monitor-all while a timed-out one is monitored again, and a
// stale monitor cannot touch its successor (the running count returns to zero).
#include "CompressedSettings.h"
#include "LogReader.h"
#include "MonitorEngine.h"
#include "TaskManager.h"
#include "TestEngine.h"
#include "WorkerPool.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::test::RemovedAtEnd;
using dockpulse::test::TestEngine;
using namespace dockpulse::monitor;
namespace docker = dockpulse::docker;

namespace {

const QString kTicker = TestEngine::countingScript(u"tick"_s, u"0.02"_s);

MonitorSettings compressed()
{
    MonitorSettings s = dockpulse::test::compressedSettings();
    s.threads = 2;
    return s;
}

docker::Endpoint testEndpoint()
{
    return docker::parseEndpoint(TestEngine::hostUrl()).value();
}

// What a task manager (or engine) reported, in arrival order.
struct Recorder
{
    QList<TaskEventRecord> events;
    QList<QByteArray> lines;
    // Lines that arrived after the task's `stopped` / `heartbeat_timeout` (before a new `started`).
    int linesAfterEnd = 0;
    bool ended = false;
    // Only this task's news (monitor-all also monitors whatever else runs on the engine).
    QString onlyTask;

    template <typename Source>
    void attach(Source* source)
    {
        QObject::connect(source, &Source::eventRecorded, source, [this](const TaskEventRecord& r) {
            if (!onlyTask.isEmpty() && r.task != onlyTask)
                return;
            events.append(r);
            if (r.event == u"started"_s)
                ended = false;
            else if (r.event == u"stopped"_s || r.event == u"heartbeat_timeout"_s)
                ended = true;
        });
        QObject::connect(
            source, &Source::linesReady, source,
            [this](const QString& task, const QString&, const QString&, const docker::LogBatch& b) {
                if (!onlyTask.isEmpty() && task != onlyTask)
                    return;
                for (qsizetype i = 0; i < b.size(); ++i)
                    lines.append(b.text(i).toByteArray());
                linesAfterEnd += ended ? int(b.size()) : 0;
            });
    }
    int count(const QString& event) const
    {
        return int(std::count_if(events.cbegin(), events.cend(),
                                 [&](const TaskEventRecord& r) { return r.event == event; }));
    }
    // "event detail" of every event after an end and before the next `started`.
    QStringList afterEnd() const
    {
        QStringList out;
        bool over = false;
        for (const TaskEventRecord& r : events) {
            if (r.event == u"started"_s)
                over = false;
            else if (over)
                out << r.event + u' ' + r.detail;
            else if (r.event == u"stopped"_s || r.event == u"heartbeat_timeout"_s)
                over = true;
        }
        return out;
    }
};

// The lines got are what `docker logs` has, in order, each once (the run may end before the
// container's last lines).
void verifyExactlyOnce(const QList<QByteArray>& got, const QString& container)
{
    const QList<QByteArray> want = TestEngine::logLines(container);
    QVERIFY2(
        got.size() <= want.size(),
        qPrintable(u"%1 lines got, docker logs has %2 (repeated lines)"_s.arg(got.size()).arg(want.size())));
    for (qsizetype i = 0; i < got.size(); ++i)
        QVERIFY2(got[i] == want[i], qPrintable(u"line %1: got \"%2\", docker logs has \"%3\""_s.arg(i).arg(
                                        QString::fromUtf8(got[i]), QString::fromUtf8(want[i]))));
}

TaskManager::NewTask newTask(const QString& id, const QString& name)
{
    return {testEndpoint(), std::nullopt, TestEngine::hostUrl(), id, name, nullptr};
}

// A task manager on two worker threads, with a recorder of what it reports.
struct ManagedTasks
{
    explicit ManagedTasks(const MonitorSettings& settings) : tasks(settings, pool) { rec.attach(&tasks); }
    WorkerPool pool{2};
    TaskManager tasks;
    Recorder rec;
};

// stopAll() and wait for allFinished().
bool stopAllAndWait(TaskManager& tasks)
{
    bool finished = false;
    const auto c =
        QObject::connect(&tasks, &TaskManager::allFinished, &tasks, [&finished] { finished = true; });
    tasks.stopAll();
    const bool ok = QTest::qWaitFor([&finished] { return finished; }, 10000);
    QObject::disconnect(c);
    return ok;
}

bool shutdownAndWait(MonitorEngine& engine)
{
    bool down = false;
    const auto c = QObject::connect(&engine, &MonitorEngine::shutDown, &engine, [&down] { down = true; });
    engine.shutdown();
    const bool ok = QTest::qWaitFor([&down] { return down; }, 10000);
    QObject::disconnect(c);
    return ok;
}

} // namespace

class TestTaskLifecycle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Issue 11 item 1: stopping a task ends its stream and opens none; nothing it does is
    // reported after `stopped`, and no stop is passed off as a rotation.
    void stopOpensNoStream()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"stop"_s);
        const QString id = TestEngine::runContainer(name, kTicker);
        const RemovedAtEnd guard{name};
        const int lateBefore = LogReader::lateCount();
        ManagedTasks managed(compressed());
        TaskManager& tasks = managed.tasks;
        Recorder& rec = managed.rec;
        const QString task = tasks.add(newTask(id, name));
        QTRY_VERIFY_WITH_TIMEOUT(rec.lines.size() > 20, 10000);
        tasks.stop(task);
        QTRY_COMPARE_WITH_TIMEOUT(tasks.activeMonitors(), 0, 10000);
        // Every reader has ended: what a late one would have done is done.
        QTRY_COMPARE_WITH_TIMEOUT(LogReader::liveCount(), 0, 10000);
        QCoreApplication::processEvents();
        QCOMPARE(tasks.snapshot(task).state, TaskState::Stopped);
        QVERIFY2(rec.afterEnd().isEmpty(), qPrintable(rec.afterEnd().join(u"; "_s)));
        QCOMPARE(rec.linesAfterEnd, 0);
        QCOMPARE(LogReader::lateCount() - lateBefore, 0);
        for (const TaskEventRecord& r : std::as_const(rec.events))
            QVERIFY2(!(r.event == u"rotated"_s && r.detail == u"settings"_s), "a stop counted as a rotation");
        verifyExactlyOnce(rec.lines, name);
    }

    // Issue 11 item 2: a container monitored again (the dashboard's untick and tick) continues
    // from its cursor: the second task reads no line the first one read.
    void monitoredAgainContinuesFromCursor()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"again"_s);
        const QString id = TestEngine::runContainer(name, kTicker);
        const RemovedAtEnd guard{name};
        ManagedTasks managed(compressed());
        TaskManager& tasks = managed.tasks;
        Recorder& rec = managed.rec;
        const QString task = tasks.add(newTask(id, name));
        QTRY_VERIFY_WITH_TIMEOUT(rec.lines.size() > 20, 10000);
        tasks.stop(task);
        QTRY_COMPARE_WITH_TIMEOUT(tasks.activeMonitors(), 0, 10000);
        const qsizetype firstRun = rec.lines.size();
        QCOMPARE(tasks.add(newTask(id, name)), task);
        QTRY_VERIFY_WITH_TIMEOUT(rec.lines.size() > firstRun + 20, 10000);
        QCOMPARE(rec.count(u"started"_s), 2);
        QVERIFY(stopAllAndWait(tasks));
        verifyExactlyOnce(rec.lines, name);
        // The second task's counters are its own.
        QCOMPARE(tasks.snapshot(task).lines, rec.lines.size() - firstRun);
    }

    // Issue 11 item 3: the cleanup times a task out and the container is monitored again at
    // once, while the old monitor is still stopping. The old monitor's late signals must not
    // mark the new task, delete its monitor or count into it; stopping all returns the running
    // count to zero; every line arrives once.
    void staleMonitorCannotTouchItsSuccessor()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"stale"_s);
        const QString id = TestEngine::runContainer(name, kTicker);
        const RemovedAtEnd guard{name};
        MonitorSettings s = compressed();
        s.strategy = HeartbeatStrategy::None;
        s.taskTimeoutMs = 200;
        s.cleanupEveryMs = 3'600'000; // the test calls cleanup()
        ManagedTasks managed(s);
        TaskManager& tasks = managed.tasks;
        Recorder& rec = managed.rec;
        const QString task = tasks.add(newTask(id, name));
        QTRY_VERIFY_WITH_TIMEOUT(rec.lines.size() > 20 && tasks.snapshot(task).heartbeatAgeMs > 200, 10000);
        tasks.cleanup();
        QCOMPARE(tasks.snapshot(task).state, TaskState::TimedOut);
        // Raise the timeout so the successor lives, then monitor the container again.
        MonitorSettings longer = s;
        longer.taskTimeoutMs = 3'600'000;
        tasks.applySettings(longer);
        QCOMPARE(tasks.add(newTask(id, name)), task);
        QTRY_COMPARE_WITH_TIMEOUT(tasks.snapshot(task).state, TaskState::Streaming, 10000);
        const qsizetype before = rec.lines.size();
        QTRY_VERIFY_WITH_TIMEOUT(rec.lines.size() > before + 20, 10000);
        QCOMPARE(tasks.snapshot(task).state, TaskState::Streaming);
        QCOMPARE(tasks.activeMonitors(), 1);
        QVERIFY(stopAllAndWait(tasks));
        QCOMPARE(tasks.activeMonitors(), 0);
        QCOMPARE(tasks.snapshot(task).state, TaskState::Stopped);
        verifyExactlyOnce(rec.lines, name);
    }

    // Issue 11 item 2: under monitor-all, a task the user stopped is not brought back by its
    // container's next start; a container that starts after it is monitored (the witness that
    // the start was seen).
    // released: the stopped task is also released from memory (releaseAfterMs) before the
    // container restarts; the user's stop still holds.
    void userStoppedStaysStoppedUnderMonitorAll_data()
    {
        QTest::addColumn<bool>("released");
        QTest::newRow("kept in the task list") << false;
        QTest::newRow("released from memory") << true;
    }

    void userStoppedStaysStoppedUnderMonitorAll()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        QFETCH(bool, released);
        const QString name = TestEngine::uniqueName(u"userstop"_s);
        const QString id = TestEngine::runContainer(name, kTicker);
        const RemovedAtEnd guard{name};
        MonitorSettings settings = compressed();
        if (released)
            settings.releaseAfterMs = 1;
        MonitorEngine engine(settings, {{testEndpoint(), TestEngine::hostUrl()}});
        const QString task = TaskManager::taskName(id);
        Recorder rec;
        rec.onlyTask = task;
        rec.attach(&engine);
        engine.start();
        engine.setMonitorAll(true);
        QTRY_VERIFY_WITH_TIMEOUT(engine.tasks().snapshot(task).lines > 10, 10000);
        engine.stopTask(task);
        if (released)
            QTRY_VERIFY_WITH_TIMEOUT(!engine.tasks().contains(task), 10000);
        else
            QTRY_COMPARE_WITH_TIMEOUT(engine.tasks().snapshot(task).state, TaskState::Stopped, 10000);
        QVERIFY(TestEngine::docker({u"restart"_s, u"-t"_s, u"0"_s, name}).ok());
        const QString witness = TestEngine::uniqueName(u"witness"_s);
        const QString witnessId = TestEngine::runContainer(witness, kTicker);
        const RemovedAtEnd witnessGuard{witness};
        QTRY_VERIFY_WITH_TIMEOUT(engine.tasks().contains(TaskManager::taskName(witnessId)), 10000);
        if (released)
            QVERIFY2(!engine.tasks().contains(task), "monitor-all brought back a task the user stopped");
        else
            QCOMPARE(engine.tasks().snapshot(task).state, TaskState::Stopped);
        int started = 0;
        for (const TaskEventRecord& r : std::as_const(rec.events))
            started += r.task == task && r.event == u"started"_s ? 1 : 0;
        QCOMPARE(started, 1);
        QVERIFY(shutdownAndWait(engine));
        QCOMPARE(engine.tasks().activeMonitors(), 0);
    }

    // Issue 11 item 2 / issue 14 item 1: under monitor-all, a task that timed out is monitored
    // again (after a backoff) from its cursor: nothing lost, nothing read twice.
    void timedOutIsMonitoredAgainUnderMonitorAll()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"again-all"_s);
        const QString id = TestEngine::runContainer(name, kTicker);
        const RemovedAtEnd guard{name};
        MonitorSettings s = compressed();
        s.strategy = HeartbeatStrategy::None; // every task times out after 1 s
        s.taskTimeoutMs = 1000;
        s.cleanupEveryMs = 200;
        MonitorEngine engine(s, {{testEndpoint(), TestEngine::hostUrl()}});
        const QString task = TaskManager::taskName(id);
        Recorder rec;
        rec.onlyTask = task; // what else runs on the engine is monitored too
        rec.attach(&engine);
        engine.start();
        engine.setMonitorAll(true);
        auto countFor = [&](const QString& event) {
            int n = 0;
            for (const TaskEventRecord& r : std::as_const(rec.events))
                n += r.task == task && r.event == event ? 1 : 0;
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(countFor(u"heartbeat_timeout"_s) >= 1, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(countFor(u"started"_s) >= 2, 15000);
        const qsizetype before = rec.lines.size();
        QTRY_VERIFY_WITH_TIMEOUT(rec.lines.size() > before + 20, 10000);
        QVERIFY(shutdownAndWait(engine));
        QCOMPARE(engine.tasks().activeMonitors(), 0);
        // Lines the monitor had read before the cleanup's cancel reached it may follow
        // `heartbeat_timeout`: they are delivered (the cursor has them), once.
        verifyExactlyOnce(rec.lines, name);
    }
};

QTEST_GUILESS_MAIN(TestTaskLifecycle)
#include "tst_tasklifecycle.moc"
