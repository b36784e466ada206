#include "EngineSelection.h"

#include "EndpointResolver.h"

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

Expected<QList<monitor::MonitorEngine::EngineSpec>, QString>
selectEngines(const QStringList& hosts, const QProcessEnvironment& env, const QString& home)
{
    QList<monitor::MonitorEngine::EngineSpec> specs;
    if (hosts.isEmpty()) {
        const docker::EndpointResolver resolver(env, home);
        auto resolved = resolver.resolve();
        if (!resolved)
            return resolved.error();
        specs.append({resolved->endpoint, resolved->endpoint.url()});
        return specs;
    }
    for (const QString& host : hosts) {
        auto endpoint = docker::parseEndpoint(host);
        if (!endpoint)
            return QString(u"-H/--host: "_s + endpoint.error());
        // TLS material for tcp:// comes from the environment, as with the docker CLI.
        docker::Endpoint e = endpoint.value();
        const auto it =
            std::find_if(specs.begin(), specs.end(),
                         [&](const monitor::MonitorEngine::EngineSpec& s) { return s.host == e.url(); });
        if (it == specs.end())
            specs.append({e, e.url()});
    }
    return specs;
}

} // namespace dockpulse::cli
