#include "EngineSelection.h"

#include "EndpointResolver.h"

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

Expected<QList<monitor::MonitorEngine::EngineSpec>, QString>
selectEngines(const QStringList& hosts, const QProcessEnvironment& env, const QString& home)
{
    QList<monitor::MonitorEngine::EngineSpec> specs;
    const docker::EndpointResolver resolver(env, home);
    if (hosts.isEmpty()) {
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
        auto withTls = resolver.applyTlsEnvironment(endpoint.value());
        if (!withTls)
            return u"-H/--host %1: %2"_s.arg(host, withTls.error());
        const docker::Endpoint& e = withTls.value();
        const auto it =
            std::find_if(specs.begin(), specs.end(),
                         [&](const monitor::MonitorEngine::EngineSpec& s) { return s.host == e.url(); });
        if (it == specs.end())
            specs.append({e, e.url()});
    }
    return specs;
}

QStringList plainTcpWarnings(const QList<monitor::MonitorEngine::EngineSpec>& engines)
{
    QStringList warnings;
    for (const monitor::MonitorEngine::EngineSpec& spec : engines) {
        if (spec.endpoint.scheme == docker::Endpoint::Scheme::Tcp && !spec.endpoint.tls.enabled)
            warnings << u"warning: %1 is plain TCP: unencrypted and unauthenticated, and access to a Docker "
                        u"engine is root on its host. Use TLS (DOCKER_TLS_VERIFY=1 with DOCKER_CERT_PATH) "
                        u"or ssh:// instead."_s.arg(spec.host);
    }
    return warnings;
}

} // namespace dockpulse::cli
