#include "LogFrameDecoder.h"

#include "LogTimestamp.h"

#include <algorithm>
#include <cstring>

namespace dockpulse::docker {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kHeaderSize = 8;
// The engine sends one line (at most 16 KiB of it) per frame; anything this large is a
// desynchronised stream, and buffering it would only exhaust memory.
constexpr quint32 kMaxFrameSize = 16u * 1024 * 1024;
// Enough raw bytes to decide any message: timestamp and space, a 16 KiB partial's worth of text,
// and the next timestamp and space that may end it (see droppedNewlineEnd).
constexpr qsizetype kMaxRawMessage =
    2 * (LogFrameDecoder::kMaxTimestampLength + 1) + LogFrameDecoder::kPartialSize;
// Docker's own form, "2026-11-29T05:04:10.206123456Z", checked first.
constexpr qsizetype kFixedTimestampLength = 30;

quint32 frameSize(const char* header)
{
    const auto* h = reinterpret_cast<const uchar*>(header);
    return quint32{h[4]} << 24 | quint32{h[5]} << 16 | quint32{h[6]} << 8 | quint32{h[7]};
}

// A short printable excerpt for error messages: the bytes may be anything.
QString excerpt(QByteArrayView bytes)
{
    constexpr qsizetype kMax = 48;
    constexpr char kHex[] = "0123456789abcdef";
    QByteArray out;
    for (const char c : bytes.first(std::min(bytes.size(), kMax))) {
        const auto u = static_cast<uchar>(c);
        if (u == '\\' || u == '"') {
            out += '\\';
            out += c;
        } else if (u >= 0x20 && u < 0x7f) {
            out += c;
        } else {
            const char hex[4] = {'\\', 'x', kHex[u >> 4], kHex[u & 15]};
            out.append(hex, 4);
        }
    }
    if (bytes.size() > kMax)
        out += "...";
    return QString::fromLatin1(out);
}

// Where the space after the timestamp is, or -1 if not within kMaxTimestampLength + 1 bytes.
inline qsizetype timestampEnd(QByteArrayView bytes)
{
    if (bytes.size() > kFixedTimestampLength && bytes[kFixedTimestampLength] == ' ')
        return kFixedTimestampLength;
    const qsizetype limit = std::min(bytes.size(), LogFrameDecoder::kMaxTimestampLength + 1);
    const void* space = std::memchr(bytes.data(), ' ', static_cast<size_t>(limit));
    return space ? static_cast<const char*>(space) - bytes.data() : -1;
}

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The timestamp of "<timestamp> " at the start of bytes, if that is what they start with.
inline std::optional<qint64> leadingTimestamp(QByteArrayView bytes, qsizetype& end)
{
    end = timestampEnd(bytes);
    if (end < 0)
        return std::nullopt;
    return parseRfc3339Nanos(bytes.first(end));
}

enum class Prefix
{
    No,
    Yes,
    Undecided
};

// Whether "<timestamp> " starts at bytes[pos]; Undecided while more input could still make it one.
Prefix timestampAt(QByteArrayView bytes, qsizetype pos, bool atEof)
{
    const QByteArrayView tail = bytes.sliced(pos);
    if (tail.isEmpty())
        return atEof ? Prefix::No : Prefix::Undecided;
    if (!isDigit(tail[0]))
        return Prefix::No;
    qsizetype end = 0;
    if (leadingTimestamp(tail, end))
        return Prefix::Yes;
    if (end < 0 && !atEof && tail.size() <= LogFrameDecoder::kMaxTimestampLength)
        return Prefix::Undecided;
    return Prefix::No;
}

// The local and journald drivers drop the newline of a long line's last part, so in a raw stream
// that part runs straight into the next message: "...\r<timestamp> " (the terminal's "\r\n" lost
// its '\n'), or "<timestamp> " at once when the part is empty. Only called right after a partial
// and only before the first '\n' (limit); a '\r' ending a full 16 KiB text is a partial's last
// byte instead. Returns the part's length, -1 if it does not end so, -2 if undecided yet.
qsizetype droppedNewlineEnd(QByteArrayView rest, qsizetype limit, bool atEof)
{
    switch (timestampAt(rest, 0, atEof)) {
    case Prefix::Yes:
        return 0;
    case Prefix::Undecided:
        return -2;
    case Prefix::No:
        break;
    }
    limit = std::min(limit, LogFrameDecoder::kPartialSize - 1);
    const char* p = rest.data();
    qsizetype from = 0;
    while (from < limit) {
        const void* hit = std::memchr(p + from, '\r', static_cast<size_t>(limit - from));
        if (!hit)
            return -1;
        const qsizetype cr = static_cast<const char*>(hit) - p;
        switch (timestampAt(rest, cr + 1, atEof)) {
        case Prefix::Yes:
            return cr + 1;
        case Prefix::Undecided:
            return -2;
        case Prefix::No:
            break;
        }
        from = cr + 1;
    }
    return -1;
}

} // namespace

bool LogFrameDecoder::feed(QByteArrayView bytes, LogMessageSink& sink)
{
    if (hasError())
        return false;
    return m_framing == Framing::Multiplexed ? feedMultiplexed(bytes, sink) : feedRaw(bytes, sink);
}

bool LogFrameDecoder::finish(LogMessageSink& sink)
{
    if (hasError())
        return false;
    if (m_framing == Framing::Multiplexed) {
        if (!m_carry.isEmpty()) {
            const qsizetype expected =
                m_carry.size() < kHeaderSize ? kHeaderSize : kHeaderSize + frameSize(m_carry.constData());
            return fail(
                u"log stream ended inside a frame: %1 of %2 bytes"_s.arg(m_carry.size()).arg(expected));
        }
        return true;
    }
    QByteArrayView rest(m_carry);
    while (!rest.isEmpty()) {
        const qsizetype used = decodeRawMessage(rest, true, sink);
        if (used < 0)
            return false;
        if (used == 0)
            break;
        rest = rest.sliced(used);
    }
    m_carry.clear();
    m_rawContinuation = false;
    return true;
}

void LogFrameDecoder::reset()
{
    m_carry.clear();
    m_error.clear();
    m_rawContinuation = false;
    m_rawContinuationTs = 0;
}

bool LogFrameDecoder::fail(const QString& message)
{
    m_error = message;
    return false;
}

void LogFrameDecoder::dropCarry()
{
    // Keep a small buffer for the next feed boundary, not the 16 MiB a huge frame may have used.
    if (m_carry.capacity() > 4 * kMaxRawMessage)
        m_carry.clear();
    else
        m_carry.resize(0);
}

bool LogFrameDecoder::checkHeader(const char* header)
{
    const auto stream = static_cast<uchar>(header[0]);
    if (stream > 3)
        return fail(u"unknown stream %1 in a log frame header \"%2\" (a TTY container's stream read as "
                    u"multiplexed?)"_s.arg(stream)
                        .arg(excerpt(QByteArrayView(header, kHeaderSize))));
    // Always zero from the engine: anything else means the framing was lost.
    if (header[1] != 0 || header[2] != 0 || header[3] != 0)
        return fail(u"malformed log frame header \"%1\""_s.arg(excerpt(QByteArrayView(header, kHeaderSize))));
    const quint32 size = frameSize(header);
    if (size > kMaxFrameSize)
        return fail(u"log frame of %1 bytes exceeds the limit of %2"_s.arg(size).arg(kMaxFrameSize));
    return true;
}

bool LogFrameDecoder::feedMultiplexed(QByteArrayView bytes, LogMessageSink& sink)
{
    // Finish the frame an earlier feed began, copying only what it still lacks.
    if (!m_carry.isEmpty()) {
        if (m_carry.size() < kHeaderSize) {
            const qsizetype take = std::min(bytes.size(), kHeaderSize - m_carry.size());
            m_carry.append(bytes.first(take));
            bytes = bytes.sliced(take);
            if (m_carry.size() < kHeaderSize)
                return true;
            if (!checkHeader(m_carry.constData()))
                return false;
        }
        const qsizetype total = kHeaderSize + frameSize(m_carry.constData());
        const qsizetype take = std::min(bytes.size(), total - m_carry.size());
        m_carry.append(bytes.first(take));
        bytes = bytes.sliced(take);
        if (m_carry.size() < total)
            return true;
        const bool ok =
            emitPayload(static_cast<quint8>(m_carry[0]), QByteArrayView(m_carry).sliced(kHeaderSize), sink);
        dropCarry();
        if (!ok)
            return false;
    }

    const char* p = bytes.data();
    qsizetype left = bytes.size();
    while (left >= kHeaderSize) {
        if (!checkHeader(p))
            return false;
        const qsizetype size = frameSize(p);
        if (left - kHeaderSize < size)
            break;
        if (!emitPayload(static_cast<quint8>(p[0]), QByteArrayView(p + kHeaderSize, size), sink))
            return false;
        p += kHeaderSize + size;
        left -= kHeaderSize + size;
    }
    if (left > 0)
        m_carry.append(p, left);
    return true;
}

bool LogFrameDecoder::emitPayload(quint8 streamByte, QByteArrayView payload, LogMessageSink& sink)
{
    if (payload.isEmpty())
        return true;
    if (streamByte == 3) {
        sink.onDaemonError(payload);
        return true;
    }
    qsizetype end = 0;
    const std::optional<qint64> ts = leadingTimestamp(payload, end);
    if (!ts)
        return fail(u"log message without a valid timestamp: \"%1\""_s.arg(excerpt(payload)));
    LogMessage message;
    message.timestampNs = *ts;
    message.stream = streamByte == 2 ? LogStreamKind::Stderr : LogStreamKind::Stdout;
    message.content = payload.sliced(end + 1);
    if (!message.content.isEmpty() && message.content.back() == '\n') {
        message.content.chop(1);
        message.endsLine = true;
    } else {
        // Unterminated: a 16 KiB partial, or a short last line (also the last part of a long line
        // from the local and journald drivers, which drop its newline).
        message.endsLine = message.content.size() < kPartialSize;
    }
    sink.onLogMessage(message);
    return true;
}

bool LogFrameDecoder::feedRaw(QByteArrayView bytes, LogMessageSink& sink)
{
    // Complete the message an earlier feed began, copying no more than decides it; the carry
    // always holds the bytes just before `bytes`.
    while (!m_carry.isEmpty()) {
        const qsizetype before = m_carry.size();
        const qsizetype take = std::min(bytes.size(), kMaxRawMessage - before);
        m_carry.append(bytes.first(take));
        qsizetype pos = 0;
        qsizetype used = 0;
        while (pos < before &&
               (used = decodeRawMessage(QByteArrayView(m_carry).sliced(pos), false, sink)) > 0)
            pos += used;
        if (used < 0)
            return false;
        if (pos >= before) {
            // Reached the new bytes: read the rest of them in place.
            bytes = bytes.sliced(pos - before);
            dropCarry();
            break;
        }
        // Still undecided: what was taken stays in the carry.
        m_carry.remove(0, pos);
        bytes = bytes.sliced(take);
        if (bytes.isEmpty())
            return true;
    }
    while (!bytes.isEmpty()) {
        const qsizetype used = decodeRawMessage(bytes, false, sink);
        if (used < 0)
            return false;
        if (used == 0)
            break;
        bytes = bytes.sliced(used);
    }
    if (!bytes.isEmpty())
        m_carry.append(bytes);
    return true;
}

// Decodes the raw message at the start of bytes: returns the bytes used (> 0), 0 if more input
// is needed to decide (never at EOF), or -1 after fail(). State changes only when a message is
// emitted, so an undecided message is decided again from its start when more input comes.
qsizetype LogFrameDecoder::decodeRawMessage(QByteArrayView bytes, bool atEof, LogMessageSink& sink)
{
    if (bytes.isEmpty())
        return 0;
    const bool afterPartial = m_rawContinuation;
    LogMessage message;
    message.stream = LogStreamKind::Stdout;
    qsizetype textStart = 0;
    qsizetype end = 0;
    if (const std::optional<qint64> ts = leadingTimestamp(bytes, end)) {
        message.timestampNs = *ts;
        textStart = end + 1;
    } else if (afterPartial) {
        // After a 16 KiB partial the engine repeats the timestamp; a driver with a larger buffer
        // would simply go on with the line's text.
        if (isDigit(bytes[0]) && end < 0 && !atEof && bytes.size() <= kMaxTimestampLength &&
            !std::memchr(bytes.data(), '\n', static_cast<size_t>(bytes.size())))
            return 0; // may still become a timestamp
        message.timestampNs = m_rawContinuationTs;
    } else {
        if (end < 0 && !atEof && bytes.size() <= kMaxTimestampLength && isDigit(bytes[0]))
            return 0;
        fail(u"log message without a valid timestamp: \"%1\""_s.arg(excerpt(bytes)));
        return -1;
    }

    const QByteArrayView rest = bytes.sliced(textStart);
    const qsizetype scan = std::min(rest.size(), kPartialSize);
    const auto* nl = static_cast<const char*>(std::memchr(rest.data(), '\n', static_cast<size_t>(scan)));
    const qsizetype nlIndex = nl ? nl - rest.data() : -1;
    qsizetype used = 0;
    qsizetype dropped = -1;
    if (afterPartial) {
        dropped = droppedNewlineEnd(rest, nl ? nlIndex : scan, atEof);
        if (dropped == -2)
            return 0;
    }
    if (dropped >= 0) {
        message.content = rest.first(dropped);
        used = textStart + dropped;
    } else if (nl) {
        message.content = rest.first(nlIndex);
        used = textStart + nlIndex + 1;
    } else if (rest.size() >= kPartialSize) {
        message.content = rest.first(kPartialSize);
        message.endsLine = false;
        used = textStart + kPartialSize;
    } else if (atEof) {
        if (rest.isEmpty() && textStart > 0 && !afterPartial)
            return bytes.size(); // a bare timestamp at the end: nothing to show
        message.content = rest;
        used = bytes.size();
    } else {
        return 0;
    }
    m_rawContinuation = !message.endsLine;
    m_rawContinuationTs = message.timestampNs;
    sink.onLogMessage(message);
    return used;
}

} // namespace dockpulse::docker
