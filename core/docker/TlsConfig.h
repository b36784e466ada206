#pragma once

#include "Endpoint.h"
#include "EngineError.h"
#include "Expected.h"

#include <QSslConfiguration>

namespace dockpulse::docker {

// The QSslConfiguration for a tcp:// endpoint with TLS, as the docker CLI builds it: the CA from
// ca.pem replaces the system's (or the system's when there is none), the client certificate and
// key from cert.pem and key.pem, the peer verified only when verifyPeer says so. Fails with a
// Kind::Tls error naming the file that is missing, unreadable or not PEM.
Expected<QSslConfiguration, EngineError> tlsConfiguration(const Endpoint& endpoint);

} // namespace dockpulse::docker
