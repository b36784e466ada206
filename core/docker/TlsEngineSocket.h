#pragma once

#include "EngineSocket.h"
#include "TlsDiagnosis.h"

#include <QSslSocket>

namespace dockpulse::docker {

// tcp://host:port with TLS through QSslSocket: the CA, client certificate and key the endpoint's
// TLS settings name (DOCKER_CERT_PATH or a context's TLS folder), the peer verified when
// verifyPeer says so. opened() comes once the handshake is done; every TLS failure becomes one
// Kind::Tls error (see TlsDiagnosis).
class TlsEngineSocket final : public EngineSocket
{
    Q_OBJECT
public:
    explicit TlsEngineSocket(const Endpoint& endpoint);
    ~TlsEngineSocket() override;

    void open() override;
    void write(const QByteArray& bytes) override;
    qint64 read(char* buffer, qint64 maxSize) override;
    qint64 bytesAvailable() const override;
    void abort() override;

private:
    void onError(QAbstractSocket::SocketError socketError);
    void onAlert(QSsl::AlertLevel level, QSsl::AlertType type, const QString& description);
    void fail(const EngineError& error);
    EngineError describe(QAbstractSocket::SocketError socketError) const;

    QSslSocket m_socket;
    TlsFailure m_failure;
    bool m_done = false;
};

} // namespace dockpulse::docker
