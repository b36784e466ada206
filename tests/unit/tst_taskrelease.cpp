// The task manager forgets a finished task releaseAfterMs after it ended (its entry, and through
// taskReleased() the dashboard's row and log lines), never before, and never while its monitor
// still runs. The monitors here point at an engine that does not exist: they retry (stalled)
// until stopped, which is all these cases need.
#include "TaskManager.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using monitor::TaskManager;
using monitor::TaskSnapshot;
using monitor::TaskState;

namespace {

constexpr qint64 kGraceMs = 600000;
constexpr qint64 kNsPerMs = 1'000'000;

monitor::MonitorSettings settings()
{
    monitor::MonitorSettings s;
    s.releaseAfterMs = kGraceMs;
    s.taskTimeoutMs = 10 * kGraceMs; // a running task is not timed out by the clock jumps below
    s.cleanupEveryMs = 3600000;      // the tests run the cleanup themselves
    return s;
}

TaskManager::NewTask nowhere(const QString& id)
{
    auto endpoint = docker::parseEndpoint(u"unix:///nonexistent/dockpulse-tst-taskrelease.sock"_s);
    return {endpoint.value(), std::nullopt, u"nowhere"_s, id, u"c-"_s + id, nullptr};
}

const QString kIdA = u"aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000"_s;
const QString kIdB = u"bbbbbbbbbbbb0000000000000000000000000000000000000000000000000000"_s;

} // namespace

class TestTaskRelease : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void releasedAfterTheGraceAndNotBefore()
    {
        monitor::WorkerPool pool(1);
        TaskManager tasks(settings(), pool);
        QList<TaskSnapshot> released;
        connect(&tasks, &TaskManager::taskReleased, this, [&](const TaskSnapshot& s) { released << s; });
        const QString a = tasks.add(nowhere(kIdA));
        const QString b = tasks.add(nowhere(kIdB));
        const qint64 beforeStop = monitor::steadyNowNs();
        tasks.stop(a);
        QTRY_COMPARE_WITH_TIMEOUT(tasks.activeMonitors(), 1, 20000);
        const qint64 afterFinish = monitor::steadyNowNs();
        QCOMPARE(tasks.snapshot(a).state, TaskState::Stopped);

        // It ended at or after beforeStop: one nanosecond short of the grace it must stay.
        tasks.cleanupAt(beforeStop + kGraceMs * kNsPerMs - 1);
        QVERIFY(tasks.contains(a));
        QVERIFY(released.isEmpty());

        tasks.cleanupAt(afterFinish + kGraceMs * kNsPerMs);
        QVERIFY(!tasks.contains(a));
        QVERIFY(!tasks.taskNames().contains(a));
        QVERIFY(tasks.taskFor(u"nowhere"_s, kIdA).isEmpty());
        for (const TaskSnapshot& s : tasks.snapshots())
            QVERIFY(s.task != a);
        QCOMPARE(released.size(), 1);
        QCOMPARE(released[0].task, a);
        QCOMPARE(released[0].state, TaskState::Stopped);
        QCOMPARE(released[0].containerId, kIdA);
        // The running task is untouched: not final, so never released, however late.
        QVERIFY(tasks.contains(b));
        QVERIFY(!monitor::isFinal(tasks.snapshot(b).state));

        // The same container monitored again is a new task.
        QCOMPARE(tasks.add(nowhere(kIdA)), a);
        QVERIFY(tasks.contains(a));
        QVERIFY(!monitor::isFinal(tasks.snapshot(a).state));
        tasks.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(tasks.activeMonitors(), 0, 20000);
    }

    // The cleanup times a stale task out and stops its monitor; until that monitor has finished
    // the task is kept, whatever the clock says (its late signals still find it).
    void notReleasedWhileItsMonitorRuns()
    {
        monitor::WorkerPool pool(1);
        TaskManager tasks(settings(), pool);
        int released = 0;
        connect(&tasks, &TaskManager::taskReleased, this, [&] { ++released; });
        const QString a = tasks.add(nowhere(kIdA));
        const qint64 far = monitor::steadyNowNs() + 100 * kGraceMs * kNsPerMs;
        tasks.cleanupAt(far); // times it out: heartbeat age far past the task timeout
        QCOMPARE(tasks.snapshot(a).state, TaskState::TimedOut);
        QCOMPARE(tasks.activeMonitors(), 1); // its stop is queued to the worker
        tasks.cleanupAt(far + 2 * kGraceMs * kNsPerMs);
        QVERIFY(tasks.contains(a));
        QCOMPARE(released, 0);
        QTRY_COMPARE_WITH_TIMEOUT(tasks.activeMonitors(), 0, 20000);
        tasks.cleanupAt(far + 2 * kGraceMs * kNsPerMs);
        QVERIFY(!tasks.contains(a));
        QCOMPARE(released, 1);
    }

    void forgetOnlyFinishedTasks()
    {
        monitor::WorkerPool pool(1);
        TaskManager tasks(settings(), pool);
        int released = 0;
        connect(&tasks, &TaskManager::taskReleased, this, [&] { ++released; });
        QVERIFY(!tasks.forget(u"container_unknown"_s));
        const QString a = tasks.add(nowhere(kIdA));
        QVERIFY(!tasks.forget(a)); // running
        tasks.stop(a);
        QTRY_COMPARE_WITH_TIMEOUT(tasks.activeMonitors(), 0, 20000);
        QCOMPARE(released, 0);
        QVERIFY(tasks.forget(a));
        QVERIFY(!tasks.contains(a));
        QVERIFY(!tasks.forget(a)); // already gone
        QCOMPARE(released, 1);
    }
};

QTEST_GUILESS_MAIN(TestTaskRelease)
#include "tst_taskrelease.moc"
