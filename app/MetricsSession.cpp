#include "MetricsSession.h"

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

Expected<MetricsSession, QString> MetricsSession::start(const RunOptions& options,
                                                        monitor::MonitorEngine& engine)
{
    MetricsSession session;
    if (!options.metricsListen)
        return session;
    auto endpoint = std::make_unique<metrics::MetricsEndpoint>(engine);
    if (const QString problem = endpoint->listen(*options.metricsListen); !problem.isEmpty())
        return QString(u"--metrics-listen: "_s + problem);
    const metrics::ListenAddress at = endpoint->address();
    session.notes << u"serving /metrics and /healthz on http://%1"_s.arg(at.display());
    if (!at.isLoopback())
        session.notes
            << u"warning: --metrics-listen %1 is reachable beyond this machine: anyone who can reach "
               u"port %2 reads the container names and the state of every task (there is no "
               u"authentication; bind to 127.0.0.1 and put a proxy in front to restrict it)"_s
                   .arg(at.display())
                   .arg(at.port);
    session.endpoint = std::move(endpoint);
    return session;
}

void MetricsSession::setStorePath(const QString& path)
{
    if (endpoint)
        endpoint->scrape().setStorePath(path);
}

} // namespace dockpulse::cli
