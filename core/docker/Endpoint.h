#pragma once

#include "Expected.h"

#include <QString>

namespace dockpulse::docker {

// Where an engine listens. Parsed from the same URLs the docker CLI accepts.
struct Endpoint
{
    enum class Scheme
    {
        Unix,
        Tcp,
        Ssh
    };

    // Client TLS material for tcp://, as DOCKER_CERT_PATH or a context's tls folder provide it.
    struct Tls
    {
        bool enabled = false;
        bool verifyPeer = false; // DOCKER_TLS_VERIFY or a context without SkipTLSVerify
        QString caFile;
        QString certFile;
        QString keyFile;
        bool operator==(const Tls&) const = default;
    };

    Scheme scheme = Scheme::Unix;
    QString socketPath; // unix: absolute path of the socket
    QString host;       // tcp, ssh: host name or address (IPv6 without brackets)
    quint16 port = 0;   // tcp: always set (2375 when omitted, 2376 for https://); ssh: 0 = ssh's default
    QString user;       // ssh: optional login name
    Tls tls;            // tcp only

    // The canonical URL: unix:///path, tcp://host:port, ssh://user@host:port.
    QString url() const;

    bool operator==(const Endpoint&) const = default;
};

// Parses "unix:///path", "tcp://host[:port]", "ssh://[user@]host[:port]", "http://" (as tcp),
// "https://" (as tcp with TLS), a scheme-less "host:port" (as tcp, like the docker CLI) and a bare
// absolute path (as unix). The error quotes the URL and says what is wrong and how to write it.
Expected<Endpoint, QString> parseEndpoint(const QString& url);

} // namespace dockpulse::docker
