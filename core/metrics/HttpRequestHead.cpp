#include "HttpRequestHead.h"

#include <QList>

#include <algorithm>

namespace dockpulse::metrics {

namespace {
// RFC 9110 tchar
bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}
} // namespace

HttpRequestHead::Status HttpRequestHead::feed(QByteArrayView bytes)
{
    if (m_status != Status::Incomplete)
        return m_status;
    // Only what can still belong to the head is kept.
    m_bytes.append(bytes.first(std::min<qsizetype>(bytes.size(), m_maxBytes + 1 - m_bytes.size())));
    // The end of the head: an empty line (CRLF CRLF; a bare LF is accepted as the line end too).
    qsizetype end = m_bytes.indexOf("\r\n\r\n");
    if (end < 0)
        end = m_bytes.indexOf("\n\n");
    if (end < 0 || end > m_maxBytes) {
        if (m_bytes.size() > m_maxBytes)
            m_status = Status::TooLarge;
        return m_status;
    }
    m_status = parse();
    m_bytes.clear();
    return m_status;
}

HttpRequestHead::Status HttpRequestHead::parse()
{
    QList<QByteArray> lines = m_bytes.split('\n');
    for (QByteArray& l : lines)
        if (l.endsWith('\r'))
            l.chop(1);
    while (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return Status::Malformed;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            return Status::Malformed;
        m_headers.append({lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed()});
    }
    const QList<QByteArray> parts = lines.front().split(' ');
    if (parts.size() != 3)
        return Status::Malformed;
    const QByteArray& method = parts[0];
    const QByteArray& target = parts[1];
    const QByteArray& version = parts[2];
    if (method.isEmpty() || !std::all_of(method.begin(), method.end(), isTokenChar))
        return Status::Malformed;
    if (!target.startsWith('/') || std::any_of(target.begin(), target.end(),
                                               [](char c) { return uchar(c) <= 0x20 || uchar(c) >= 0x7f; }))
        return Status::Malformed;
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return Status::Malformed;
    m_method = method;
    m_target = target;
    return Status::Complete;
}

QByteArray HttpRequestHead::header(QByteArrayView name) const
{
    const QByteArray wanted = name.toByteArray().toLower();
    QByteArrayList values;
    for (const auto& [n, value] : m_headers)
        if (n == wanted)
            values << value;
    return values.join(", ");
}

QByteArray HttpRequestHead::path() const
{
    const qsizetype query = m_target.indexOf('?');
    return query < 0 ? m_target : m_target.left(query);
}

} // namespace dockpulse::metrics
