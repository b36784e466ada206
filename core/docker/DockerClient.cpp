#include "DockerClient.h"

#include "EngineJson.h"
#include "LogTimestamp.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

DockerClient::DockerClient(Endpoint endpoint, QObject* parent)
    : QObject(parent), m_endpoint(std::move(endpoint))
{}

QByteArray DockerClient::versioned(const QByteArray& path) const
{
    if (!m_apiVersion)
        return path;
    return "/v" + m_apiVersion->toString().toLatin1() + path;
}

QByteArray DockerClient::encodeSegment(const QString& segment)
{
    return QUrl::toPercentEncoding(segment);
}

template <typename T, typename Parse>
void DockerClient::get(const QByteArray& target, EngineCallback<T> done, Parse parse)
{
    call<T>("GET", target, std::move(done), std::move(parse));
}

template <typename T, typename Parse>
void DockerClient::call(const QByteArray& method, const QByteArray& target, EngineCallback<T> done,
                        Parse parse, int extraTimeoutMs)
{
    auto* exchange = new HttpExchange(m_endpoint, {method, target, {}, {}}, this);
    exchange->setTotalTimeout(m_requestTimeoutMs + extraTimeoutMs);
    connect(exchange, &HttpExchange::finished, this,
            [exchange, done = std::move(done), parse = std::move(parse)] {
                exchange->deleteLater();
                if (!exchange->succeeded()) {
                    done(exchange->error());
                    return;
                }
                EngineResult<T> result = parse(*exchange);
                done(std::move(result));
            });
    exchange->start();
}

namespace {
// Adapts a JSON decoder's QString error into an EngineError about this endpoint.
template <typename T>
EngineResult<T> protocolResult(const HttpExchange& exchange, Expected<T, QString> parsed)
{
    if (parsed)
        return std::move(parsed).value();
    return EngineError::make(EngineError::Kind::Protocol, exchange.endpoint().url(), parsed.error());
}
} // namespace

void DockerClient::negotiate(EngineCallback<PingResult> done)
{
    get<PingResult>(
        "/_ping",
        [this, done = std::move(done)](EngineResult<PingResult> r) {
            if (r)
                m_apiVersion = ApiVersion::negotiate(r->daemonApiVersion);
            done(std::move(r));
        },
        [](const HttpExchange& exchange) -> EngineResult<PingResult> {
            PingResult ping;
            const QByteArray header = exchange.response().header("Api-Version");
            // A daemon too old to say is older than anything we support.
            const auto daemon = ApiVersion::parse(header);
            if (!daemon || *daemon < ApiVersion::oldestSupported())
                return EngineError::make(
                    EngineError::Kind::Protocol, exchange.endpoint().url(),
                    u"the engine speaks API %1, older than the oldest dockpulse supports (%2)"_s.arg(
                        header.isEmpty() ? u"(unknown)"_s : QString::fromLatin1(header),
                        ApiVersion::oldestSupported().toString()),
                    u"Upgrade Docker to 1.12 or newer."_s);
            ping.daemonApiVersion = *daemon;
            ping.osType = QString::fromUtf8(exchange.response().header("Ostype"));
            ping.server = QString::fromUtf8(exchange.response().header("Server"));
            return ping;
        });
}

void DockerClient::version(EngineCallback<EngineVersion> done)
{
    get<EngineVersion>(versioned("/version"), std::move(done), [](const HttpExchange& exchange) {
        return protocolResult(exchange, parseEngineVersion(exchange.body()));
    });
}

void DockerClient::listContainers(EngineCallback<QList<ContainerSummary>> done)
{
    get<QList<ContainerSummary>>(versioned("/containers/json?all=1"), std::move(done),
                                 [](const HttpExchange& exchange) {
                                     return protocolResult(exchange, parseContainerList(exchange.body()));
                                 });
}

void DockerClient::inspectContainer(const QString& idOrName, EngineCallback<ContainerDetails> done)
{
    get<ContainerDetails>(versioned("/containers/" + encodeSegment(idOrName) + "/json"), std::move(done),
                          [](const HttpExchange& exchange) {
                              return protocolResult(exchange, parseContainerDetails(exchange.body()));
                          });
}

void DockerClient::systemInfo(EngineCallback<EngineInfo> done)
{
    get<EngineInfo>(versioned("/info"), std::move(done), [](const HttpExchange& exchange) {
        return protocolResult(exchange, parseEngineInfo(exchange.body()));
    });
}

QByteArray containerActionVerb(ContainerAction action)
{
    switch (action) {
    case ContainerAction::Start:
        return "start";
    case ContainerAction::Stop:
        return "stop";
    case ContainerAction::Restart:
        return "restart";
    case ContainerAction::Pause:
        return "pause";
    case ContainerAction::Unpause:
        return "unpause";
    }
    return "start";
}

void DockerClient::command(const QByteArray& method, const QByteArray& target, EngineCallback<bool> done,
                           int extraTimeoutMs)
{
    call<bool>(
        method, target,
        [done = std::move(done)](EngineResult<bool> r) {
            // 304 Not Modified: already started / already stopped. Not a failure.
            if (!r && r.error().kind == EngineError::Kind::Http && r.error().httpStatus == 304)
                r = false;
            done(std::move(r));
        },
        [](const HttpExchange&) -> EngineResult<bool> { return true; }, extraTimeoutMs);
}

void DockerClient::containerAction(const QString& idOrName, ContainerAction action, EngineCallback<bool> done)
{
    // Stopping waits for the container's grace period (10 s unless it set its own) before SIGKILL.
    const bool stops = action == ContainerAction::Stop || action == ContainerAction::Restart;
    command("POST", versioned("/containers/" + encodeSegment(idOrName) + '/' + containerActionVerb(action)),
            std::move(done), stops ? kStopGraceMs : 0);
}

void DockerClient::removeContainer(const QString& idOrName, bool force, EngineCallback<bool> done)
{
    command("DELETE", versioned("/containers/" + encodeSegment(idOrName) + (force ? "?force=1" : "")),
            std::move(done), force ? kStopGraceMs : 0);
}

HttpExchange* DockerClient::logs(const QString& id, const LogRequest& request, QObject* parent) const
{
    QByteArray target = versioned("/containers/" + encodeSegment(id) + "/logs");
    target += "?follow=" + QByteArray(request.follow ? "1" : "0");
    target += "&stdout=" + QByteArray(request.stdoutStream ? "1" : "0");
    target += "&stderr=" + QByteArray(request.stderrStream ? "1" : "0");
    target += "&timestamps=" + QByteArray(request.timestamps ? "1" : "0");
    target += "&tail=" + (request.tail < 0 ? QByteArray("all") : QByteArray::number(request.tail));
    if (request.sinceNs)
        target += "&since=" + formatUnixNanosParam(*request.sinceNs);
    return new HttpExchange(m_endpoint, {"GET", target, {}, {}}, parent);
}

HttpExchange* DockerClient::events(QObject* parent, std::optional<qint64> sinceNs) const
{
    QByteArray target =
        versioned("/events") + "?filters=" + QUrl::toPercentEncoding(u"{\"type\":[\"container\"]}"_s);
    if (sinceNs)
        target += "&since=" + formatUnixNanosParam(*sinceNs);
    return new HttpExchange(m_endpoint, {"GET", target, {}, {}}, parent);
}

} // namespace dockpulse::docker
