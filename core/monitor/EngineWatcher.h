#pragma once

#include "DockerClient.h"
#include "EngineClock.h"
#include "EventStreamParser.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <optional>

namespace dockpulse::monitor {

// Keeps one engine's picture current: negotiates the API version, lists the containers and
// follows the events stream. When the engine goes away (stopped, restarted, unreachable) it
// reconnects on its own schedule with bounded backoff, then lists the containers again and
// resumes the events stream from the last event it saw. Lives in the owner's thread.
class EngineWatcher : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Connecting,
        Connected,
        Reconnecting
    };
    Q_ENUM(State)

    // host: how this engine is named in tables and CSV (its URL).
    EngineWatcher(docker::Endpoint endpoint, QString host, QObject* parent = nullptr);

    void start();
    // Lists the containers again now (F5).
    void refresh();
    // Drops the connection and reconnects at once (the Retry button).
    void reconnectNow();
    // Stops watching for good (the run is ending): no more calls, the events stream closed.
    void stop();

    const QString& host() const { return m_host; }
    const docker::Endpoint& endpoint() const { return m_endpoint; }
    State state() const { return m_state; }
    const docker::EngineError& lastError() const { return m_lastError; }
    std::optional<docker::ApiVersion> apiVersion() const { return m_client->apiVersion(); }
    const docker::EngineVersion& version() const { return m_version; }
    bool hasConnectedOnce() const { return m_connectedOnce; }
    // The engine's own ID from /info (dockerd's "W42R:DHN3:..."); empty until known or if it has none.
    const QString& engineId() const { return m_engineId; }
    const QHash<QString, docker::ContainerSummary>& containers() const { return m_containers; }
    // The engine's clock, measured at every connection (shared with the tasks of this engine).
    std::shared_ptr<const EngineClock> clock() const { return m_clock; }
    // The client for one-off calls (inspect when resolving --monitor), negotiated.
    docker::DockerClient& client() { return *m_client; }

    // Time limit of each API call; the first connection must fail within it (exit 3 in 5 s).
    void setRequestTimeout(int ms) { m_client->setRequestTimeout(ms); }

Q_SIGNALS:
    void stateChanged(dockpulse::monitor::EngineWatcher::State state,
                      const dockpulse::docker::EngineError& error);
    // The first connection attempt failed (the headless runner exits 3 on it).
    void firstConnectFailed(const dockpulse::docker::EngineError& error);
    // Negotiated and listed: after the first connection and after every reconnection.
    void connected();
    void containersChanged();
    void containerEvent(const dockpulse::docker::ContainerEvent& event);
    // /info told the engine's ID (on the first connection, and again if it changed meanwhile).
    void engineIdentified(const QString& engineId);

private:
    void connectToEngine();
    void openEvents();
    void list();
    void scheduleRelist();
    void fetchStartTimes();
    void measureClock();
    void lost(const docker::EngineError& error);
    void setState(State state, const docker::EngineError& error = {});

    docker::Endpoint m_endpoint;
    QString m_host;
    docker::DockerClient* m_client;
    std::shared_ptr<EngineClock> m_clock = std::make_shared<EngineClock>();
    QPointer<docker::HttpExchange> m_events;
    docker::EventStreamParser m_parser;
    QHash<QString, docker::ContainerSummary> m_containers;
    QHash<QString, qint64> m_startedAt; // by id, from inspect: the list does not carry it
    QSet<QString> m_inspecting;
    docker::EngineVersion m_version;
    docker::EngineError m_lastError;
    QTimer m_reconnect;
    QTimer m_relist;
    QTimer m_periodic;
    qint64 m_backoffMs = 250;
    qint64 m_lastEventNs = 0;
    int m_generation = 0; // drops answers that belong to a connection since abandoned
    State m_state = State::Connecting;
    bool m_connectedOnce = false;
    QString m_engineId;
    bool m_failedOnce = false;
};

} // namespace dockpulse::monitor
