#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace dockpulse::metrics {

// The head of one HTTP/1.x request (request line and headers, up to the empty line), read as
// its bytes arrive and never past maxBytes: what the scrape server needs to answer, and no more.
// Header values are kept for header() (the server reads Accept); a body is never read.
class HttpRequestHead
{
public:
    enum class Status
    {
        Incomplete, // the empty line that ends the head has not arrived yet
        Complete,
        TooLarge,  // maxBytes went by without the end of the head
        Malformed, // not "METHOD /target HTTP/1.x"
    };

    explicit HttpRequestHead(qsizetype maxBytes = 8192) : m_maxBytes(maxBytes) {}

    // The next bytes of the connection; the status once it is no longer Incomplete stays.
    Status feed(QByteArrayView bytes);
    Status status() const { return m_status; }

    // When Complete:
    const QByteArray& method() const { return m_method; } // "GET"
    const QByteArray& target() const { return m_target; } // "/metrics?x=1"
    QByteArray path() const;                              // "/metrics"
    // The value of a header (name in any case), trimmed; several of one name joined by ", ".
    QByteArray header(QByteArrayView name) const;

private:
    Status parse();

    qsizetype m_maxBytes;
    QByteArray m_bytes;
    Status m_status = Status::Incomplete;
    QByteArray m_method;
    QByteArray m_target;
    QList<QPair<QByteArray, QByteArray>> m_headers; // names in lower case
};

} // namespace dockpulse::metrics
