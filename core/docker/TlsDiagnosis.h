#pragma once

#include "Endpoint.h"
#include "EngineError.h"

#include <QList>
#include <QSsl>
#include <QSslError>

#include <optional>

namespace dockpulse::docker {

// What went wrong in a TLS connection to an engine, gathered by TlsEngineSocket.
struct TlsFailure
{
    QList<QSslError> verifyErrors;        // our verification of the engine's certificate
    std::optional<QSsl::AlertType> alert; // a fatal alert the engine sent us
    QString alertText;                    // OpenSSL's description of that alert
    QString socketError;                  // QSslSocket::errorString() when nothing above says more
};

// One Kind::Tls error a user can act on: "the certificate is not trusted by ca.pem", "the
// engine requires a client certificate", "the certificate is not valid for this host"... with
// the remedy. The endpoint's TLS files are named where they are the cause.
EngineError diagnoseTls(const Endpoint& endpoint, const TlsFailure& failure);

} // namespace dockpulse::docker
