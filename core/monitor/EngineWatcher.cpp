#include "EngineWatcher.h"

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

using docker::ContainerSummary;
using docker::EngineError;
using docker::EngineResult;

namespace {
constexpr qint64 kFirstBackoffMs = 250;
constexpr qint64 kMaxBackoffMs = 5000;
// Events come in bursts (a compose stack starting); one list call answers a whole burst.
constexpr int kRelistDelayMs = 150;
constexpr int kPeriodicListMs = 10000;
constexpr int kRequestTimeoutMs = 3000;
constexpr int kSshRequestTimeoutMs = 15000;
} // namespace

EngineWatcher::EngineWatcher(docker::Endpoint endpoint, QString host, QObject* parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_host(std::move(host)),
      m_client(new docker::DockerClient(m_endpoint, this))
{
    // ssh starts a session on the far host for every call (a shell, the docker CLI): a burst of
    // calls there takes longer than a socket's 3 s, and ssh reports its own failures quickly.
    m_client->setRequestTimeout(m_endpoint.scheme == docker::Endpoint::Scheme::Ssh ? kSshRequestTimeoutMs
                                                                                   : kRequestTimeoutMs);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &EngineWatcher::connectToEngine);
    m_relist.setSingleShot(true);
    m_relist.setInterval(kRelistDelayMs);
    connect(&m_relist, &QTimer::timeout, this, &EngineWatcher::list);
    // Docker's status texts ("Up 5 minutes") age without events: list again now and then.
    m_periodic.setInterval(kPeriodicListMs);
    connect(&m_periodic, &QTimer::timeout, this, &EngineWatcher::refresh);
    m_periodic.start();
}

void EngineWatcher::start()
{
    connectToEngine();
}

void EngineWatcher::refresh()
{
    if (m_state == State::Connected)
        list();
}

void EngineWatcher::reconnectNow()
{
    m_reconnect.stop();
    m_backoffMs = kFirstBackoffMs;
    if (m_events)
        m_events->deleteLater();
    m_events = nullptr;
    connectToEngine();
}

void EngineWatcher::stop()
{
    ++m_generation; // answers still in flight are dropped
    m_reconnect.stop();
    m_relist.stop();
    m_periodic.stop();
    if (m_events) {
        // Ended now, while the event loop still runs: an ssh transport's process is reaped
        // before the program exits.
        m_events->disconnect(this);
        m_events->abort(u"monitoring ended"_s);
        m_events->deleteLater();
        m_events = nullptr;
    }
}

void EngineWatcher::connectToEngine()
{
    const int generation = ++m_generation;
    m_client->negotiate([this, generation](EngineResult<docker::PingResult> ping) {
        if (generation != m_generation)
            return;
        if (!ping) {
            lost(ping.error());
            return;
        }
        m_client->version([this, generation](EngineResult<docker::EngineVersion> v) {
            if (generation != m_generation)
                return;
            if (!v) {
                lost(v.error());
                return;
            }
            m_version = v.value();
            // The clock before any task starts; then events first and the list after: nothing
            // that happens in between is missed.
            measureClock();
        });
    });
}

void EngineWatcher::openEvents()
{
    const int generation = m_generation;
    m_parser.reset();
    // After a reconnection, replay what the engine still remembers since the last event seen.
    std::optional<qint64> since;
    if (m_lastEventNs > 0)
        since = m_lastEventNs + 1;
    m_events = m_client->events(this, since);
    m_events->setBodyHandler([this](QByteArrayView bytes) {
        docker::EventStreamParser::Output out;
        m_parser.feed(bytes, out);
        for (const docker::ContainerEvent& e : std::as_const(out.events)) {
            m_lastEventNs = std::max(m_lastEventNs, e.timeNs);
            if (e.action == u"start"_s || e.action == u"restart"_s || e.action == u"destroy"_s)
                m_startedAt.remove(e.id);
            Q_EMIT containerEvent(e);
            scheduleRelist();
        }
    });
    connect(m_events, &docker::HttpExchange::headersReceived, this, [this, generation] {
        if (generation == m_generation)
            list();
    });
    connect(m_events, &docker::HttpExchange::finished, this, [this, generation] {
        if (generation != m_generation || !m_events)
            return;
        const EngineError error =
            m_events->error().isError()
                ? m_events->error()
                : EngineError::make(EngineError::Kind::ConnectionClosed, m_endpoint.url(),
                                    u"the engine ended the events stream"_s);
        m_events->deleteLater();
        m_events = nullptr;
        lost(error);
    });
    m_events->start();
}

void EngineWatcher::list()
{
    const int generation = m_generation;
    m_client->listContainers([this, generation](EngineResult<QList<ContainerSummary>> r) {
        if (generation != m_generation)
            return;
        if (!r) {
            lost(r.error());
            return;
        }
        m_containers.clear();
        for (ContainerSummary c : r.value()) {
            c.startedAtNs = m_startedAt.value(c.id, 0);
            m_containers.insert(c.id, c);
        }
        fetchStartTimes();
        const bool wasConnected = m_state == State::Connected;
        m_backoffMs = kFirstBackoffMs;
        if (!wasConnected) {
            m_connectedOnce = true;
            setState(State::Connected);
            Q_EMIT connected();
        }
        Q_EMIT containersChanged();
    });
}

void EngineWatcher::measureClock()
{
    const int generation = m_generation;
    const qint64 sent = EngineClock::localNowNs();
    m_client->systemInfo([this, generation, sent](EngineResult<docker::EngineInfo> t) {
        if (generation != m_generation)
            return;
        // Without an answer, tasks ask the engine themselves; the watcher goes on regardless.
        if (t) {
            const qint64 received = EngineClock::localNowNs();
            m_clock->setOffset(t->systemTimeNs - (sent + (received - sent) / 2));
            if (!t->id.isEmpty() && t->id != m_engineId) {
                m_engineId = t->id;
                Q_EMIT engineIdentified(m_engineId);
            }
        }
        openEvents();
    });
}

void EngineWatcher::fetchStartTimes()
{
    // The list does not say when a container started (uptime); inspect those we do not know.
    const int generation = m_generation;
    for (const ContainerSummary& c : std::as_const(m_containers)) {
        if (c.state != u"running"_s || c.startedAtNs != 0 || m_inspecting.contains(c.id))
            continue;
        m_inspecting.insert(c.id);
        m_client->inspectContainer(c.id,
                                   [this, generation, id = c.id](EngineResult<docker::ContainerDetails> d) {
                                       m_inspecting.remove(id);
                                       if (generation != m_generation || !d)
                                           return;
                                       m_startedAt.insert(id, d->startedAtNs);
                                       const auto it = m_containers.find(id);
                                       if (it != m_containers.end()) {
                                           it->startedAtNs = d->startedAtNs;
                                           if (m_inspecting.isEmpty())
                                               Q_EMIT containersChanged();
                                       }
                                   });
    }
}

void EngineWatcher::scheduleRelist()
{
    if (!m_relist.isActive())
        m_relist.start();
}

void EngineWatcher::lost(const EngineError& error)
{
    ++m_generation; // whatever is still in flight belongs to the lost connection
    if (m_events) {
        m_events->disconnect(this);
        m_events->deleteLater();
        m_events = nullptr;
    }
    m_relist.stop();
    m_inspecting.clear();
    m_lastError = error;
    if (!m_connectedOnce && !m_failedOnce) {
        m_failedOnce = true;
        Q_EMIT firstConnectFailed(error);
    }
    setState(m_connectedOnce ? State::Reconnecting : State::Connecting, error);
    m_reconnect.start(int(m_backoffMs));
    m_backoffMs = std::min(kMaxBackoffMs, m_backoffMs * 2);
}

void EngineWatcher::setState(State state, const EngineError& error)
{
    m_state = state;
    if (state == State::Connected)
        m_lastError = {};
    Q_EMIT stateChanged(state, error);
}

} // namespace dockpulse::monitor
