#pragma once

#include "ContainerMonitor.h"
#include "Records.h"
#include "TaskLiveness.h"
#include "WorkerPool.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace dockpulse::monitor {

// The seed's task manager: one task per monitored container, each run by a ContainerMonitor in
// a worker thread. Its cleanup, every --cleanup-every, times out a task whose heartbeat age
// exceeds --task-timeout (state timed_out, event heartbeat_timeout) and stops its monitor and
// reader. Heartbeat ages are read from atomics the monitors stamp, so a busy owner thread can
// neither delay a beat nor cause a false timeout. Lives in the owner's (main) thread.
class TaskManager : public QObject
{
    Q_OBJECT
public:
    struct NewTask
    {
        docker::Endpoint endpoint;
        std::optional<docker::ApiVersion> apiVersion;
        QString host; // as shown in tables and CSV
        QString containerId;
        QString containerName;
        std::shared_ptr<const EngineClock> clock;
    };

    TaskManager(MonitorSettings settings, WorkerPool& pool, QObject* parent = nullptr);
    ~TaskManager() override;

    // "container_" and the first 12 hex digits of the id (CONTRACT.md).
    static QString taskName(const QString& containerId);

    // Starts monitoring; returns the task name. A task that already runs is left alone.
    QString add(const NewTask& task);
    // The user stops a task (state stopped).
    void stop(const QString& task, const QString& reason = {});
    void stopAll(const QString& reason = {});
    // Drops a finished task from the list (its records already emitted stay where they went):
    // only a task that is over and whose monitor has ended; false for any other.
    bool forget(const QString& task);
    // New settings for every running monitor (timings apply from their next stream).
    void applySettings(const MonitorSettings& settings);
    const MonitorSettings& settings() const { return m_settings; }

    // Lifecycle news for the task of (host, container id), if any.
    void containerStarted(const QString& host, const QString& containerId);
    void containerRemoved(const QString& host, const QString& containerId);
    void containerRenamed(const QString& host, const QString& containerId, const QString& newName);

    bool contains(const QString& task) const { return m_tasks.contains(task); }
    QString taskFor(const QString& host, const QString& containerId) const;
    QList<TaskSnapshot> snapshots() const;
    TaskSnapshot snapshot(const QString& task) const;
    QStringList taskNames() const { return m_order; }
    // Tasks that are not stopped, timed out or failed.
    int monitoredCount() const;
    // Each monitored task's heartbeat age now.
    QList<MetricSample::TaskAge> heartbeatAges() const;
    // Monitors that have not yet finished (stopping ones included).
    int activeMonitors() const;

    // Runs the cleanup now (tests; the timer calls it too).
    void cleanup();

Q_SIGNALS:
    void taskAdded(const QString& task);
    void taskChanged(const QString& task);
    void linesReady(const QString& task, const QString& host, const QString& containerName,
                    const dockpulse::docker::LogBatch& batch);
    void heartbeatRecorded(const dockpulse::monitor::HeartbeatRecord& record);
    void eventRecorded(const dockpulse::monitor::TaskEventRecord& record);
    // Every monitor has finished (after stopAll()).
    void allFinished();

private:
    struct Entry
    {
        TaskSnapshot snapshot;
        std::shared_ptr<TaskLiveness> liveness;
        QPointer<ContainerMonitor> monitor;
        qint64 startedSteadyNs = 0;
        qint64 endedSteadyNs = 0; // when it became final: its age stops there
    };
    void onStateChanged(const QString& task, TaskState state, const QString& detail);
    void onEvent(const TaskEventRecord& record);
    void onHeartbeat(const HeartbeatRecord& record);
    void onLines(const QString& task, const QString& containerName, const docker::LogBatch& batch);
    void onFinished(const QString& task);
    void markFinal(Entry& entry, TaskState state, const QString& detail);
    qint64 ageMs(const Entry& entry, qint64 nowNs) const;
    template <typename F>
    void invoke(const Entry& entry, F&& f);
    // The task of that container if it is not over, else nullptr.
    Entry* liveEntry(const QString& host, const QString& containerId);

    MonitorSettings m_settings;
    WorkerPool& m_pool;
    QHash<QString, Entry> m_tasks;
    QStringList m_order;
    QTimer m_cleanup;
    int m_running = 0; // monitors started and not finished
};

} // namespace dockpulse::monitor
