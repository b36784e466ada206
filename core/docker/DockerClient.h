#pragma once

#include "ApiVersion.h"
#include "Endpoint.h"
#include "EngineError.h"
#include "EngineTypes.h"
#include "Expected.h"
#include "HttpExchange.h"

#include <QList>
#include <QObject>

#include <functional>
#include <optional>

namespace dockpulse::docker {

template <typename T>
using EngineResult = Expected<T, EngineError>;
template <typename T>
using EngineCallback = std::function<void(EngineResult<T>)>;

// The Docker Engine API calls dockpulse makes, asynchronously. Lives in one thread; each call
// runs on a connection of its own, parented to the client, so destroying the client cancels
// every call in flight (its callback is then never invoked).
class DockerClient : public QObject
{
    Q_OBJECT
public:
    explicit DockerClient(Endpoint endpoint, QObject* parent = nullptr);

    const Endpoint& endpoint() const { return m_endpoint; }
    // The version requests are made with; without one they go unversioned (the daemon's own).
    std::optional<ApiVersion> apiVersion() const { return m_apiVersion; }
    void setApiVersion(ApiVersion version) { m_apiVersion = version; }
    // Time limit of one API call (not of streams). Default 10 s.
    void setRequestTimeout(int ms) { m_requestTimeoutMs = ms; }
    int requestTimeout() const { return m_requestTimeoutMs; }

    // GET /_ping: learns the daemon's API version and settles on the lower of ours and its own.
    void negotiate(EngineCallback<PingResult> done);
    void version(EngineCallback<EngineVersion> done);
    void listContainers(EngineCallback<QList<ContainerSummary>> done);
    void inspectContainer(const QString& idOrName, EngineCallback<ContainerDetails> done);
    // The engine's own clock (GET /info SystemTime): engines may be remote and clocks differ.
    void systemInfo(EngineCallback<EngineInfo> done);

    // POST /containers/{id}/start|stop|restart|pause|unpause, DELETE /containers/{id}[?force=1]:
    // true when the container changed, false when the engine says it already was so (304, as
    // for stopping a stopped container). An HTTP error carries the daemon's own message.
    void containerAction(const QString& idOrName, ContainerAction action, EngineCallback<bool> done);
    void removeContainer(const QString& idOrName, bool force, EngineCallback<bool> done);
    // Added to the request timeout of calls that stop a container: the daemon answers only once
    // the container's stop grace period has passed (10 s by default; a container may ask for more).
    static constexpr int kStopGraceMs = 60000;

    // Streams: an exchange, not yet started, owned by parent. The caller sets a body handler,
    // connects finished() and calls start().
    HttpExchange* logs(const QString& id, const LogRequest& request, QObject* parent) const;
    HttpExchange* events(QObject* parent, std::optional<qint64> sinceNs = {}) const;

    // "/v1.41" + path, or path itself before negotiation.
    QByteArray versioned(const QByteArray& path) const;
    static QByteArray encodeSegment(const QString& segment);

private:
    // Runs a GET and hands its 2xx body to parse, or the error to done.
    template <typename T, typename Parse>
    void get(const QByteArray& target, EngineCallback<T> done, Parse parse);
    template <typename T, typename Parse>
    void call(const QByteArray& method, const QByteArray& target, EngineCallback<T> done, Parse parse,
              int extraTimeoutMs = 0);
    // A request without a result body: 2xx is a change, 304 "already so".
    void command(const QByteArray& method, const QByteArray& target, EngineCallback<bool> done,
                 int extraTimeoutMs);

    Endpoint m_endpoint;
    std::optional<ApiVersion> m_apiVersion;
    int m_requestTimeoutMs = 10000;
};

} // namespace dockpulse::docker
