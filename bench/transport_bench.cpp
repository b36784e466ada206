// What a transport costs: connect time (sequential GET /_ping, each on a connection of its own,
// as every dockpulse API call is) and log-drain throughput (one GET /containers/{id}/logs of a
// container that has exited, read to the end). The URL takes TLS from DOCKER_TLS_VERIFY /
// DOCKER_CERT_PATH like -H does; ssh:// takes DOCKPULSE_SSH_OPTS.
//   transport_bench URL ping N          prints "ping N median_ms p95_ms"
//   transport_bench URL drain CONTAINER prints "drain bytes seconds MiB/s"
#include "DockerClient.h"
#include "EndpointResolver.h"
#include "HttpExchange.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcessEnvironment>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;

namespace {

int fail(const QString& text)
{
    std::fprintf(stderr, "transport_bench: %s\n", qPrintable(text));
    return 1;
}

double percentileMs(std::vector<qint64> ns, double p)
{
    std::sort(ns.begin(), ns.end());
    return ns.empty() ? 0 : double(ns[size_t(p * double(ns.size() - 1))]) / 1e6;
}

void ping(DockerClient& client, int left, std::vector<qint64>& times, int& status)
{
    if (left == 0) {
        std::printf("ping %zu %.2f %.2f\n", times.size(), percentileMs(times, 0.5),
                    percentileMs(times, 0.95));
        QCoreApplication::exit(0);
        return;
    }
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    client.negotiate([&client, left, &times, &status, timer](EngineResult<PingResult> r) {
        if (!r) {
            status = fail(r.error().toString());
            QCoreApplication::exit(1);
            return;
        }
        times.push_back(timer->nsecsElapsed());
        ping(client, left - 1, times, status);
    });
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 4)
        return fail(u"usage: transport_bench URL ping N | transport_bench URL drain CONTAINER"_s);
    const EndpointResolver resolver(QProcessEnvironment::systemEnvironment(), QDir::homePath());
    auto parsed = parseEndpoint(QString::fromLocal8Bit(argv[1]));
    if (!parsed)
        return fail(parsed.error());
    auto endpoint = resolver.applyTlsEnvironment(parsed.value());
    if (!endpoint)
        return fail(endpoint.error());
    DockerClient client(endpoint.value());
    const QString mode = QString::fromLocal8Bit(argv[2]);
    const QString arg = QString::fromLocal8Bit(argv[3]);
    int status = 0;
    std::vector<qint64> times;

    if (mode == u"ping"_s) {
        ping(client, arg.toInt(), times, status);
        const int code = QCoreApplication::exec();
        return status ? status : code;
    }
    if (mode != u"drain"_s)
        return fail(u"unknown mode "_s + mode);

    // Negotiate first so that the drain itself is only the stream.
    client.negotiate([&](EngineResult<PingResult> r) {
        if (!r) {
            status = fail(r.error().toString());
            QCoreApplication::exit(1);
            return;
        }
        LogRequest request;
        request.follow = false;
        HttpExchange* logs = client.logs(arg, request, &client);
        auto bytes = std::make_shared<qint64>(0);
        logs->setBodyHandler([bytes](QByteArrayView chunk) { *bytes += chunk.size(); });
        auto timer = std::make_shared<QElapsedTimer>();
        QObject::connect(logs, &HttpExchange::finished, &client, [logs, bytes, timer, &status] {
            const double seconds = double(timer->nsecsElapsed()) / 1e9;
            if (!logs->succeeded()) {
                status = fail(logs->error().toString());
                QCoreApplication::exit(1);
                return;
            }
            std::printf("drain %lld %.3f %.1f\n", static_cast<long long>(*bytes), seconds,
                        double(*bytes) / 1048576.0 / seconds);
            QCoreApplication::exit(0);
        });
        timer->start();
        logs->start();
    });
    const int code = QCoreApplication::exec();
    return status ? status : code;
}
