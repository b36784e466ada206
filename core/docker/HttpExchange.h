#pragma once

#include "Endpoint.h"
#include "EngineError.h"
#include "HttpResponseParser.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <memory>

namespace dockpulse::docker {

class EngineSocket;

// One HTTP request and its response over a connection of its own (the engine API is cheap to
// connect to, and a log stream must own its connection so that ending it cannot disturb others).
//
// finished() is emitted exactly once: when the response is complete, the engine closed the
// connection, a transport or protocol error occurred, a timeout passed, or abort() was called
// (then synchronously, from inside abort()).
class HttpExchange : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method = "GET";
        QByteArray target; // "/v1.41/containers/json?all=1"
        QByteArray body;
        QByteArray contentType;
    };

    HttpExchange(Endpoint endpoint, Request request, QObject* parent = nullptr);
    ~HttpExchange() override;

    // Limits the time until the response headers arrive, and the whole exchange (0: no limit).
    void setHeaderTimeout(int ms) { m_headerTimeoutMs = ms; }
    void setTotalTimeout(int ms) { m_totalTimeoutMs = ms; }
    // Streams a successful (2xx) body to the handler instead of collecting it. Error bodies are
    // always collected, because they carry the engine's message.
    void setBodyHandler(HttpResponseParser::BodyHandler handler) { m_bodyHandler = std::move(handler); }

    void start();
    // Ends the exchange now and emits finished() with an Aborted error (unless already finished).
    void abort(const QString& reason = {});

    bool isFinished() const { return m_finished; }
    // True when the response arrived complete with a 2xx status.
    bool succeeded() const { return m_finished && !m_error.isError(); }
    const EngineError& error() const { return m_error; }
    const HttpResponseParser& response() const { return m_parser; }
    int statusCode() const { return m_parser.statusCode(); }
    const QByteArray& body() const { return m_collected; }
    const Endpoint& endpoint() const { return m_endpoint; }
    const Request& request() const { return m_request; }

Q_SIGNALS:
    void headersReceived();
    // Everything read from the socket so far has gone through the body handler: a good moment
    // to pass results on (once per read, not once per HTTP chunk: the engine sends a chunk per
    // log line).
    void readProcessed();
    void finished();

private:
    void onOpened();
    void onReadyRead();
    void onClosed();
    void onFailed(const EngineError& error);
    void onHeaders();
    void finish(EngineError error);
    QByteArray serializeRequest() const;

    Endpoint m_endpoint;
    Request m_request;
    std::unique_ptr<EngineSocket> m_socket;
    HttpResponseParser m_parser;
    HttpResponseParser::BodyHandler m_bodyHandler;
    QTimer m_timer; // header timeout first, then the total timeout
    int m_headerTimeoutMs = 0;
    int m_totalTimeoutMs = 0;
    bool m_started = false;
    bool m_headersSeen = false;
    bool m_finished = false;
    EngineError m_error;
    QByteArray m_collected; // the body when not streamed; always for non-2xx (the engine explains itself)
};

} // namespace dockpulse::docker
