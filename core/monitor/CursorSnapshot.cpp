// LogCursor::save() and restore(): the cursor as the store keeps it.
//
// Format 1, big-endian: magic "DPCR", quint16 format, then
//   qint64 engineStartNs, firstNs, newestNs, delivered; quint8 flags (1 tail limited, 2 opened);
//   the two streams' heads: qint64 ts, quint32 size, quint32 hash, quint8 stream, quint8 endsLine;
//   quint32 count, then count remembered lines: qint64 ts, quint32 size, quint32 hash, quint8 stream.
// A new field means a new format number; restore() reads every format it knows and refuses newer
// ones, so a store written by a later dockpulse is never misread. Written by hand into one
// buffer rather than through QDataStream: the monitor saves its cursor with every batch it hands
// to the store, and the remembered lines are 50 ms worth of the log (bench/cursor_snapshot_bench).

#include "LogCursor.h"

#include "BigEndianBytes.h"

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

namespace {

constexpr quint32 kMagic = 0x44504352; // "DPCR"
constexpr quint16 kFormat = 1;
constexpr quint8 kTailLimited = 1;
constexpr quint8 kOpened = 2;
constexpr qsizetype kHeaderBytes = 4 + 2 + 4 * 8 + 1;
constexpr qsizetype kHeadBytes = 8 + 4 + 4 + 1 + 1;
constexpr qsizetype kLineBytes = 8 + 4 + 4 + 1;

bool isStream(quint8 value)
{
    return value == quint8(docker::LogStreamKind::Stdout) || value == quint8(docker::LogStreamKind::Stderr);
}

} // namespace

QByteArray LogCursor::save() const
{
    QByteArray bytes(kHeaderBytes + 2 * kHeadBytes + 4 + qsizetype(m_recent.size()) * kLineBytes,
                     Qt::Uninitialized);
    BigEndianWriter out(bytes.data());
    out.put(kMagic);
    out.put(kFormat);
    for (const qint64 value : {m_engineStartNs, m_firstNs, m_newestNs, m_delivered})
        out.put(value);
    out.put(quint8((m_tailLimited ? kTailLimited : 0) | (m_opened ? kOpened : 0)));
    for (const Head& head : m_head) {
        out.put(head.seen.ts);
        out.put(head.seen.size);
        out.put(head.seen.hash);
        out.put(quint8(head.seen.stream));
        out.put(quint8(head.endsLine ? 1 : 0));
    }
    out.put(quint32(m_recent.size()));
    for (const Seen& s : m_recent) {
        out.put(s.ts);
        out.put(s.size);
        out.put(s.hash);
        out.put(quint8(s.stream));
    }
    return bytes;
}

std::optional<LogCursor> LogCursor::restore(QByteArrayView snapshot, QString* error)
{
    const auto refuse = [&](const QString& why) -> std::optional<LogCursor> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    BigEndianReader in(snapshot);
    const quint32 magic = in.get<quint32>();
    const quint16 format = in.get<quint16>();
    if (!in.ok() || magic != kMagic)
        return refuse(u"not a log cursor (%1 bytes)"_s.arg(snapshot.size()));
    if (format > kFormat)
        return refuse(
            u"a log cursor of format %1, written by a newer dockpulse (this one reads up to %2)"_s.arg(format)
                .arg(kFormat));

    LogCursor cursor;
    cursor.m_engineStartNs = in.get<qint64>();
    cursor.m_firstNs = in.get<qint64>();
    cursor.m_newestNs = in.get<qint64>();
    cursor.m_delivered = in.get<qint64>();
    const quint8 flags = in.get<quint8>();
    cursor.m_tailLimited = (flags & kTailLimited) != 0;
    cursor.m_opened = (flags & kOpened) != 0;
    bool known = (flags & ~(kTailLimited | kOpened)) == 0;
    for (Head& head : cursor.m_head) {
        head.seen.ts = in.get<qint64>();
        head.seen.size = in.get<quint32>();
        head.seen.hash = in.get<quint32>();
        const quint8 stream = in.get<quint8>();
        const quint8 endsLine = in.get<quint8>();
        head.seen.stream = docker::LogStreamKind(stream);
        head.endsLine = endsLine != 0;
        known = known && (stream == 0 || isStream(stream)) && endsLine <= 1;
    }
    const quint32 count = in.get<quint32>();
    if (!in.ok())
        return refuse(u"a log cursor cut short (%1 bytes)"_s.arg(snapshot.size()));
    if (qsizetype(count) * kLineBytes != in.left())
        return refuse(
            u"a log cursor cut short or overlong: %1 lines announced, %2 bytes follow"_s.arg(count).arg(
                in.left()));
    for (quint32 i = 0; i < count; ++i) {
        Seen s{};
        s.ts = in.get<qint64>();
        s.size = in.get<quint32>();
        s.hash = in.get<quint32>();
        const quint8 stream = in.get<quint8>();
        s.stream = docker::LogStreamKind(stream);
        known = known && isStream(stream);
        if (s.ts > cursor.m_newestNs || s.ts < cursor.m_newestNs - kReorderMarginNs)
            return refuse(
                u"a damaged log cursor: line %1 of %2 is stamped outside the remembered range"_s.arg(i + 1)
                    .arg(count));
        cursor.m_recent.push_back(s);
    }
    if (!known)
        return refuse(u"a damaged log cursor: unknown stream or flag values"_s);
    if (cursor.m_delivered < qint64(count) ||
        (cursor.m_delivered > 0 && cursor.m_firstNs > cursor.m_newestNs))
        return refuse(
            u"a damaged log cursor: %1 lines delivered, %2 remembered"_s.arg(cursor.m_delivered).arg(count));
    return cursor;
}

} // namespace dockpulse::monitor
