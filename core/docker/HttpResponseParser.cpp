#include "HttpResponseParser.h"

#include <QLatin1String>

#include <algorithm>
#include <cstring>
#include <limits>

namespace dockpulse::docker {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMaxInt64 = std::numeric_limits<qint64>::max();
// Reserving for a collected Content-Length body saves reallocations, but a hostile length
// must not make us allocate memory that no bytes will ever fill.
constexpr qint64 kMaxBodyReserve = 1 << 20;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// RFC 9110 tchar: what a header name may be made of.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

qsizetype indexOf(QByteArrayView bytes, char c)
{
    if (bytes.isEmpty())
        return -1;
    const auto* hit = static_cast<const char*>(std::memchr(bytes.data(), c, size_t(bytes.size())));
    return hit ? hit - bytes.data() : -1;
}

QByteArrayView trimmedBlanks(QByteArrayView bytes)
{
    while (!bytes.isEmpty() && isBlank(bytes.front()))
        bytes = bytes.sliced(1);
    while (!bytes.isEmpty() && isBlank(bytes.back()))
        bytes.chop(1);
    return bytes;
}

// A line as takeLine() returns it, without its '\n' and the '\r' before it, if any.
QByteArrayView withoutEol(QByteArrayView line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

bool equalsNoCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

// Decimal digits only (no sign, no blanks); false if empty or larger than qint64.
bool parseDecimal(QByteArrayView text, qint64& value)
{
    if (text.isEmpty())
        return false;
    value = 0;
    for (const char c : text) {
        if (!isDigit(c) || value > (kMaxInt64 - (c - '0')) / 10)
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

// The offending bytes for an error message: bounded, and printable whatever they were.
QString quoted(QByteArrayView bytes)
{
    constexpr qsizetype kMaxShown = 60;
    QString text = u"\""_s;
    for (const char c : bytes.first(std::min(bytes.size(), kMaxShown))) {
        const auto u = static_cast<uchar>(c);
        if (u >= 0x20 && u < 0x7f && c != '"' && c != '\\')
            text += QLatin1Char(c);
        else
            text += u"\\x%1"_s.arg(uint(u), 2, 16, QChar(u'0'));
    }
    text += u'"';
    if (bytes.size() > kMaxShown)
        text += u"..."_s;
    return text;
}

} // namespace

QByteArray HttpResponseParser::header(QByteArrayView name) const
{
    for (const Header& h : m_headers) {
        if (equalsNoCase(h.first, name))
            return h.second;
    }
    return {};
}

qsizetype HttpResponseParser::feed(QByteArrayView bytes)
{
    qsizetype pos = 0;
    // Every step below either uses at least one byte or leaves the Body/head states, so this
    // loop ends whatever the input.
    while (pos < bytes.size()) {
        const QByteArrayView rest = bytes.sliced(pos);
        switch (m_state) {
        case State::StatusLine:
        case State::Headers:
            pos += feedHead(rest);
            break;
        case State::Body:
            pos += feedBody(rest);
            break;
        case State::Complete:
        case State::Error:
            return pos;
        }
    }
    return pos;
}

void HttpResponseParser::finish()
{
    switch (m_state) {
    case State::StatusLine:
        fail(m_headerBytes == 0 && m_line.isEmpty()
                 ? u"connection closed before a response arrived"_s
                 : u"connection closed before the headers were complete"_s);
        return;
    case State::Headers:
        fail(u"connection closed before the headers were complete"_s);
        return;
    case State::Body:
        break;
    case State::Complete:
    case State::Error:
        return;
    }
    switch (m_bodyMode) {
    case BodyMode::UntilClose:
        m_state = State::Complete;
        return;
    case BodyMode::ContentLength:
        fail(u"connection closed before the body was complete (%1 of %2 bytes)"_s.arg(m_bodyBytes)
                 .arg(m_bodyBytes + m_remaining));
        return;
    case BodyMode::Chunked:
        switch (m_chunkState) {
        case ChunkState::Size:
            fail(u"connection closed before the last chunk"_s);
            return;
        case ChunkState::Data:
        case ChunkState::DataEnd:
            fail(u"connection closed in the middle of a chunk"_s);
            return;
        case ChunkState::Trailers:
            fail(u"connection closed in the trailers"_s);
            return;
        }
        return;
    case BodyMode::None:
        return;
    }
}

HttpResponseParser::LineTake HttpResponseParser::takeLine(QByteArrayView bytes, qsizetype budget)
{
    LineTake t;
    const qsizetype newline = indexOf(bytes, '\n');
    t.done = newline >= 0;
    t.used = t.done ? newline + 1 : bytes.size();
    // Checked before buffering, so that a line that never ends costs at most `budget` bytes.
    if (m_line.size() + t.used > budget) {
        t.done = false;
        t.tooLong = true;
        t.used = budget - m_line.size() + 1;
        return t;
    }
    if (t.done && m_line.isEmpty()) {
        t.line = bytes.first(t.used); // the common case: no copy
    } else {
        m_line.append(bytes.data(), t.used);
        if (t.done)
            t.line = m_line;
    }
    return t;
}

bool HttpResponseParser::checkLine(QByteArrayView line, const char* where)
{
    if (indexOf(line, '\0') >= 0) {
        fail(u"NUL byte in the %1"_s.arg(QLatin1String(where)));
        return false;
    }
    // Only a CR right before the LF ends a line; one anywhere else is a smuggling vector.
    if (indexOf(line, '\r') >= 0) {
        fail(u"stray CR in the %1"_s.arg(QLatin1String(where)));
        return false;
    }
    return true;
}

qsizetype HttpResponseParser::feedHead(QByteArrayView bytes)
{
    const LineTake t = takeLine(bytes, m_limits.maxHeaderBytes - m_headerBytes);
    if (t.tooLong) {
        fail(u"header section larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes));
        return t.used;
    }
    if (!t.done)
        return t.used;
    const QByteArrayView line = t.line;
    const qsizetype used = t.used;
    m_headerBytes += line.size();
    const QByteArrayView content = withoutEol(line);
    bool ok = false;
    if (m_state == State::StatusLine) {
        ok = parseStatusLine(content);
        if (ok)
            m_state = State::Headers;
    } else if (content.isEmpty()) {
        ok = endHead();
    } else {
        QByteArrayView name;
        QByteArrayView value;
        ok = checkLine(content, "headers") && parseFieldLine(content, "header", name, value);
        if (ok)
            m_headers.append(Header(name.toByteArray(), value.toByteArray()));
    }
    m_line.resize(0); // keeps the capacity for the next split line
    return used;
}

bool HttpResponseParser::parseStatusLine(QByteArrayView line)
{
    // HTTP-version SP status-code SP [reason-phrase]; a missing SP after the code is tolerated.
    if (!checkLine(line, "status line"))
        return false;
    if (line.size() < 9 || !line.startsWith("HTTP/") || !isDigit(line[5]) || line[6] != '.' ||
        !isDigit(line[7]) || line[8] != ' ') {
        fail(u"malformed status line: %1"_s.arg(quoted(line)));
        return false;
    }
    if (line[5] != '1') {
        fail(u"unsupported HTTP version %1"_s.arg(quoted(line.first(8))));
        return false;
    }
    const QByteArrayView rest = line.sliced(9);
    const qsizetype space = indexOf(rest, ' ');
    const QByteArrayView code = space < 0 ? rest : rest.first(space);
    if (code.isEmpty() || !std::all_of(code.begin(), code.end(), isDigit)) {
        fail(u"invalid status code %1"_s.arg(quoted(code)));
        return false;
    }
    const int status = code.size() == 3 ? (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0') : 0;
    if (status < 100 || status > 599) {
        fail(u"status code out of range: %1"_s.arg(quoted(code)));
        return false;
    }
    m_status = status;
    m_reason = space < 0 ? QByteArray() : rest.sliced(space + 1).toByteArray();
    return true;
}

bool HttpResponseParser::parseFieldLine(QByteArrayView line, const char* kind, QByteArrayView& name,
                                        QByteArrayView& value)
{
    const auto what = QLatin1String(kind);
    if (isBlank(line.front())) {
        fail(u"obsolete line folding in the %1s is not supported"_s.arg(what));
        return false;
    }
    const qsizetype colon = indexOf(line, ':');
    if (colon < 0) {
        fail(u"malformed %1 line (no colon): %2"_s.arg(what, quoted(line)));
        return false;
    }
    name = line.first(colon);
    if (name.isEmpty()) {
        fail(u"empty %1 name: %2"_s.arg(what, quoted(line)));
        return false;
    }
    if (!std::all_of(name.begin(), name.end(), isTokenChar)) {
        // Includes "Name : value", which RFC 9112 says must be rejected.
        fail(u"invalid %1 name %2"_s.arg(what, quoted(name)));
        return false;
    }
    value = trimmedBlanks(line.sliced(colon + 1));
    return true;
}

bool HttpResponseParser::endHead()
{
    if (m_status >= 100 && m_status < 200 && m_status != 101) {
        // An interim response (100 Continue, 103 Early Hints): the final one follows.
        m_status = 0;
        m_reason.clear();
        m_headers.clear();
        m_headerBytes = 0;
        m_state = State::StatusLine;
        return true;
    }
    return beginBody();
}

bool HttpResponseParser::beginBody()
{
    m_headerBytes = 0; // from here on it counts trailer bytes
    // 101: the connection now speaks another protocol (the engine's attach); its bytes are the caller's.
    if (m_noBodyExpected || m_status == 101 || m_status == 204 || m_status == 304) {
        m_bodyMode = BodyMode::None;
        m_state = State::Complete;
        return true;
    }

    // Transfer-Encoding overrides Content-Length (RFC 9112 6.3). Only a plain "chunked" can
    // be decoded here; anything else would hand the caller bytes it cannot read.
    bool hasTransferEncoding = false;
    int chunked = 0;
    QByteArrayView unsupported;
    for (const Header& h : std::as_const(m_headers)) {
        if (!equalsNoCase(h.first, "transfer-encoding"))
            continue;
        hasTransferEncoding = true;
        QByteArrayView rest = h.second;
        while (!rest.isEmpty()) {
            const qsizetype comma = indexOf(rest, ',');
            const QByteArrayView coding = trimmedBlanks(comma < 0 ? rest : rest.first(comma));
            rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
            if (equalsNoCase(coding, "chunked"))
                ++chunked;
            else if (!coding.isEmpty())
                unsupported = h.second;
        }
    }
    if (hasTransferEncoding) {
        if (chunked != 1 || !unsupported.isEmpty()) {
            fail(u"unsupported Transfer-Encoding %1"_s.arg(
                quoted(unsupported.isEmpty() ? header("transfer-encoding") : unsupported)));
            return false;
        }
        m_bodyMode = BodyMode::Chunked;
        m_chunkState = ChunkState::Size;
        m_state = State::Body;
        return true;
    }

    // Several Content-Length values (in one list or in several headers) are fine if equal.
    qint64 length = -1;
    for (const Header& h : std::as_const(m_headers)) {
        if (!equalsNoCase(h.first, "content-length"))
            continue;
        QByteArrayView rest = h.second;
        do {
            const qsizetype comma = indexOf(rest, ',');
            const QByteArrayView item = trimmedBlanks(comma < 0 ? rest : rest.first(comma));
            rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
            qint64 value = 0;
            if (!parseDecimal(item, value)) {
                fail(u"invalid Content-Length %1"_s.arg(quoted(h.second)));
                return false;
            }
            if (length >= 0 && value != length) {
                fail(u"conflicting Content-Length values %1 and %2"_s.arg(length).arg(value));
                return false;
            }
            length = value;
        } while (!rest.isEmpty());
    }
    if (length == 0) {
        m_bodyMode = BodyMode::None;
        m_state = State::Complete;
    } else if (length > 0) {
        m_bodyMode = BodyMode::ContentLength;
        m_remaining = length;
        m_state = State::Body;
        if (!m_bodyHandler)
            m_body.reserve(qsizetype(std::min(length, kMaxBodyReserve)));
    } else {
        m_bodyMode = BodyMode::UntilClose;
        m_state = State::Body;
    }
    return true;
}

qsizetype HttpResponseParser::feedBody(QByteArrayView bytes)
{
    switch (m_bodyMode) {
    case BodyMode::ContentLength: {
        const qsizetype take = qsizetype(std::min<qint64>(m_remaining, bytes.size()));
        deliver(bytes.first(take));
        m_remaining -= take;
        if (m_remaining == 0)
            m_state = State::Complete;
        return take;
    }
    case BodyMode::UntilClose:
        deliver(bytes);
        return bytes.size();
    case BodyMode::Chunked:
        return feedChunked(bytes);
    case BodyMode::None:
        break;
    }
    m_state = State::Complete; // not reached: no body never enters the Body state
    return 0;
}

qsizetype HttpResponseParser::feedChunked(QByteArrayView bytes)
{
    qsizetype pos = 0;
    while (pos < bytes.size() && m_state == State::Body) {
        const QByteArrayView rest = bytes.sliced(pos);
        switch (m_chunkState) {
        case ChunkState::Size: {
            const LineTake t = takeLine(rest, m_limits.maxChunkSizeLine);
            pos += t.used;
            if (t.tooLong) {
                fail(u"chunk size line longer than %1 bytes"_s.arg(m_limits.maxChunkSizeLine));
                return pos;
            }
            if (t.done) {
                const bool ok = parseChunkSize(withoutEol(t.line));
                m_line.resize(0);
                if (!ok)
                    return pos;
            }
            break;
        }
        case ChunkState::Data: {
            // The bulk of a log stream: handed on in one piece, straight from the caller's bytes.
            const qsizetype take = qsizetype(std::min<qint64>(m_remaining, rest.size()));
            deliver(rest.first(take));
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_chunkState = ChunkState::DataEnd;
            break;
        }
        case ChunkState::DataEnd:
            if (rest.front() == '\r' && !m_sawChunkCR) {
                m_sawChunkCR = true;
            } else if (rest.front() == '\n') {
                m_sawChunkCR = false;
                m_chunkState = ChunkState::Size;
            } else {
                fail(u"missing CRLF after chunk data"_s);
                return pos;
            }
            ++pos;
            break;
        case ChunkState::Trailers: {
            const LineTake t = takeLine(rest, m_limits.maxHeaderBytes - m_headerBytes);
            pos += t.used;
            if (t.tooLong) {
                fail(u"trailer section larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes));
                return pos;
            }
            if (!t.done)
                break;
            const QByteArrayView line = t.line;
            m_headerBytes += line.size();
            const QByteArrayView content = withoutEol(line);
            QByteArrayView name;
            QByteArrayView value;
            // Trailers are checked like headers, then dropped: nothing here needs them. A bad
            // one puts the parser in Error, which ends the loop.
            if (content.isEmpty())
                m_state = State::Complete;
            else if (checkLine(content, "trailers"))
                parseFieldLine(content, "trailer", name, value);
            m_line.resize(0);
            break;
        }
        }
    }
    return pos;
}

bool HttpResponseParser::parseChunkSize(QByteArrayView line)
{
    // chunk-size [BWS] [";" chunk-ext]: the extensions carry nothing this client uses.
    if (!checkLine(line, "chunk size line"))
        return false;
    qint64 size = 0;
    qsizetype i = 0;
    for (; i < line.size(); ++i) {
        const int digit = hexValue(line[i]);
        if (digit < 0)
            break;
        if (size > (kMaxInt64 >> 4)) {
            fail(u"chunk size out of range: %1"_s.arg(quoted(line)));
            return false;
        }
        size = size * 16 + digit;
    }
    const qsizetype digits = i;
    while (i < line.size() && isBlank(line[i]))
        ++i;
    if (digits == 0 || (i < line.size() && line[i] != ';')) {
        fail(u"invalid chunk size: %1"_s.arg(quoted(line)));
        return false;
    }
    if (size == 0) {
        m_chunkState = ChunkState::Trailers;
        m_headerBytes = 0;
    } else {
        m_chunkState = ChunkState::Data;
        m_remaining = size;
    }
    return true;
}

void HttpResponseParser::deliver(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    m_bodyBytes += bytes.size();
    if (m_bodyHandler)
        m_bodyHandler(bytes);
    else
        m_body.append(bytes);
}

void HttpResponseParser::fail(const QString& message)
{
    if (m_state == State::Error)
        return;
    m_state = State::Error;
    m_error = message;
}

} // namespace dockpulse::docker
