#include "DashboardController.h"

#include "ChartsPanel.h"
#include "ContainersModel.h"
#include "LogStore.h"
#include "RestartSeparators.h"
#include "TasksModel.h"

#include <QDateTime>

#include <memory>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

using monitor::MonitorEngine;

DashboardController::DashboardController(MonitorEngine& engine, ContainersModel& containers,
                                         TasksModel& tasks, LogStore& logs, ChartsPanel& charts,
                                         QObject* parent)
    : QObject(parent), m_engine(engine), m_containers(containers), m_tasks(tasks), m_logs(logs),
      m_charts(charts)
{
    connect(&m_engine, &MonitorEngine::containersChanged, this, &DashboardController::onContainersChanged);
    connect(&m_engine, &MonitorEngine::engineStateChanged, this, [this](const QString& host) {
        if (monitor::EngineWatcher* w = m_engine.engine(host))
            m_containers.setHostReachable(host, w->state() == monitor::EngineWatcher::State::Connected);
        Q_EMIT enginesChanged();
    });
    connect(&m_engine, &MonitorEngine::linesReady, this,
            [this](const QString& task, const QString&, const QString& name, const docker::LogBatch& batch) {
                m_logs.append(task, name, batch);
            });
    new RestartSeparators(m_engine, m_logs, this); // a container's stop and start, in its log
    // A finished task the engine forgot: its lines go now, its row at the next tick.
    connect(&m_engine, &MonitorEngine::taskReleased, this,
            [this](const monitor::TaskSnapshot& last) { m_logs.releaseTask(last.task); });
    connect(&m_engine, &MonitorEngine::sampled, this, [this](const monitor::MetricSample& s) {
        m_lastSample = s;
        m_sampled = true;
        m_charts.addSample(s);
    });
    connect(&m_engine, &MonitorEngine::heartbeatRecorded, &m_charts, &ChartsPanel::addHeartbeat);
    connect(&m_containers, &ContainersModel::monitorToggled, this, &DashboardController::setMonitored);

    m_tasks.setThresholds(engine.settings().heartbeatEveryMs, engine.settings().taskTimeoutMs);
    m_charts.setThresholds(engine.settings().heartbeatEveryMs, engine.settings().taskTimeoutMs);
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &DashboardController::tick);
    m_tick.start();
    // The counts are shown from the first turn of the event loop, not after the first tick.
    QMetaObject::invokeMethod(this, &DashboardController::tick, Qt::QueuedConnection);
}

void DashboardController::onContainersChanged(const QString& host)
{
    monitor::EngineWatcher* w = m_engine.engine(host);
    if (!w)
        return;
    m_containers.setContainers(host, w->containers().values());
    m_containers.setHostReachable(host, w->state() == monitor::EngineWatcher::State::Connected);
}

void DashboardController::refreshContainers()
{
    for (monitor::EngineWatcher* w : m_engine.engines())
        w->refresh();
}

void DashboardController::setMonitored(const QString& host, const QString& containerId, const QString& name,
                                       bool on)
{
    if (!on) {
        const QString task = m_engine.tasks().taskFor(host, containerId);
        if (!task.isEmpty())
            m_engine.stopTask(task);
        Q_EMIT message(tr("Stopped monitoring %1").arg(name));
        return;
    }
    m_engine.monitor(host, containerId, [this, name](const MonitorEngine::MonitorResult& r) {
        if (r.outcome == MonitorEngine::MonitorOutcome::Started)
            Q_EMIT message(tr("Monitoring %1 (%2)").arg(name, r.task));
        else
            Q_EMIT message(tr("Cannot monitor %1: %2").arg(name, r.message));
        tick();
    });
}

void DashboardController::monitorByName(const QList<QPair<QString, QString>>& containers)
{
    for (const auto& [host, name] : containers) {
        QList<monitor::EngineWatcher*> asked;
        for (monitor::EngineWatcher* w : m_engine.engines()) {
            // An empty host means "on whichever engine has it" (command-line --monitor).
            if (host.isEmpty() || w->host() == host)
                asked.append(w);
        }
        // Said once every engine asked has answered that it has no such container.
        auto notFound = std::make_shared<qsizetype>(0);
        const QString where = host.isEmpty() && asked.size() > 1   ? tr("any engine")
                              : host.isEmpty() && !asked.isEmpty() ? asked.first()->host()
                                                                   : host;
        for (monitor::EngineWatcher* w : std::as_const(asked)) {
            m_engine.monitor(
                w->host(), name,
                [this, name, where, notFound, engines = asked.size()](const MonitorEngine::MonitorResult& r) {
                    if (r.outcome == MonitorEngine::MonitorOutcome::EngineError)
                        Q_EMIT message(tr("Cannot monitor %1: %2").arg(name, r.message));
                    else if (r.outcome == MonitorEngine::MonitorOutcome::NotFound && ++*notFound == engines)
                        Q_EMIT message(tr("Cannot monitor %1: no container of that name or id on "
                                          "%2 (docker ps -a lists them)")
                                           .arg(name, where));
                });
        }
    }
}

QList<QPair<QString, QString>> DashboardController::monitoredByName() const
{
    QList<QPair<QString, QString>> out;
    for (const monitor::TaskSnapshot& t : m_engine.tasks().snapshots())
        if (!monitor::isFinal(t.state))
            out.append({t.host, t.containerName});
    return out;
}

void DashboardController::tick()
{
    const QList<monitor::TaskSnapshot> snapshots = m_engine.tasks().snapshots();
    m_tasks.setSnapshots(snapshots);
    QSet<QString> monitored;
    QHash<QString, QString> labels;
    for (const monitor::TaskSnapshot& t : snapshots) {
        labels.insert(t.task, t.containerName);
        if (!monitor::isFinal(t.state))
            monitored.insert(ContainersModel::key(t.host, t.containerId));
    }
    m_charts.setTaskLabels(labels);
    m_containers.setMonitored(monitored);
    if (++m_ticks % (1000 / kTickMs) == 0)
        m_containers.tick(QDateTime::currentSecsSinceEpoch());

    // Until the sampler's first sample, read the readers and threads now: tasks may stream
    // already, and "0 readers · 0 threads" would be false.
    if (!m_sampled)
        m_lastSample = m_engine.sampleNow();
    int containerCount = 0;
    for (monitor::EngineWatcher* w : m_engine.engines())
        containerCount += int(w->containers().size());
    Q_EMIT countsChanged(containerCount, int(monitored.size()), m_lastSample.readers, m_lastSample.threads);
}

} // namespace dockpulse::ui
