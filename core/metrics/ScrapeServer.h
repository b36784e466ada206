#pragma once

#include "HttpReply.h"
#include "HttpRequestHead.h"
#include "ListenAddress.h"

#include <QObject>
#include <QTcpServer>

#include <functional>

namespace dockpulse::metrics {

// A small HTTP/1.1 server for scrapes, in its owner's thread (the main or GUI thread): every
// socket is asynchronous (readyRead, bytesWritten; never waitFor*), so a slow or stuck client
// costs a socket and a timer, never a wait. One request per connection (Connection: close), its
// head bounded by kMaxHeadBytes, at most kMaxConnections open at once (more are refused), each
// closed kIdleTimeoutMs after it opened if it has not been answered and flushed by then.
class ScrapeServer : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxHeadBytes = 8192;
    static constexpr int kMaxConnections = 32;
    static constexpr int kIdleTimeoutMs = 10000;

    using Responder = std::function<HttpReply(const HttpRequestHead&)>;

    explicit ScrapeServer(Responder respond, QObject* parent = nullptr);
    ~ScrapeServer() override;

    // Starts listening; the error names the address and the cause, or is empty.
    QString listen(const ListenAddress& at);
    // Where it listens, with the port the system picked for port 0.
    ListenAddress address() const;
    int openConnections() const { return m_open; }

private:
    void accept();
    void serve(QTcpSocket* socket);

    Responder m_respond;
    QTcpServer m_server;
    int m_open = 0;
};

} // namespace dockpulse::metrics
