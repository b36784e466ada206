#include "HttpExchange.h"

#include "EngineSocket.h"
#include "Version.h"

#include <array>

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

namespace {
constexpr qint64 kReadChunk = 64 * 1024;
}

HttpExchange::HttpExchange(Endpoint endpoint, Request request, QObject* parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_request(std::move(request))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const QString what = m_headersSeen ? u"the response"_s : u"the response headers"_s;
        finish(EngineError::make(
            EngineError::Kind::Timeout, m_endpoint.url(),
            u"no answer: timed out waiting for %1 to %2 %3"_s.arg(what, QString::fromLatin1(m_request.method),
                                                                  QString::fromUtf8(m_request.target)),
            u"The engine is not answering; it may be frozen or overloaded."_s));
    });
    m_parser.setNoBodyExpected(m_request.method == "HEAD");
    m_parser.setBodyHandler([this](QByteArrayView bytes) {
        if (m_bodyHandler && m_parser.statusCode() >= 200 && m_parser.statusCode() < 300)
            m_bodyHandler(bytes);
        else
            m_collected.append(bytes.data(), bytes.size());
    });
}

HttpExchange::~HttpExchange()
{
    // Destroying an exchange silently ends it; nobody is left to hear finished().
    m_finished = true;
    if (m_socket)
        m_socket->abort();
}

void HttpExchange::start()
{
    if (m_started)
        return;
    m_started = true;
    m_socket = EngineSocket::create(m_endpoint);
    if (!m_socket) {
        // Finish from the event loop so that callers can connect to finished() after start().
        QMetaObject::invokeMethod(
            this,
            [this] {
                finish(EngineError::make(EngineError::Kind::BadEndpoint, m_endpoint.url(),
                                         u"this build cannot connect to %1 yet"_s.arg(m_endpoint.url())));
            },
            Qt::QueuedConnection);
        return;
    }
    connect(m_socket.get(), &EngineSocket::opened, this, &HttpExchange::onOpened);
    connect(m_socket.get(), &EngineSocket::readyRead, this, &HttpExchange::onReadyRead);
    connect(m_socket.get(), &EngineSocket::closed, this, &HttpExchange::onClosed);
    connect(m_socket.get(), &EngineSocket::failed, this, &HttpExchange::onFailed);
    if (m_headerTimeoutMs > 0)
        m_timer.start(m_headerTimeoutMs);
    else if (m_totalTimeoutMs > 0)
        m_timer.start(m_totalTimeoutMs);
    m_socket->open();
}

void HttpExchange::abort(const QString& reason)
{
    finish(EngineError::make(EngineError::Kind::Aborted, m_endpoint.url(),
                             reason.isEmpty() ? u"aborted"_s : reason));
}

void HttpExchange::onOpened()
{
    m_socket->write(serializeRequest());
}

void HttpExchange::onReadyRead()
{
    // One buffer reused for every read: no allocation per read on a busy stream.
    std::array<char, kReadChunk> buffer;
    while (!m_finished && m_socket) {
        const qint64 n = m_socket->read(buffer.data(), qint64(buffer.size()));
        if (n <= 0)
            break;
        m_parser.feed(QByteArrayView(buffer.data(), n));
        if (!m_headersSeen && m_parser.headersComplete())
            onHeaders();
        if (m_finished)
            return; // a handler ended us
        if (m_parser.hasError()) {
            finish(
                EngineError::make(EngineError::Kind::Protocol, m_endpoint.url(),
                                  u"malformed response from the engine: %1"_s.arg(m_parser.errorString())));
            return;
        }
        if (m_parser.isComplete()) {
            finish({});
            return;
        }
    }
    if (!m_finished)
        Q_EMIT readProcessed();
}

void HttpExchange::onHeaders()
{
    m_headersSeen = true;
    m_timer.stop();
    if (m_totalTimeoutMs > 0)
        m_timer.start(m_totalTimeoutMs);
    Q_EMIT headersReceived();
}

void HttpExchange::onClosed()
{
    if (m_finished)
        return;
    onReadyRead(); // what arrived before the close is still ours
    if (m_finished)
        return;
    m_parser.finish();
    if (!m_headersSeen && m_parser.headersComplete())
        onHeaders();
    if (m_finished)
        return;
    if (m_parser.isComplete()) {
        finish({});
        return;
    }
    finish(EngineError::make(EngineError::Kind::ConnectionClosed, m_endpoint.url(),
                             u"the engine closed the connection: %1"_s.arg(m_parser.errorString())));
}

void HttpExchange::onFailed(const EngineError& error)
{
    finish(error);
}

void HttpExchange::finish(EngineError error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    if (m_socket)
        m_socket->abort();
    const int status = m_parser.statusCode();
    if (!error.isError() && (status < 200 || status >= 300))
        error = EngineError::fromHttp(m_endpoint.url(), status, m_collected);
    m_error = std::move(error);
    Q_EMIT finished();
}

QByteArray HttpExchange::serializeRequest() const
{
    QByteArray out;
    out.reserve(256 + m_request.body.size());
    out += m_request.method + ' ' + m_request.target + " HTTP/1.1\r\n";
    // The engine ignores Host on a unix socket but HTTP/1.1 requires one.
    if (m_endpoint.scheme == Endpoint::Scheme::Tcp)
        out += "Host: " + m_endpoint.host.toUtf8() + ':' + QByteArray::number(m_endpoint.port) + "\r\n";
    else
        out += "Host: docker\r\n";
    out += "User-Agent: dockpulse/" + QByteArray(kVersion) + "\r\n";
    out += "Connection: close\r\n";
    if (!m_request.body.isEmpty() || m_request.method == "POST") {
        out += "Content-Type: " +
               (m_request.contentType.isEmpty() ? QByteArray("application/json") : m_request.contentType) +
               "\r\n";
        out += "Content-Length: " + QByteArray::number(m_request.body.size()) + "\r\n";
    }
    out += "\r\n";
    out += m_request.body;
    return out;
}

} // namespace dockpulse::docker
