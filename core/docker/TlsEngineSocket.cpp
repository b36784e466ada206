#include "TlsEngineSocket.h"

#include "TlsConfig.h"

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

TlsEngineSocket::TlsEngineSocket(const Endpoint& endpoint) : EngineSocket(endpoint)
{
    connect(&m_socket, &QSslSocket::encrypted, this, [this] {
        // Log lines are small and latency matters more than packet count.
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        Q_EMIT opened();
    });
    connect(&m_socket, &QSslSocket::readyRead, this, &EngineSocket::readyRead);
    connect(&m_socket, &QSslSocket::errorOccurred, this, &TlsEngineSocket::onError);
    // Not ignored: Qt then fails the handshake, and onError() explains these errors.
    connect(&m_socket, &QSslSocket::sslErrors, this,
            [this](const QList<QSslError>& errors) { m_failure.verifyErrors = errors; });
    connect(&m_socket, &QSslSocket::alertReceived, this, &TlsEngineSocket::onAlert);
    connect(&m_socket, &QSslSocket::disconnected, this, [this] {
        if (m_done)
            return;
        // An engine refusing our certificate under TLS 1.3 alerts, then hangs up.
        if (m_failure.alert) {
            fail(diagnoseTls(this->endpoint(), m_failure));
            return;
        }
        m_done = true;
        Q_EMIT closed();
    });
}

TlsEngineSocket::~TlsEngineSocket()
{
    m_done = true;
    m_socket.abort();
}

void TlsEngineSocket::open()
{
    auto config = tlsConfiguration(endpoint());
    if (!config) {
        // Later, from the event loop: the caller may still be connecting to failed().
        QMetaObject::invokeMethod(
            this, [this, e = config.error()] { fail(e); }, Qt::QueuedConnection);
        return;
    }
    m_socket.setSslConfiguration(config.value());
    // The certificate must name the host as written in the URL, as the docker CLI checks it.
    m_socket.connectToHostEncrypted(endpoint().host, endpoint().port);
}

void TlsEngineSocket::write(const QByteArray& bytes)
{
    m_socket.write(bytes);
}

qint64 TlsEngineSocket::read(char* buffer, qint64 maxSize)
{
    const qint64 n = m_socket.read(buffer, maxSize);
    return n < 0 ? 0 : n;
}

qint64 TlsEngineSocket::bytesAvailable() const
{
    return m_socket.bytesAvailable();
}

void TlsEngineSocket::abort()
{
    m_done = true;
    m_socket.abort();
}

void TlsEngineSocket::fail(const EngineError& error)
{
    if (m_done)
        return;
    m_done = true;
    m_socket.abort();
    Q_EMIT failed(error);
}

void TlsEngineSocket::onAlert(QSsl::AlertLevel level, QSsl::AlertType type, const QString& description)
{
    if (level == QSsl::AlertLevel::Fatal && !m_failure.alert) {
        m_failure.alert = type;
        m_failure.alertText = description;
    }
}

void TlsEngineSocket::onError(QAbstractSocket::SocketError socketError)
{
    if (m_done)
        return;
    const bool tlsTrouble = !m_failure.verifyErrors.isEmpty() || m_failure.alert ||
                            socketError == QAbstractSocket::SslHandshakeFailedError ||
                            socketError == QAbstractSocket::SslInternalError ||
                            socketError == QAbstractSocket::SslInvalidUserDataError;
    if (tlsTrouble) {
        m_failure.socketError = m_socket.errorString();
        fail(diagnoseTls(endpoint(), m_failure));
        return;
    }
    if (socketError == QAbstractSocket::RemoteHostClosedError) {
        m_done = true;
        Q_EMIT closed();
        return;
    }
    fail(describe(socketError));
}

EngineError TlsEngineSocket::describe(QAbstractSocket::SocketError socketError) const
{
    const QString where = u"%1:%2"_s.arg(endpoint().host).arg(endpoint().port);
    switch (socketError) {
    case QAbstractSocket::ConnectionRefusedError:
        return error(EngineError::Kind::ConnectionRefused, u"connection refused by %1"_s.arg(where),
                     u"Is the engine running and listening with TLS on that port?"_s);
    case QAbstractSocket::HostNotFoundError:
        return error(EngineError::Kind::HostNotFound, u"host %1 not found"_s.arg(endpoint().host),
                     u"Check the host name in -H / DOCKER_HOST."_s);
    case QAbstractSocket::SocketTimeoutError:
        return error(EngineError::Kind::Timeout, u"timed out talking to %1"_s.arg(where));
    default:
        return error(EngineError::Kind::Other, u"%1: %2"_s.arg(where, m_socket.errorString()));
    }
}

} // namespace dockpulse::docker
