// Live latency: the delay from Docker's timestamp on a line to that line reaching the core facade
// (MonitorEngine::linesReady), for a container writing steadily, across stream rotations. Docker
// stamps a line when its daemon reads it from the container, with the host's wall clock, which
// is the clock we read too (same machine).
//   latency_bench HOST CONTAINER SECONDS [READ_DEADLINE_MS=5000] [TAIL=0]
// (with TAIL=-1 it reads the whole existing log: then it shows the batching of a drain)
#include "Endpoint.h"
#include "MonitorEngine.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace dockpulse;

namespace {
qint64 wallNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

double percentile(std::vector<qint64> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return double(v[size_t(p * double(v.size() - 1))]) / 1e6;
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: latency_bench HOST CONTAINER SECONDS [READ_DEADLINE_MS]\n");
        return 2;
    }
    const auto endpoint = docker::parseEndpoint(QString::fromLocal8Bit(argv[1]));
    if (!endpoint) {
        std::fprintf(stderr, "%s\n", qPrintable(endpoint.error()));
        return 2;
    }
    monitor::MonitorSettings settings;
    settings.readDeadlineMs = argc > 4 ? QByteArray(argv[4]).toLongLong() : 5000;
    settings.contextTimeoutMs = settings.readDeadlineMs + 500;
    settings.heartbeatEveryMs = settings.readDeadlineMs;
    settings.tail =
        argc > 5 ? QByteArray(argv[5]).toLongLong() : 0; // default: only what is written while we watch
    monitor::MonitorEngine engine(settings, {{endpoint.value(), endpoint->url()}});

    std::vector<qint64> latencies;
    std::vector<std::pair<qint64, qint64>> byTime; // (arrival ns, latency ns)
    std::vector<qint64> rotations;
    qint64 batches = 0;
    QObject::connect(&engine, &monitor::MonitorEngine::linesReady, &app,
                     [&](const QString&, const QString&, const QString&, const docker::LogBatch& batch) {
                         const qint64 now = wallNowNs();
                         ++batches;
                         for (qsizetype i = 0; i < batch.size(); ++i) {
                             const qint64 l = now - batch.entry(i).timestampNs;
                             latencies.push_back(l);
                             byTime.emplace_back(now, l);
                         }
                     });
    QObject::connect(&engine, &monitor::MonitorEngine::eventRecorded, &app,
                     [&](const monitor::TaskEventRecord& r) {
                         if (r.event == u"rotated"_s)
                             rotations.push_back(r.wallMs * 1'000'000);
                     });
    const QString container = QString::fromLocal8Bit(argv[2]);
    QObject::connect(engine.engines().first(), &monitor::EngineWatcher::connected, &app, [&] {
        engine.monitor(endpoint->url(), container, [](const monitor::MonitorEngine::MonitorResult& r) {
            if (r.outcome != monitor::MonitorEngine::MonitorOutcome::Started) {
                std::fprintf(stderr, "%s\n", qPrintable(r.message));
                QCoreApplication::exit(4);
            }
        });
    });
    QTimer::singleShot(int(QByteArray(argv[3]).toDouble() * 1000), &app, [&] { engine.shutdown(); });
    QObject::connect(&engine, &monitor::MonitorEngine::shutDown, &app, &QCoreApplication::quit);
    engine.start();
    const int code = QCoreApplication::exec();
    if (code != 0)
        return code;

    // Lines that arrived within 500 ms after a rotation instant.
    std::vector<qint64> nearRotation;
    for (const auto& [at, l] : byTime)
        for (qint64 r : rotations)
            if (at >= r && at - r < 500'000'000) {
                nearRotation.push_back(l);
                break;
            }
    std::printf("lines %zu in %lld batches (%.1f lines per batch), rotations %zu, read deadline %lld ms\n",
                latencies.size(), batches, double(latencies.size()) / double(std::max<qint64>(1, batches)),
                rotations.size(), settings.readDeadlineMs);
    std::printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n", percentile(latencies, 0.5),
                percentile(latencies, 0.9), percentile(latencies, 0.99), percentile(latencies, 1.0));
    std::printf("within 500 ms after a rotation (%zu lines): p50 %.2f  p99 %.2f  max %.2f\n",
                nearRotation.size(), percentile(nearRotation, 0.5), percentile(nearRotation, 0.99),
                percentile(nearRotation, 1.0));
    return 0;
}
