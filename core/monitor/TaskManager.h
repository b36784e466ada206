#pragma once

#include "ContainerKey.h"
#include "ContainerMonitor.h"
#include "CursorBook.h"
#include "Records.h"
#include "TaskLiveness.h"
#include "WorkerPool.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>

namespace dockpulse::monitor {

// The seed's task manager: one task per monitored container, each run by a ContainerMonitor in
// a worker thread. Its cleanup, every --cleanup-every, times out a task whose heartbeat age
// exceeds --task-timeout (state timed_out, event heartbeat_timeout) and stops its monitor and
// reader. Heartbeat ages are read from atomics the monitors stamp, so a busy owner thread can
// neither delay a beat nor cause a false timeout. The same cleanup releases a finished task
// (final state, monitor finished) once it has been over for releaseAfterMs, so that a run with
// container churn keeps flat memory (taskReleased() hands its last snapshot over); the
// container's cursor stays in the CursorBook. Lives in the owner's (main) thread.
//
// Monitors are identified by a generation number, never by the task name: a task's name is
// reused when its container is monitored again, and a stale monitor's late signals (it is still
// stopping) must not reach its successor. A container's successor monitor starts only once its
// predecessor has finished and handed back the container's cursor (CursorBook), so it continues
// exactly where the predecessor ended.
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

    // Starts monitoring; returns the task name. A task that already runs is left alone. A
    // container monitored before continues from its cursor.
    QString add(const NewTask& task);
    // The user stops a task (state stopped); remembered per container (see stoppedByUser()).
    void stop(const QString& task);
    // The run ends: every task stops; one whose container is not running stays `exited`.
    void stopAll(const QString& reason = {});
    // New settings for every running monitor (timings apply from their next stream).
    void applySettings(const MonitorSettings& settings);
    const MonitorSettings& settings() const { return m_settings; }

    // Lifecycle news for the task of (host, container id), if any.
    void containerStarted(const QString& host, const QString& containerId);
    void containerDied(const QString& host, const QString& containerId);
    void containerRemoved(const QString& host, const QString& containerId);
    void containerRenamed(const QString& host, const QString& containerId, const QString& newName);

    bool contains(const QString& task) const { return m_tasks.contains(task); }
    QString taskFor(const QString& host, const QString& containerId) const;
    // The user stopped this container's task: monitor-all leaves it alone, also once the task was
    // released from memory. Adding a task of it again (the user asked) clears the mark.
    bool stoppedByUser(const ContainerKey& key) const { return m_stoppedByUser.contains(key); }
    QList<TaskSnapshot> snapshots() const;
    TaskSnapshot snapshot(const QString& task) const;
    QStringList taskNames() const { return m_order; }
    // Tasks that are not stopped, timed out or failed.
    int monitoredCount() const;
    // Each monitored task's heartbeat age now.
    QList<MetricSample::TaskAge> heartbeatAges() const;
    // Monitors that have not yet finished (stopping ones, and successors waiting for them,
    // included).
    int activeMonitors() const;
    // Each container's cursor, kept across its tasks.
    const CursorBook& cursors() const { return m_cursors; }
    // Where an earlier run of dockpulse left that container (from the store): its next task
    // continues there. Before its task is added.
    void seedResumePoint(const ContainerKey& key, const ResumePoint& point) { m_cursors.keep(key, point); }
    // Every batch then also comes with its resume point (linesResumable()); for monitors added
    // from then on.
    void setResumePoints(bool on) { m_resumePoints = on; }

    // Runs the cleanup now (tests; the timer calls it too).
    void cleanup();
    // The cleanup as if the steady clock read nowNs: times out stale tasks, releases those
    // finished at least releaseAfterMs before.
    void cleanupAt(qint64 nowNs);
    // Releases a finished task now (its state is final and its monitor has finished): emits
    // taskReleased() and forgets it. False, and nothing happens, for any other task.
    bool forget(const QString& task);

Q_SIGNALS:
    void taskAdded(const QString& task);
    void taskChanged(const QString& task);
    void linesReady(const QString& task, const QString& host, const QString& containerName,
                    const dockpulse::docker::LogBatch& batch);
    // With setResumePoints(true), right after linesReady(): the same batch, its container and
    // ResumePoint::save() of the point after it, to be stored together.
    void linesResumable(const dockpulse::monitor::ContainerKey& key, const dockpulse::docker::LogBatch& batch,
                        const QByteArray& resume);
    void heartbeatRecorded(const dockpulse::monitor::HeartbeatRecord& record);
    void eventRecorded(const dockpulse::monitor::TaskEventRecord& record);
    // Every monitor has finished (after stopAll()).
    void allFinished();
    // A finished task is forgotten: its last snapshot, for exports that must still list it.
    void taskReleased(const dockpulse::monitor::TaskSnapshot& last);

private:
    using MonitorId = quint64;
    struct Entry
    {
        TaskSnapshot snapshot;
        std::shared_ptr<TaskLiveness> liveness;
        MonitorId monitor = 0; // the monitor running this task; 0 once it has finished
        qint64 startedSteadyNs = 0;
        qint64 endedSteadyNs = 0; // when it became final: its age stops there
    };
    // A monitor that has not finished yet.
    struct LiveMonitor
    {
        QPointer<ContainerMonitor> monitor;
        QString task;
        ContainerKey key;
        bool started = false; // false: waiting for its container's previous monitor to finish
    };
    // The entry that `id` runs, or nullptr when the task has moved on to another monitor.
    Entry* entryOf(MonitorId id);
    void startMonitor(MonitorId id);
    void startWaitingMonitor(const ContainerKey& key);
    void onStateChanged(MonitorId id, TaskState state, const QString& detail);
    void onEvent(MonitorId id, const TaskEventRecord& record);
    void onHeartbeat(MonitorId id, const HeartbeatRecord& record);
    void onLines(MonitorId id, const QString& containerName, const docker::LogBatch& batch,
                 const QByteArray& resume);
    void onFinished(MonitorId id, const LogCursor& cursor, bool containerRemoved);
    void markFinal(Entry& entry, TaskState state, const QString& detail);
    qint64 ageMs(const Entry& entry, qint64 nowNs) const;
    template <typename F>
    void invoke(MonitorId id, F&& f);
    // The task of that container if it is not over, else nullptr.
    Entry* liveEntry(const QString& host, const QString& containerId);

    MonitorSettings m_settings;
    WorkerPool& m_pool;
    QHash<QString, Entry> m_tasks;
    QStringList m_order;
    QHash<MonitorId, LiveMonitor> m_monitors; // created and not finished
    MonitorId m_lastMonitorId = 0;
    CursorBook m_cursors;
    QSet<ContainerKey> m_stoppedByUser; // per container, like the cursors
    bool m_resumePoints = false;
    QTimer m_cleanup;
};

} // namespace dockpulse::monitor
