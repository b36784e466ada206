#include "ResumePoint.h"

#include "BigEndianBytes.h"

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

namespace {

constexpr quint32 kMagic = 0x44505250; // "DPRP"
constexpr quint16 kFormat = 1;
constexpr docker::LogStreamKind kStreams[2] = {docker::LogStreamKind::Stdout, docker::LogStreamKind::Stderr};

QByteArray saveParts(const LogCursor& cursor,
                     const std::optional<docker::LogLineAssembler::HeldLine> (&held)[2])
{
    const QByteArray savedCursor = cursor.save();
    qsizetype size = 4 + 2 + 4 + savedCursor.size();
    for (const auto& line : held)
        size += 1 + (line ? 1 + 8 + 4 + line->text.size() : 0);
    QByteArray bytes(size, Qt::Uninitialized);
    BigEndianWriter out(bytes.data());
    out.put(kMagic);
    out.put(kFormat);
    out.put(quint32(savedCursor.size()));
    out.putBytes(savedCursor);
    for (const auto& line : held) {
        out.put(quint8(line ? 1 : 0));
        if (!line)
            continue;
        out.put(quint8(line->cut ? 1 : 0));
        out.put(line->timestampNs);
        out.put(quint32(line->text.size()));
        out.putBytes(line->text);
    }
    return bytes;
}

} // namespace

void ResumePoint::holdIn(docker::LogLineAssembler& assembler) const
{
    for (int i = 0; i < 2; ++i) {
        if (held[i])
            assembler.hold(kStreams[i], *held[i]);
    }
}

QByteArray ResumePoint::save() const
{
    return saveParts(cursor, held);
}

QByteArray ResumePoint::saveOf(const LogCursor& cursor, const docker::LogLineAssembler& assembler)
{
    const std::optional<docker::LogLineAssembler::HeldLine> held[2] = {assembler.held(kStreams[0]),
                                                                       assembler.held(kStreams[1])};
    return saveParts(cursor, held);
}

std::optional<ResumePoint> ResumePoint::restore(QByteArrayView bytes, QString* error)
{
    const auto refuse = [&](const QString& why) -> std::optional<ResumePoint> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    BigEndianReader in(bytes);
    const quint32 magic = in.get<quint32>();
    const quint16 format = in.get<quint16>();
    if (!in.ok() || magic != kMagic)
        return refuse(u"not a resume point (%1 bytes)"_s.arg(bytes.size()));
    if (format > kFormat)
        return refuse(u"a resume point of format %1, written by a newer dockpulse (this one reads up to %2)"_s
                          .arg(format)
                          .arg(kFormat));
    const QByteArrayView savedCursor = in.getBytes(in.get<quint32>());
    if (!in.ok())
        return refuse(u"a resume point cut short (%1 bytes)"_s.arg(bytes.size()));
    QString why;
    std::optional<LogCursor> cursor = LogCursor::restore(savedCursor, &why);
    if (!cursor)
        return refuse(why);
    ResumePoint point{std::move(*cursor), {}};
    for (auto& line : point.held) {
        const quint8 isHeld = in.get<quint8>();
        if (isHeld > 1)
            return refuse(u"a damaged resume point: unknown held-line flag %1"_s.arg(isHeld));
        if (!isHeld)
            continue;
        const quint8 cut = in.get<quint8>();
        const qint64 timestampNs = in.get<qint64>();
        const QByteArrayView text = in.getBytes(in.get<quint32>());
        if (cut > 1)
            return refuse(u"a damaged resume point: unknown cut flag %1"_s.arg(cut));
        line = docker::LogLineAssembler::HeldLine{cut == 1, timestampNs, text.toByteArray()};
    }
    if (!in.ok())
        return refuse(u"a resume point cut short (%1 bytes)"_s.arg(bytes.size()));
    if (in.left() != 0)
        return refuse(u"a damaged resume point: %1 bytes after its end"_s.arg(in.left()));
    return point;
}

} // namespace dockpulse::monitor
