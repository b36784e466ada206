#include "LocalEngineSocket.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

LocalEngineSocket::LocalEngineSocket(const Endpoint& endpoint) : EngineSocket(endpoint)
{
    connect(&m_socket, &QLocalSocket::connected, this, &EngineSocket::opened);
    connect(&m_socket, &QLocalSocket::readyRead, this, &EngineSocket::readyRead);
    connect(&m_socket, &QLocalSocket::errorOccurred, this, &LocalEngineSocket::onError);
    connect(&m_socket, &QLocalSocket::disconnected, this, [this] {
        if (!m_done) {
            m_done = true;
            Q_EMIT closed();
        }
    });
}

LocalEngineSocket::~LocalEngineSocket()
{
    m_done = true;
    m_socket.abort();
}

void LocalEngineSocket::open()
{
    m_socket.connectToServer(endpoint().socketPath, QIODevice::ReadWrite);
}

void LocalEngineSocket::write(const QByteArray& bytes)
{
    m_socket.write(bytes);
}

qint64 LocalEngineSocket::read(char* buffer, qint64 maxSize)
{
    const qint64 n = m_socket.read(buffer, maxSize);
    return n < 0 ? 0 : n;
}

qint64 LocalEngineSocket::bytesAvailable() const
{
    return m_socket.bytesAvailable();
}

void LocalEngineSocket::abort()
{
    m_done = true;
    m_socket.abort();
}

void LocalEngineSocket::onError(QLocalSocket::LocalSocketError socketError)
{
    if (m_done)
        return;
    // The engine hanging up is an end of stream, not a failure: the caller decides whether the
    // response was complete.
    if (socketError == QLocalSocket::PeerClosedError) {
        m_done = true;
        Q_EMIT closed();
        return;
    }
    m_done = true;
    Q_EMIT failed(describe(socketError));
}

EngineError LocalEngineSocket::describe(QLocalSocket::LocalSocketError socketError) const
{
    const QString path = endpoint().socketPath;
    switch (socketError) {
    case QLocalSocket::ServerNotFoundError:
        if (QFileInfo::exists(path))
            return error(EngineError::Kind::ConnectionRefused,
                         u"%1 exists but is not a socket an engine listens on"_s.arg(path),
                         u"Check that the path names the Docker socket."_s);
        return error(EngineError::Kind::NoSocket, u"no Docker socket at %1"_s.arg(path),
                     u"Is Docker installed and running? Start it (e.g. 'sudo systemctl start docker') "
                     u"or point -H / DOCKER_HOST at a running engine."_s);
    case QLocalSocket::SocketAccessError:
        return error(EngineError::Kind::PermissionDenied, u"permission denied opening %1"_s.arg(path),
                     u"Add your user to the 'docker' group (sudo usermod -aG docker $USER), then log out "
                     u"and in again: a new group only applies to a new login session."_s);
    case QLocalSocket::ConnectionRefusedError:
        return error(EngineError::Kind::ConnectionRefused,
                     u"connection refused at %1: the socket exists but no engine is listening"_s.arg(path),
                     u"The engine may have stopped or crashed; start it again."_s);
    case QLocalSocket::SocketTimeoutError:
        return error(EngineError::Kind::Timeout, u"timed out connecting to %1"_s.arg(path),
                     u"The engine is not accepting connections; it may be overloaded or frozen."_s);
    case QLocalSocket::SocketResourceError:
        return error(EngineError::Kind::Other,
                     u"out of resources opening %1: %2"_s.arg(path, m_socket.errorString()),
                     u"Too many open files? Check ulimit -n."_s);
    default:
        return error(EngineError::Kind::Other, u"%1: %2"_s.arg(path, m_socket.errorString()));
    }
}

} // namespace dockpulse::docker
