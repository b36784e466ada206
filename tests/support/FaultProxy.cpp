#include "FaultProxy.h"

#include <QLocalSocket>
#include <QMetaEnum>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace dockpulse::test {

// One client connection and its upstream connection to the real engine.
class FaultProxy::Connection : public QObject
{
public:
    Connection(FaultProxy& proxy, QLocalSocket* client) : QObject(&proxy), m_proxy(proxy), m_client(client)
    {
        client->setParent(this);
        connect(client, &QLocalSocket::readyRead, this, &Connection::onClientData);
        connect(client, &QLocalSocket::disconnected, this, [this] { close(false); });
        m_trickle.setInterval(100);
        connect(&m_trickle, &QTimer::timeout, this, &Connection::trickleOne);
    }

private:
    void onClientData()
    {
        m_request += m_client->readAll();
        if (m_upstream || m_decided)
            return forward();
        if (!m_request.contains("\r\n\r\n"))
            return;
        m_decided = true;
        const QByteArray line = m_request.left(m_request.indexOf("\r\n"));
        m_fault = line.contains("/logs?") ? m_proxy.takeFault() : Fault::None;
        switch (m_fault) {
        case Fault::StallBeforeHeaders:
            return; // keep the client waiting forever
        case Fault::Garbage: {
            // Sized by the compiler: the literal starts with a NUL, so strlen would not do.
            static constexpr char kGarbage[] = "\x00\xff garbage, not HTTP at all\r\n\r\n\x17";
            m_client->write(kGarbage, sizeof kGarbage - 1);
            m_client->flush();
            return close();
        }
        case Fault::OversizedHeaders:
            m_client->write("HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(100 * 1024, 'a') + "\r\n\r\n");
            m_client->flush();
            return close();
        case Fault::EmptyStream:
            m_client->write("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                            "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            m_client->flush();
            return close();
        default:
            break;
        }
        m_upstream = new QLocalSocket(this);
        connect(m_upstream, &QLocalSocket::connected, this, &Connection::forward);
        connect(m_upstream, &QLocalSocket::readyRead, this, &Connection::onUpstreamData);
        connect(m_upstream, &QLocalSocket::disconnected, this, [this] {
            if (m_fault != Fault::Trickle && m_fault != Fault::StallMidFrame)
                close(true);
        });
        m_upstream->connectToServer(m_proxy.m_upstreamPath);
    }

    void forward()
    {
        if (m_upstream && m_upstream->state() == QLocalSocket::ConnectedState && !m_request.isEmpty()) {
            m_upstream->write(m_request);
            m_request.clear();
        }
    }

    void onUpstreamData()
    {
        const QByteArray bytes = m_upstream->readAll();
        const qsizetype before = m_sent;
        m_sent += bytes.size();
        const qsizetype headerEnd = m_seen.size() < 65536 ? (m_seen += bytes).indexOf("\r\n\r\n") : -1;
        switch (m_fault) {
        case Fault::None:
            m_client->write(bytes);
            return;
        case Fault::Trickle:
            m_pending += bytes;
            if (!m_trickle.isActive())
                m_trickle.start();
            return;
        case Fault::StallMidFrame:
        case Fault::TruncatedChunk:
        case Fault::Reset: {
            if (m_cut)
                return;
            if (headerEnd < 0)
                return void(m_client->write(bytes));
            // Headers, then a little of the body (less than one whole frame).
            const qsizetype keep = std::max<qsizetype>(0, headerEnd + 4 + 11 - before);
            m_client->write(bytes.left(keep));
            m_cut = true;
            if (m_fault == Fault::TruncatedChunk) {
                m_client->write("\r\n4000\r\n0123456789");
                m_client->flush();
                close();
            } else if (m_fault == Fault::Reset) {
                m_client->flush();
                close(false);
            }
            return; // StallMidFrame: silent from now on, connections left open
        }
        default:
            m_client->write(bytes);
        }
    }

    void trickleOne()
    {
        if (m_pending.isEmpty())
            return;
        m_client->write(m_pending.left(1));
        m_pending.remove(0, 1);
    }

    // Graceful: what was written still reaches the client before the close.
    void close(bool graceful = true)
    {
        if (m_closed)
            return;
        m_closed = true;
        m_trickle.stop();
        if (m_upstream)
            m_upstream->abort();
        if (graceful && m_client->state() == QLocalSocket::ConnectedState) {
            connect(m_client, &QLocalSocket::disconnected, this, &QObject::deleteLater);
            m_client->disconnectFromServer();
            return;
        }
        m_client->abort();
        deleteLater();
    }

    FaultProxy& m_proxy;
    QLocalSocket* m_client;
    QLocalSocket* m_upstream = nullptr;
    QByteArray m_request;
    QByteArray m_seen;
    QByteArray m_pending;
    QTimer m_trickle;
    qsizetype m_sent = 0;
    Fault m_fault = Fault::None;
    bool m_decided = false;
    bool m_cut = false;
    bool m_closed = false;
};

FaultProxy::FaultProxy(QString upstreamPath, QObject* parent)
    : QObject(parent), m_upstreamPath(std::move(upstreamPath))
{
    connect(&m_server, &QLocalServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy() = default;

bool FaultProxy::listen(const QString& path)
{
    QLocalServer::removeServer(path);
    m_clock.start();
    return m_server.listen(path);
}

void FaultProxy::inject(Fault fault, int times)
{
    m_fault = fault;
    m_remaining = times;
}

FaultProxy::Fault FaultProxy::takeFault()
{
    if (m_remaining <= 0 || m_fault == Fault::None) {
        if (m_injected > 0 && m_recoveredAfterMs < 0)
            m_recoveredAfterMs = m_clock.elapsed() - m_lastInjectionMs;
        return Fault::None;
    }
    --m_remaining;
    ++m_injected;
    m_lastInjectionMs = m_clock.elapsed();
    return m_fault;
}

void FaultProxy::onNewConnection()
{
    while (QLocalSocket* client = m_server.nextPendingConnection())
        new Connection(*this, client);
}

QString FaultProxy::name(Fault fault)
{
    return QString::fromLatin1(QMetaEnum::fromType<Fault>().valueToKey(int(fault)));
}

} // namespace dockpulse::test
