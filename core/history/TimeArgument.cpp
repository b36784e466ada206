#include "TimeArgument.h"

#include "LogTimestamp.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace dockpulse::history {

namespace {

// A Go duration ("1h30m", "1.5s", "250ms"): one or more number-unit pairs, no sign.
std::optional<qint64> goDurationNs(const QString& text)
{
    static const QRegularExpression whole(u"^(?:[0-9]+(?:\\.[0-9]*)?(?:ns|us|µs|ms|s|m|h))+$"_s);
    static const QRegularExpression part(u"([0-9]+(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)"_s);
    if (!whole.match(text).hasMatch())
        return std::nullopt;
    double total = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString unit = m.captured(2);
        const double scale = unit == u"h"_s    ? 3600e9
                             : unit == u"m"_s  ? 60e9
                             : unit == u"s"_s  ? 1e9
                             : unit == u"ms"_s ? 1e6
                             : unit == u"ns"_s ? 1.0
                                               : 1e3;
        total += m.captured(1).toDouble() * scale;
    }
    if (!std::isfinite(total) || total >= 9.0e18)
        return std::nullopt;
    return std::llround(total);
}

// "seconds[.fraction]", the fraction at most 9 digits.
std::optional<qint64> unixSecondsNs(const QString& text)
{
    static const QRegularExpression unix(u"^([0-9]{1,11})(?:\\.([0-9]{1,9}))?$"_s);
    const QRegularExpressionMatch m = unix.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 seconds = m.captured(1).toLongLong();
    const qint64 fraction = m.captured(2).leftJustified(9, u'0').toLongLong();
    return seconds * 1'000'000'000 + fraction;
}

// RFC 3339 without a zone, or a date alone: local time, as the docker CLI reads it.
std::optional<qint64> localTimeNs(const QString& text)
{
    static const QRegularExpression local(
        u"^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:T([0-9]{2}:[0-9]{2}(?::[0-9]{2})?)(?:\\.([0-9]{1,9}))?)?$"_s);
    const QRegularExpressionMatch m = local.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(m.captured(1), Qt::ISODate);
    QString clock = m.captured(2).isEmpty() ? u"00:00:00"_s : m.captured(2);
    if (clock.size() == 5)
        clock += u":00"_s;
    const QTime time = QTime::fromString(clock, u"HH:mm:ss"_s);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QDateTime at(date, time, QTimeZone::systemTimeZone());
    if (!at.isValid())
        return std::nullopt;
    const qint64 fraction = m.captured(3).leftJustified(9, u'0').toLongLong();
    return at.toMSecsSinceEpoch() * 1'000'000 + fraction;
}

} // namespace

Expected<qint64, QString> parseTimeArgument(const QString& text, qint64 nowNs)
{
    if (const auto ago = goDurationNs(text))
        return nowNs - *ago;
    if (const auto at = docker::parseRfc3339Nanos(text.toLatin1());
        at && text.size() == text.toLatin1().size())
        return *at;
    if (const auto at = localTimeNs(text))
        return *at;
    if (const auto at = unixSecondsNs(text))
        return *at;
    return u"\"%1\" is not a time: give RFC 3339 (2026-12-01T10:00:00Z), a date (2026-12-01), Unix seconds "
           u"(1764583200) or a duration before now (90s, 30m, 2h, 1h30m)"_s.arg(text);
}

} // namespace dockpulse::history
