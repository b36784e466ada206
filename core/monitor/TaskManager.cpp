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
    for (Entry& e : m_tasks)
        if (e.monitor)
            e.monitor->disconnect(this);
}

QString TaskManager::add(const NewTask& task)
{
    const QString name = taskName(task.containerId);
    auto existing = m_tasks.find(name);
    if (existing != m_tasks.end() && !isFinal(existing->snapshot.state))
        return name;

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

    ContainerMonitor::Config config{task.endpoint,      task.apiVersion, name,           task.containerId,
                                    task.containerName, m_settings,      entry.liveness, task.clock};
    auto* monitor = new ContainerMonitor(std::move(config));
    monitor->moveToThread(m_pool.next());
    connect(monitor, &ContainerMonitor::stateChanged, this, &TaskManager::onStateChanged);
    connect(monitor, &ContainerMonitor::taskEvent, this, &TaskManager::onEvent);
    connect(monitor, &ContainerMonitor::heartbeat, this, &TaskManager::onHeartbeat);
    connect(monitor, &ContainerMonitor::linesReady, this, &TaskManager::onLines);
    connect(monitor, &ContainerMonitor::finished, this, &TaskManager::onFinished);
    entry.monitor = monitor;
    ++m_running;

    if (existing == m_tasks.end())
        m_order.append(name);
    m_tasks.insert(name, std::move(entry));
    QMetaObject::invokeMethod(monitor, &ContainerMonitor::start, Qt::QueuedConnection);
    Q_EMIT taskAdded(name);
    return name;
}

// Calls f(monitor) in the monitor's thread, unless the monitor is gone by then.
template <typename F>
void TaskManager::invoke(const Entry& entry, F&& f)
{
    QPointer<ContainerMonitor> monitor = entry.monitor;
    if (!monitor)
        return;
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

void TaskManager::stop(const QString& task, const QString& reason)
{
    auto it = m_tasks.find(task);
    if (it == m_tasks.end() || isFinal(it->snapshot.state))
        return;
    const QString why = reason.isEmpty() ? u"stopped by the user"_s : reason;
    invoke(*it, [why](ContainerMonitor& m) { m.stop(TaskState::Stopped, why); });
}

void TaskManager::stopAll(const QString& reason)
{
    for (const QString& task : std::as_const(m_order))
        stop(task, reason);
    if (m_running == 0)
        QMetaObject::invokeMethod(this, &TaskManager::allFinished, Qt::QueuedConnection);
}

bool TaskManager::forget(const QString& task)
{
    const auto it = m_tasks.find(task);
    if (it == m_tasks.end() || !isFinal(it->snapshot.state) || it->monitor)
        return false;
    m_tasks.erase(it);
    m_order.removeOne(task);
    return true;
}

void TaskManager::applySettings(const MonitorSettings& settings)
{
    m_settings = settings;
    m_cleanup.start(int(m_settings.cleanupEveryMs));
    for (const Entry& e : std::as_const(m_tasks)) {
        if (isFinal(e.snapshot.state))
            continue;
        invoke(e, [settings](ContainerMonitor& m) { m.applySettings(settings); });
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
        invoke(*e, [](ContainerMonitor& m) { m.containerStarted(); });
}

void TaskManager::containerRemoved(const QString& host, const QString& containerId)
{
    if (Entry* e = liveEntry(host, containerId))
        invoke(*e, [](ContainerMonitor& m) { m.containerRemoved(); });
}

void TaskManager::containerRenamed(const QString& host, const QString& containerId, const QString& newName)
{
    const auto it = m_tasks.find(taskFor(host, containerId));
    if (it == m_tasks.end())
        return;
    it->snapshot.containerName = newName;
    invoke(*it, [newName](ContainerMonitor& m) { m.containerRenamed(newName); });
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
    return m_running;
}

void TaskManager::cleanup()
{
    const qint64 now = steadyNowNs();
    for (const QString& task : std::as_const(m_order)) {
        Entry& e = m_tasks[task];
        if (isFinal(e.snapshot.state))
            continue;
        const qint64 age = ageMs(e, now);
        if (age <= m_settings.taskTimeoutMs)
            continue;
        const QString detail =
            u"heartbeat age %1 ms exceeds the task timeout of %2 ms"_s.arg(age).arg(m_settings.taskTimeoutMs);
        markFinal(e, TaskState::TimedOut, detail);
        Q_EMIT eventRecorded(
            TaskEventRecord{wallNowMs(), task, u"heartbeat_timeout"_s, detail, e.snapshot.containerName});
        invoke(e, [detail](ContainerMonitor& m) { m.stop(TaskState::TimedOut, detail); });
        Q_EMIT taskChanged(task);
    }
}

void TaskManager::markFinal(Entry& entry, TaskState state, const QString& detail)
{
    entry.snapshot.state = state;
    entry.endedSteadyNs = steadyNowNs();
    if (!detail.isEmpty() && state != TaskState::Stopped)
        entry.snapshot.lastError = detail;
}

void TaskManager::onStateChanged(const QString& task, TaskState state, const QString& detail)
{
    auto it = m_tasks.find(task);
    if (it == m_tasks.end() || isFinal(it->snapshot.state))
        return; // a late report from a monitor the cleanup already cancelled
    if (isFinal(state)) {
        markFinal(*it, state, detail);
    } else {
        it->snapshot.state = state;
        if (state == TaskState::Stalled && !detail.isEmpty())
            it->snapshot.lastError = detail;
    }
    Q_EMIT taskChanged(task);
}

void TaskManager::onEvent(const TaskEventRecord& record)
{
    auto it = m_tasks.find(record.task);
    if (it != m_tasks.end()) {
        if (record.event == u"rotated"_s)
            ++it->snapshot.rotations;
        else if (record.event == u"error"_s || record.event == u"stalled"_s) {
            ++it->snapshot.errors;
            it->snapshot.lastError = record.detail;
        }
    }
    Q_EMIT eventRecorded(record);
}

void TaskManager::onHeartbeat(const HeartbeatRecord& record)
{
    Q_EMIT heartbeatRecorded(record);
}

void TaskManager::onLines(const QString& task, const QString& containerName, const docker::LogBatch& batch)
{
    auto it = m_tasks.find(task);
    if (it == m_tasks.end())
        return;
    it->snapshot.lines += batch.size();
    it->snapshot.bytes += batch.byteSize();
    Q_EMIT linesReady(task, it->snapshot.host, containerName, batch);
}

void TaskManager::onFinished(const QString& task)
{
    auto it = m_tasks.find(task);
    if (it != m_tasks.end() && it->monitor) {
        it->monitor->deleteLater(); // in its worker thread
        it->monitor = nullptr;
        --m_running;
    }
    Q_EMIT taskChanged(task);
    if (m_running == 0)
        Q_EMIT allFinished();
}

} // namespace dockpulse::monitor
