#include "ScrapeServer.h"

#include <QTcpSocket>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace dockpulse::metrics {

namespace {
QString listenProblem(const QTcpServer& server, const ListenAddress& at)
{
    QString cause;
    switch (server.serverError()) {
    case QAbstractSocket::AddressInUseError:
        cause = u"the address is in use (another program listens on port %1 there)"_s.arg(at.port);
        break;
    case QAbstractSocket::SocketAccessError:
        cause = u"permission denied (ports below 1024 need privileges)"_s;
        break;
    case QAbstractSocket::SocketAddressNotAvailableError:
        cause = u"the address is not one of this machine's"_s;
        break;
    default:
        cause = server.errorString();
        break;
    }
    return u"cannot listen on %1: %2"_s.arg(at.display(), cause);
}
} // namespace

ScrapeServer::ScrapeServer(Responder respond, QObject* parent)
    : QObject(parent), m_respond(std::move(respond))
{
    m_server.setMaxPendingConnections(kMaxConnections);
    connect(&m_server, &QTcpServer::newConnection, this, &ScrapeServer::accept);
}

ScrapeServer::~ScrapeServer() = default;

QString ScrapeServer::listen(const ListenAddress& at)
{
    if (m_server.listen(at.address, at.port))
        return {};
    return listenProblem(m_server, at);
}

ListenAddress ScrapeServer::address() const
{
    return ListenAddress{m_server.serverAddress(), m_server.serverPort()};
}

void ScrapeServer::accept()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        if (m_open >= kMaxConnections) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        serve(socket);
    }
}

void ScrapeServer::serve(QTcpSocket* socket)
{
    ++m_open;
    socket->setReadBufferSize(kMaxHeadBytes);
    auto head = std::make_shared<HttpRequestHead>(kMaxHeadBytes);
    auto* deadline = new QTimer(socket);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    deadline->start(kIdleTimeoutMs);
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::errorOccurred, socket, [socket](QAbstractSocket::SocketError) {
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
    });
    connect(socket, &QTcpSocket::readyRead, socket, [this, socket, head] {
        if (head->status() != HttpRequestHead::Status::Incomplete) {
            socket->readAll(); // after the request: ignored (a body, a pipelined request)
            return;
        }
        if (head->feed(socket->readAll()) == HttpRequestHead::Status::Incomplete)
            return;
        socket->write(m_respond(*head).bytes());
        // Closes once the reply is written (asynchronously); disconnected() then deletes it.
        socket->disconnectFromHost();
    });
}

} // namespace dockpulse::metrics
