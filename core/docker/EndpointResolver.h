#pragma once

#include "Endpoint.h"
#include "Expected.h"

#include <QProcessEnvironment>
#include <QString>

namespace dockpulse::docker {

// Which engine to talk to when the user named none on the command line, decided exactly as
// the docker CLI decides: DOCKER_HOST, then DOCKER_CONTEXT, then config.json's currentContext,
// then the default unix socket.
struct ResolvedEndpoint
{
    Endpoint endpoint;
    // Human readable: "DOCKER_HOST", "DOCKER_CONTEXT \"name\"", "context \"name\" (config.json)",
    // "default", or "default (DOCKER_TLS_VERIFY is set)" when TLS made the default tcp://localhost:2376.
    QString source;
};

class EndpointResolver
{
public:
    static constexpr const char* kDefaultUnixSocket = "/var/run/docker.sock";

    // env: the process environment (tests pass a fake one); home: the user's home folder, used
    // for ~/.docker when DOCKER_CONFIG is unset.
    EndpointResolver(QProcessEnvironment env, QString home);

    Expected<ResolvedEndpoint, QString> resolve() const;

    // The folder holding config.json and contexts/ ($DOCKER_CONFIG or ~/.docker).
    QString configDir() const;
    // Reads contexts/meta/<sha256(name)>/meta.json and the context's TLS folder.
    Expected<Endpoint, QString> contextEndpoint(const QString& name) const;
    // Names of every context in the config folder, "default" first.
    QStringList contextNames() const;

    // DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH applied to a tcp endpoint, as the docker
    // CLI applies them to DOCKER_HOST and to -H alike; other schemes come back unchanged.
    Expected<Endpoint, QString> applyTlsEnvironment(Endpoint endpoint) const;

private:
    // The "default" context: the default socket, or tcp://localhost:2376 when TLS is asked for.
    Expected<ResolvedEndpoint, QString> defaultEndpoint(const QString& source) const;
    Expected<ResolvedEndpoint, QString> namedContext(const QString& name, const QString& source,
                                                     const QString& remedy) const;

    QProcessEnvironment m_env;
    QString m_home;
};

} // namespace dockpulse::docker
