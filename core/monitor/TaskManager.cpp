#include "TaskManager.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

namespace {
qint64 wallNowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
// Converts a steady-clock instant into wall time, for the CSV columns people read.
qint64 steadyToWallMs(qint64 steadyNs)
{
    return wallNowMs() - (steadyNowNs() - steadyNs) / 1'000'000;
}
} // namespace

QString TaskManager::taskName(const QString& containerId)
{
    return u"container_"_s + containerId.left(12);
}

TaskManager::TaskManager(MonitorSettings settings, WorkerPool& pool, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_pool(pool)
{
    m_cleanup.setTimerType(Qt::PreciseTimer);
    connect(&m_cleanup, &QTimer::timeout, this, &TaskManager::cleanup);
    m_cleanup.start(int(m_settings.cleanupEveryMs));
}

TaskManager::~TaskManager()
{
    // Monitors live in worker threads; they are deleted there once the pool's threads stop
    // (the owner stops all tasks and waits for allFinished() before destroying us).
    for (const LiveMonitor& m : std::as_const(m_monitors))
        if (m.monitor)
            m.monitor->disconnect(this);
}

QString TaskManager::add(const NewTask& task)
{
    const QString name = taskName(task.containerId);
    auto existing = m_tasks.find(name);
    if (existing != m_tasks.end() && !isFinal(existing->snapshot.state))
        return name;
    m_stoppedByUser.remove(ContainerKey{task.host, task.containerId});

    const qint64 now = steadyNowNs();
    Entry entry;
    entry.snapshot.task = name;
    entry.snapshot.host = task.host;
    entry.snapshot.containerId = task.containerId;
    entry.snapshot.containerName = task.containerName;
    entry.snapshot.state = TaskState::Starting;
    entry.snapshot.startedAtMs = wallNowMs();
    entry.startedSteadyNs = now;
    entry.liveness = std::make_shared<TaskLiveness>(now);

    ContainerMonitor::Config config{task.endpoint,    task.apiVersion,    name,
                                    task.containerId, task.containerName, m_settings,
                                    entry.liveness,   task.clock,         m_resumePoints};
    auto* monitor = new ContainerMonitor(std::move(config));
    monitor->moveToThread(m_pool.next());
    // Every signal names its monitor by id: a stale monitor's news cannot reach a successor.
    const MonitorId id = ++m_lastMonitorId;
    connect(monitor, &ContainerMonitor::stateChanged, this,
            [this, id](const QString&, TaskState state, const QString& detail) {
                onStateChanged(id, state, detail);
            });
    connect(monitor, &ContainerMonitor::taskEvent, this,
            [this, id](const TaskEventRecord& r) { onEvent(id, r); });
    connect(monitor, &ContainerMonitor::heartbeat, this,
            [this, id](const HeartbeatRecord& r) { onHeartbeat(id, r); });
    connect(monitor, &ContainerMonitor::linesReady, this,
            [this, id](const QString&, const QString& containerName, const docker::LogBatch& batch,
                       const QByteArray& resume) { onLines(id, containerName, batch, resume); });
    connect(monitor, &ContainerMonitor::finished, this,
            [this, id](const LogCursor& cursor, bool removed) { onFinished(id, cursor, removed); });
    entry.monitor = id;
    m_monitors.insert(id, LiveMonitor{monitor, name, ContainerKey{task.host, task.containerId}});

    if (existing == m_tasks.end())
        m_order.append(name);
    m_tasks.insert(name, std::move(entry));
    Q_EMIT taskAdded(name);
    startWaitingMonitor(ContainerKey{task.host, task.containerId});
    return name;
}

void TaskManager::startWaitingMonitor(const ContainerKey& key)
{
    // One monitor per container reads at a time: a successor waits for its predecessor's cursor.
    MonitorId waiting = 0;
    for (auto it = m_monitors.cbegin(); it != m_monitors.cend(); ++it) {
        if (it->key != key)
            continue;
        if (it->started)
            return;
        waiting = it.key();
    }
    if (waiting)
        startMonitor(waiting);
}

void TaskManager::startMonitor(MonitorId id)
{
    LiveMonitor& m = m_monitors[id];
    m.started = true;
    if (!m.monitor)
        return;
    QMetaObject::invokeMethod(
        m.monitor.data(),
        [monitor = m.monitor, cursor = m_cursors.find(m.key)] {
            if (monitor)
                monitor->start(cursor);
        },
        Qt::QueuedConnection);
}

TaskManager::Entry* TaskManager::entryOf(MonitorId id)
{
    const auto m = m_monitors.constFind(id);
    if (m == m_monitors.cend())
        return nullptr;
    const auto it = m_tasks.find(m->task);
    return it == m_tasks.end() || it->monitor != id ? nullptr : &it.value();
}

// Calls f(monitor) in the monitor's thread, unless the monitor is gone by then.
template <typename F>
void TaskManager::invoke(MonitorId id, F&& f)
{
    const auto live = m_monitors.constFind(id);
    if (live == m_monitors.cend() || !live->monitor)
        return;
    QPointer<ContainerMonitor> monitor = live->monitor;
    QMetaObject::invokeMethod(
        monitor.data(),
        [monitor, f = std::forward<F>(f)] {
            if (monitor)
                f(*monitor);
        },
        Qt::QueuedConnection);
}

TaskManager::Entry* TaskManager::liveEntry(const QString& host, const QString& containerId)
{
    const auto it = m_tasks.find(taskFor(host, containerId));
    return it == m_tasks.end() || isFinal(it->snapshot.state) ? nullptr : &it.value();
}

void TaskManager::stop(const QString& task)
{
    auto it = m_tasks.find(task);
    if (it == m_tasks.end() || isFinal(it->snapshot.state))
        return;
    m_stoppedByUser.insert(ContainerKey{it->snapshot.host, it->snapshot.containerId});
    invoke(it->monitor, [](ContainerMonitor& m) { m.stop(TaskState::Stopped, u"stopped by the user"_s); });
}

void TaskManager::stopAll(const QString& reason)
{
    // Every monitor, including a successor still waiting for its predecessor.
    for (auto it = m_monitors.cbegin(); it != m_monitors.cend(); ++it)
        invoke(it.key(), [reason](ContainerMonitor& m) { m.endRun(reason); });
    if (m_monitors.isEmpty())
        QMetaObject::invokeMethod(this, &TaskManager::allFinished, Qt::QueuedConnection);
}

void TaskManager::applySettings(const MonitorSettings& settings)
{
    m_settings = settings;
    m_cleanup.start(int(m_settings.cleanupEveryMs));
    for (const Entry& e : std::as_const(m_tasks)) {
        if (isFinal(e.snapshot.state))
            continue;
        invoke(e.monitor, [settings](ContainerMonitor& m) { m.applySettings(settings); });
    }
}

QString TaskManager::taskFor(const QString& host, const QString& containerId) const
{
    const QString name = taskName(containerId);
    const auto it = m_tasks.find(name);
    if (it == m_tasks.end() || it->snapshot.host != host || it->snapshot.containerId != containerId)
        return {};
    return name;
}

void TaskManager::containerStarted(const QString& host, const QString& containerId)
{
    if (Entry* e = liveEntry(host, containerId))
        invoke(e->monitor, [](ContainerMonitor& m) { m.containerStarted(); });
}

void TaskManager::containerDied(const QString& host, const QString& containerId)
{
    if (Entry* e = liveEntry(host, containerId))
        invoke(e->monitor, [](ContainerMonitor& m) { m.containerDied(); });
}

void TaskManager::containerRemoved(const QString& host, const QString& containerId)
{
    m_cursors.forget(ContainerKey{host, containerId});
    m_stoppedByUser.remove(ContainerKey{host, containerId});
    if (Entry* e = liveEntry(host, containerId))
        invoke(e->monitor, [](ContainerMonitor& m) { m.containerRemoved(); });
}

void TaskManager::containerRenamed(const QString& host, const QString& containerId, const QString& newName)
{
    const auto it = m_tasks.find(taskFor(host, containerId));
    if (it == m_tasks.end())
        return;
    it->snapshot.containerName = newName;
    invoke(it->monitor, [newName](ContainerMonitor& m) { m.containerRenamed(newName); });
    Q_EMIT taskChanged(it->snapshot.task);
}

qint64 TaskManager::ageMs(const Entry& entry, qint64 nowNs) const
{
    const qint64 at = entry.endedSteadyNs ? entry.endedSteadyNs : nowNs;
    return entry.liveness->ageNs(at) / 1'000'000;
}

QList<TaskSnapshot> TaskManager::snapshots() const
{
    QList<TaskSnapshot> out;
    out.reserve(m_order.size());
    for (const QString& task : m_order)
        out.append(snapshot(task));
    return out;
}

TaskSnapshot TaskManager::snapshot(const QString& task) const
{
    const auto it = m_tasks.find(task);
    if (it == m_tasks.end())
        return {};
    TaskSnapshot s = it->snapshot;
    const qint64 now = steadyNowNs();
    s.heartbeatAgeMs = ageMs(*it, now);
    s.heartbeats = it->liveness->beats();
    s.lastHeartbeatAtMs = steadyToWallMs(it->liveness->lastBeatNs());
    return s;
}

int TaskManager::monitoredCount() const
{
    int n = 0;
    for (const Entry& e : m_tasks)
        n += isFinal(e.snapshot.state) ? 0 : 1;
    return n;
}

QList<MetricSample::TaskAge> TaskManager::heartbeatAges() const
{
    QList<MetricSample::TaskAge> out;
    const qint64 now = steadyNowNs();
    for (const QString& task : m_order) {
        const Entry& e = m_tasks[task];
        if (!isFinal(e.snapshot.state))
            out.append({task, ageMs(e, now)});
    }
    return out;
}

int TaskManager::activeMonitors() const
{
    return int(m_monitors.size());
}

void TaskManager::cleanup()
{
    cleanupAt(steadyNowNs());
}

void TaskManager::cleanupAt(qint64 now)
{
    QStringList released;
    for (const QString& task : std::as_const(m_order)) {
        Entry& e = m_tasks[task];
        if (isFinal(e.snapshot.state)) {
            if (!e.monitor && now - e.endedSteadyNs >= m_settings.releaseAfterMs * 1'000'000)
                released << task;
            continue;
        }
        const qint64 age = ageMs(e, now);
        if (age <= m_settings.taskTimeoutMs)
            continue;
        const QString detail =
            u"heartbeat age %1 ms exceeds the task timeout of %2 ms"_s.arg(age).arg(m_settings.taskTimeoutMs);
        markFinal(e, TaskState::TimedOut, detail);
        Q_EMIT eventRecorded(
            TaskEventRecord{wallNowMs(), task, u"heartbeat_timeout"_s, detail, e.snapshot.containerName});
        invoke(e.monitor, [detail](ContainerMonitor& m) { m.stop(TaskState::TimedOut, detail); });
        Q_EMIT taskChanged(task);
    }
    for (const QString& task : std::as_const(released))
        forget(task);
}

bool TaskManager::forget(const QString& task)
{
    const auto it = m_tasks.constFind(task);
    if (it == m_tasks.cend() || !isFinal(it->snapshot.state) || it->monitor)
        return false;
    const TaskSnapshot last = snapshot(task);
    m_tasks.erase(it);
    m_order.removeOne(task);
    Q_EMIT taskReleased(last);
    return true;
}

void TaskManager::markFinal(Entry& entry, TaskState state, const QString& detail)
{
    entry.snapshot.state = state;
    entry.endedSteadyNs = steadyNowNs();
    entry.liveness->markEnded();
    if (!detail.isEmpty() && state != TaskState::Stopped)
        entry.snapshot.lastError = detail;
}

void TaskManager::onStateChanged(MonitorId id, TaskState state, const QString& detail)
{
    Entry* e = entryOf(id);
    if (!e || isFinal(e->snapshot.state))
        return; // a stale monitor, or one the cleanup already cancelled
    if (isFinal(state)) {
        markFinal(*e, state, detail);
    } else {
        e->snapshot.state = state;
        if (state == TaskState::Stalled && !detail.isEmpty())
            e->snapshot.lastError = detail;
    }
    Q_EMIT taskChanged(e->snapshot.task);
}

void TaskManager::onEvent(MonitorId id, const TaskEventRecord& record)
{
    Entry* e = entryOf(id);
    // Nothing is reported for a task after it ended (a monitor the cleanup cancelled may still
    // rotate until its stop arrives), nor by a monitor whose task has a successor.
    if (!e || isFinal(e->snapshot.state))
        return;
    if (record.event == u"rotated"_s)
        ++e->snapshot.rotations;
    else if (record.event == u"error"_s || record.event == u"stalled"_s || record.event == u"gap"_s) {
        ++e->snapshot.errors;
        e->snapshot.lastError = record.detail;
    }
    Q_EMIT eventRecorded(record);
}

void TaskManager::onHeartbeat(MonitorId id, const HeartbeatRecord& record)
{
    const Entry* e = entryOf(id);
    if (e && !isFinal(e->snapshot.state))
        Q_EMIT heartbeatRecorded(record);
}

void TaskManager::onLines(MonitorId id, const QString& containerName, const docker::LogBatch& batch,
                          const QByteArray& resume)
{
    // Lines are always delivered: the cursor has taken them, no later task reads them again.
    // They count into the task only while this monitor still runs it.
    const auto live = m_monitors.constFind(id);
    if (live == m_monitors.cend())
        return;
    if (Entry* e = entryOf(id)) {
        e->snapshot.lines += batch.size();
        e->snapshot.bytes += batch.byteSize();
    }
    Q_EMIT linesReady(live->task, live->key.host, containerName, batch);
    if (!resume.isEmpty())
        Q_EMIT linesResumable(live->key, batch, resume);
}

void TaskManager::onFinished(MonitorId id, const LogCursor& cursor, bool containerRemoved)
{
    const auto live = m_monitors.constFind(id);
    if (live == m_monitors.cend())
        return;
    const LiveMonitor m = *live;
    m_monitors.erase(live);
    if (m.monitor)
        m.monitor->deleteLater(); // in its worker thread
    if (containerRemoved)
        m_cursors.forget(m.key);
    else if (m.started)
        m_cursors.keep(m.key, cursor);
    const auto it = m_tasks.find(m.task);
    if (it != m_tasks.end() && it->monitor == id) {
        it->monitor = 0;
        if (!it->endedSteadyNs) // ended `exited` by the run's end: its age stops too
            it->endedSteadyNs = steadyNowNs();
        it->liveness->markEnded();
    }
    startWaitingMonitor(m.key); // its successor continues from the cursor just kept
    Q_EMIT taskChanged(m.task);
    if (m_monitors.isEmpty())
        Q_EMIT allFinished();
}

} // namespace dockpulse::monitor
