#include "MonitorEngine.h"

#include "LogReader.h"

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

using docker::ContainerDetails;
using docker::EngineResult;

MonitorEngine::MonitorEngine(MonitorSettings settings, QList<EngineSpec> engines, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)),
      m_pool(std::make_unique<WorkerPool>(m_settings.effectiveThreads())),
      m_tasks(std::make_unique<TaskManager>(m_settings, *m_pool)),
      m_history(m_settings.historyBudgetMiB << 20)
{
    connect(m_tasks.get(), &TaskManager::linesReady, this, &MonitorEngine::linesReady);
    connect(m_tasks.get(), &TaskManager::taskAdded, this, &MonitorEngine::taskAdded);
    connect(m_tasks.get(), &TaskManager::taskChanged, this, &MonitorEngine::taskChanged);
    connect(m_tasks.get(), &TaskManager::taskReleased, this, &MonitorEngine::taskReleased);
    connect(m_tasks.get(), &TaskManager::taskChanged, this, &MonitorEngine::remonitorLater);
    connect(m_tasks.get(), &TaskManager::heartbeatRecorded, this, [this](const HeartbeatRecord& r) {
        if (m_historyKept)
            m_history.add(r);
        Q_EMIT heartbeatRecorded(r);
    });
    connect(m_tasks.get(), &TaskManager::eventRecorded, this, [this](const TaskEventRecord& r) {
        if (m_historyKept)
            m_history.add(r);
        Q_EMIT eventRecorded(r);
    });
    connect(m_tasks.get(), &TaskManager::allFinished, this, &MonitorEngine::finishShutdownOnceReadersEnded);

    telemetry::Sampler::Sources sources;
    sources.readers = [] {
        return LogReader::liveCount();
    };
    sources.lateReaders = [] {
        return LogReader::lateCount();
    };
    sources.monitored = [this] {
        return m_tasks->monitoredCount();
    };
    sources.ages = [this] {
        return m_tasks->heartbeatAges();
    };
    m_sampler = new telemetry::Sampler(std::move(sources), m_settings.sampleEveryMs, this);
    connect(m_sampler, &telemetry::Sampler::sampled, this, [this](const MetricSample& s) {
        if (m_historyKept)
            m_history.add(s);
        Q_EMIT sampled(s);
    });

    for (const EngineSpec& spec : engines) {
        auto* watcher = new EngineWatcher(spec.endpoint, spec.host, this);
        m_watchers.append(watcher);
        connect(watcher, &EngineWatcher::connected, this, [this, watcher] { onConnected(watcher); });
        connect(watcher, &EngineWatcher::containerEvent, this,
                [this, watcher](const docker::ContainerEvent& e) { onContainerEvent(watcher, e); });
        connect(watcher, &EngineWatcher::stateChanged, this,
                [this, watcher] { Q_EMIT engineStateChanged(watcher->host()); });
        connect(watcher, &EngineWatcher::containersChanged, this,
                [this, watcher] { Q_EMIT containersChanged(watcher->host()); });
        connect(watcher, &EngineWatcher::firstConnectFailed, this,
                [this, watcher](const docker::EngineError& e) {
                    Q_EMIT engineFirstConnectFailed(watcher->host(), e);
                });
    }

    // A monitor that somehow does not finish must not hold the program forever.
    m_shutdownGrace.setSingleShot(true);
    connect(&m_shutdownGrace, &QTimer::timeout, this, &MonitorEngine::shutDown);
}

void MonitorEngine::finishShutdownOnceReadersEnded()
{
    if (!m_shuttingDown || !m_shutdownGrace.isActive())
        return;
    // Every task has finished; their readers are deleted in their worker threads just after.
    // The run ends once they are gone, so that its last sample and status line count 0 readers
    // (the grace timer still bounds the wait).
    if (LogReader::liveCount() > 0) {
        QTimer::singleShot(10, this, &MonitorEngine::finishShutdownOnceReadersEnded);
        return;
    }
    m_shutdownGrace.stop();
    Q_EMIT shutDown();
}

MonitorEngine::~MonitorEngine()
{
    // Watchers first (they talk to the task manager), then tasks, then the threads.
    qDeleteAll(m_watchers);
    m_watchers.clear();
    m_tasks.reset();
    m_pool.reset();
}

void MonitorEngine::start()
{
    m_sampler->start();
    for (EngineWatcher* w : std::as_const(m_watchers))
        w->start();
}

EngineWatcher* MonitorEngine::engine(const QString& host) const
{
    for (EngineWatcher* w : m_watchers)
        if (w->host() == host)
            return w;
    return nullptr;
}

void MonitorEngine::monitor(const QString& host, const QString& nameOrId,
                            std::function<void(MonitorResult)> done)
{
    EngineWatcher* watcher = engine(host);
    if (!watcher) {
        if (done)
            done({MonitorOutcome::EngineError, {}, u"no engine %1 is configured"_s.arg(host)});
        return;
    }
    if (watcher->state() == EngineWatcher::State::Connected) {
        resolveAndStart(watcher, nameOrId, std::move(done));
        return;
    }
    m_pending[watcher].append([this, watcher, nameOrId, done = std::move(done)]() mutable {
        resolveAndStart(watcher, nameOrId, std::move(done));
    });
}

void MonitorEngine::resolveAndStart(EngineWatcher* watcher, const QString& nameOrId,
                                    std::function<void(MonitorResult)> done)
{
    QString key = nameOrId.trimmed();
    if (key.startsWith(u'/'))
        key.remove(0, 1);
    // The engine resolves names and id prefixes exactly as the docker CLI does.
    watcher->client().inspectContainer(
        key, [this, watcher, key, done = std::move(done)](EngineResult<ContainerDetails> r) {
            MonitorResult result;
            if (!r) {
                const bool missing = r.error().isHttp(404);
                result.outcome = missing ? MonitorOutcome::NotFound : MonitorOutcome::EngineError;
                result.message = missing ? u"no such container: %1 on %2"_s.arg(key, watcher->host())
                                         : r.error().toString();
            } else {
                result.outcome = MonitorOutcome::Started;
                result.task = m_tasks->add({watcher->endpoint(), watcher->apiVersion(), watcher->host(),
                                            r.value().id, r.value().name, watcher->clock()});
            }
            if (done)
                done(result);
        });
}

void MonitorEngine::startTask(EngineWatcher* watcher, const QString& id, const QString& name)
{
    if (m_shuttingDown)
        return;
    if (m_tasks->stoppedByUser(ContainerKey{watcher->host(), id}))
        return; // the user stopped it: monitor-all does not overrule that
    if (const QString existing = m_tasks->taskFor(watcher->host(), id); !existing.isEmpty()) {
        const TaskState state = m_tasks->snapshot(existing).state;
        if (!isFinal(state) || state == TaskState::Stopped)
            return; // monitored already, or stopped (its container was removed)
    }
    m_tasks->add({watcher->endpoint(), watcher->apiVersion(), watcher->host(), id, name, watcher->clock()});
}

void MonitorEngine::remonitorLater(const QString& task)
{
    if (!m_monitorAll || m_shuttingDown)
        return;
    const TaskSnapshot t = m_tasks->snapshot(task);
    if (t.state != TaskState::TimedOut && t.state != TaskState::Failed)
        return;
    m_remonitor.schedule({t.host, t.containerId}, [this, host = t.host, id = t.containerId] {
        EngineWatcher* w = engine(host);
        if (!m_monitorAll || !w || w->state() != EngineWatcher::State::Connected)
            return; // the reconnection's setMonitorAll() takes it up
        const auto c = w->containers().find(id);
        if (c != w->containers().end() && c->state == u"running"_s)
            startTask(w, id, c->name());
    });
}

void MonitorEngine::setMonitorAll(bool on)
{
    m_monitorAll = on;
    if (!on) {
        m_remonitor.cancelAll();
        return;
    }
    for (EngineWatcher* w : std::as_const(m_watchers))
        if (w->state() == EngineWatcher::State::Connected)
            for (const docker::ContainerSummary& c : w->containers())
                if (c.state == u"running"_s)
                    startTask(w, c.id, c.name());
}

void MonitorEngine::stopTask(const QString& task)
{
    m_tasks->stop(task);
}

bool MonitorEngine::forgetTask(const QString& task)
{
    return m_tasks->forget(task); // taskReleased() tells the window
}

void MonitorEngine::applySettings(const MonitorSettings& settings)
{
    m_settings = settings;
    m_sampler->setPeriod(settings.sampleEveryMs);
    m_history.setBudget(settings.historyBudgetMiB << 20);
    m_tasks->applySettings(settings);
}

void MonitorEngine::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_remonitor.cancelAll();
    for (EngineWatcher* w : std::as_const(m_watchers))
        w->stop();
    m_shutdownGrace.start(int(std::max<qint64>(2000, m_settings.contextTimeoutMs)));
    m_tasks->stopAll(u"the run ended"_s);
}

void MonitorEngine::onConnected(EngineWatcher* watcher)
{
    // What happened while the engine was away: containers that started again resume, those
    // that are gone end their tasks.
    for (const TaskSnapshot& t : m_tasks->snapshots()) {
        if (t.host != watcher->host() || isFinal(t.state))
            continue;
        const auto it = watcher->containers().find(t.containerId);
        if (it == watcher->containers().end())
            m_tasks->containerRemoved(t.host, t.containerId);
        else if (it->state == u"running"_s && t.state == TaskState::Exited)
            m_tasks->containerStarted(t.host, t.containerId);
    }
    if (m_monitorAll)
        setMonitorAll(true);
    const auto pending = m_pending.take(watcher);
    for (const auto& call : pending)
        call();
}

void MonitorEngine::onContainerEvent(EngineWatcher* watcher, const docker::ContainerEvent& e)
{
    const QString& host = watcher->host();
    if (e.action == u"start"_s || e.action == u"restart"_s || e.action == u"unpause"_s) {
        m_tasks->containerStarted(host, e.id);
        if (m_monitorAll && e.action == u"start"_s) {
            m_remonitor.reset({host, e.id}); // a new run: its first retry waits the least again
            startTask(watcher, e.id, e.name);
        }
    } else if (e.action == u"die"_s) {
        m_tasks->containerDied(host, e.id);
    } else if (e.action == u"destroy"_s) {
        m_remonitor.reset({host, e.id});
        m_tasks->containerRemoved(host, e.id);
    } else if (e.action == u"rename"_s) {
        m_tasks->containerRenamed(host, e.id, e.name);
    }
}

} // namespace dockpulse::monitor
