#pragma once

#include "EngineWatcher.h"
#include "MonitorSettings.h"
#include "RemonitorBackoff.h"
#include "RunHistory.h"
#include "Sampler.h"
#include "TaskManager.h"
#include "WorkerPool.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace dockpulse::monitor {

// The one object both the dashboard and headless mode drive, so the two cannot drift apart: it
// owns the worker pool, the task manager, the sampler, the run's history and a watcher per
// engine, and routes each engine's container events to the tasks they concern.
class MonitorEngine : public QObject
{
    Q_OBJECT
public:
    struct EngineSpec
    {
        docker::Endpoint endpoint;
        QString host; // the name shown in tables and CSV
    };

    enum class MonitorOutcome
    {
        Started,
        NotFound,
        EngineError
    };
    struct MonitorResult
    {
        MonitorOutcome outcome = MonitorOutcome::EngineError;
        QString task;
        QString message; // for NotFound and EngineError
    };

    MonitorEngine(MonitorSettings settings, QList<EngineSpec> engines, QObject* parent = nullptr);
    ~MonitorEngine() override;

    void start();
    // Starts a task for the container named (name with or without '/', full or short id) on
    // that engine, once the engine is connected; done reports the outcome.
    void monitor(const QString& host, const QString& nameOrId, std::function<void(MonitorResult)> done = {});
    // Every running container of every engine, and each that starts later. A task that timed
    // out or failed is monitored again (RemonitorBackoff); one the user stopped is not.
    void setMonitorAll(bool on);
    bool monitorsAll() const { return m_monitorAll; }
    void stopTask(const QString& task);
    // Removes a finished task from the list (TaskManager::forget); false if it is not finished.
    bool forgetTask(const QString& task);
    // New settings apply to running tasks without losing or repeating a line.
    void applySettings(const MonitorSettings& settings);
    // Stops every task; emits shutDown() once every monitor has finished.
    void shutdown();

    const MonitorSettings& settings() const { return m_settings; }
    TaskManager& tasks() { return *m_tasks; }
    const TaskManager& tasks() const { return *m_tasks; }
    telemetry::RunHistory& history() { return m_history; }
    // Off when nothing reads the history (headless streams each record as it is emitted): then the
    // history stays empty instead of holding up to its caps.
    void setHistoryKept(bool kept) { m_historyKept = kept; }
    const QList<EngineWatcher*>& engines() const { return m_watchers; }
    EngineWatcher* engine(const QString& host) const;
    int threadsInPool() const { return m_pool->size(); }
    // A metrics sample taken now (not recorded).
    MetricSample sampleNow() const { return m_sampler->sampleNow(); }

Q_SIGNALS:
    void linesReady(const QString& task, const QString& host, const QString& containerName,
                    const dockpulse::docker::LogBatch& batch);
    void sampled(const dockpulse::monitor::MetricSample& sample);
    void heartbeatRecorded(const dockpulse::monitor::HeartbeatRecord& record);
    void eventRecorded(const dockpulse::monitor::TaskEventRecord& record);
    void taskAdded(const QString& task);
    void taskChanged(const QString& task);
    // A finished task was forgotten after MonitorSettings::releaseAfterMs: its last snapshot.
    void taskReleased(const dockpulse::monitor::TaskSnapshot& last);
    void engineStateChanged(const QString& host);
    void engineFirstConnectFailed(const QString& host, const dockpulse::docker::EngineError& error);
    void containersChanged(const QString& host);
    void shutDown();

private:
    void finishShutdownOnceReadersEnded();
    void onConnected(EngineWatcher* watcher);
    void onContainerEvent(EngineWatcher* watcher, const docker::ContainerEvent& event);
    // Monitor-all's start of a task: not for a task that runs, nor one the user stopped.
    void startTask(EngineWatcher* watcher, const QString& id, const QString& name);
    // Under monitor-all, a task that timed out or failed while its container runs on is
    // monitored again after the backoff.
    void remonitorLater(const QString& task);
    void resolveAndStart(EngineWatcher* watcher, const QString& nameOrId,
                         std::function<void(MonitorResult)> done);

    MonitorSettings m_settings;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<TaskManager> m_tasks;
    telemetry::RunHistory m_history;
    telemetry::Sampler* m_sampler;
    QList<EngineWatcher*> m_watchers;
    // monitor() calls waiting for their engine's first connection
    QHash<EngineWatcher*, QList<std::function<void()>>> m_pending;
    RemonitorBackoff m_remonitor;
    QTimer m_shutdownGrace;
    bool m_monitorAll = false;
    bool m_shuttingDown = false;
    bool m_historyKept = true;
};

} // namespace dockpulse::monitor
