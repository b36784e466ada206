#include "TcpEngineSocket.h"

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

TcpEngineSocket::TcpEngineSocket(const Endpoint& endpoint) : EngineSocket(endpoint)
{
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        // Log lines are small and latency matters more than packet count.
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        Q_EMIT opened();
    });
    connect(&m_socket, &QTcpSocket::readyRead, this, &EngineSocket::readyRead);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, &TcpEngineSocket::onError);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_done) {
            m_done = true;
            Q_EMIT closed();
        }
    });
}

TcpEngineSocket::~TcpEngineSocket()
{
    m_done = true;
    m_socket.abort();
}

void TcpEngineSocket::open()
{
    m_socket.connectToHost(endpoint().host, endpoint().port);
}

void TcpEngineSocket::write(const QByteArray& bytes)
{
    m_socket.write(bytes);
}

qint64 TcpEngineSocket::read(char* buffer, qint64 maxSize)
{
    const qint64 n = m_socket.read(buffer, maxSize);
    return n < 0 ? 0 : n;
}

qint64 TcpEngineSocket::bytesAvailable() const
{
    return m_socket.bytesAvailable();
}

void TcpEngineSocket::abort()
{
    m_done = true;
    m_socket.abort();
}

void TcpEngineSocket::onError(QAbstractSocket::SocketError socketError)
{
    if (m_done)
        return;
    m_done = true;
    if (socketError == QAbstractSocket::RemoteHostClosedError) {
        Q_EMIT closed();
        return;
    }
    Q_EMIT failed(describe(socketError));
}

EngineError TcpEngineSocket::describe(QAbstractSocket::SocketError socketError) const
{
    const QString where = u"%1:%2"_s.arg(endpoint().host).arg(endpoint().port);
    switch (socketError) {
    case QAbstractSocket::ConnectionRefusedError:
        return error(EngineError::Kind::ConnectionRefused, u"connection refused by %1"_s.arg(where),
                     u"Is the engine running and listening on that port?"_s);
    case QAbstractSocket::HostNotFoundError:
        return error(EngineError::Kind::HostNotFound, u"host %1 not found"_s.arg(endpoint().host),
                     u"Check the host name in -H / DOCKER_HOST."_s);
    case QAbstractSocket::SocketTimeoutError:
        return error(EngineError::Kind::Timeout, u"timed out talking to %1"_s.arg(where));
    case QAbstractSocket::NetworkError:
        return error(EngineError::Kind::Other,
                     u"network error talking to %1: %2"_s.arg(where, m_socket.errorString()));
    default:
        return error(EngineError::Kind::Other, u"%1: %2"_s.arg(where, m_socket.errorString()));
    }
}

} // namespace dockpulse::docker
