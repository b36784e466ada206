#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace dockpulse::metrics {

// One HTTP/1.1 response of the scrape server: always complete (Content-Length) and the last on
// its connection (Connection: close).
struct HttpReply
{
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // more, e.g. Allow

    // "HTTP/1.1 200 OK\r\n...\r\n\r\n" and the body.
    QByteArray bytes() const;
    static QByteArray reasonPhrase(int status);
};

} // namespace dockpulse::metrics
