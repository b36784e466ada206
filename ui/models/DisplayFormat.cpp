#include "DisplayFormat.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace dockpulse::ui::format {

namespace {

QString twoDigits(qint64 n)
{
    return u"%1"_s.arg(qlonglong(n), 2, 10, QChar(u'0'));
}

QLocale groupingLocale()
{
    // The C locale omits group separators by default; counts are unreadable without them.
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

} // namespace

QString duration(qint64 secs)
{
    secs = qMax<qint64>(secs, 0);
    const qint64 days = secs / 86400;
    const qint64 hours = secs % 86400 / 3600;
    const qint64 minutes = secs % 3600 / 60;
    const qint64 seconds = secs % 60;
    if (days > 0)
        return u"%1 d %2 h"_s.arg(days).arg(hours);
    if (hours > 0)
        return u"%1 h %2 m"_s.arg(hours).arg(twoDigits(minutes));
    if (minutes > 0)
        return u"%1 m %2 s"_s.arg(minutes).arg(twoDigits(seconds));
    return u"%1 s"_s.arg(seconds);
}

QString ageMs(qint64 ms)
{
    ms = qMax<qint64>(ms, 0);
    if (ms < 60000)
        return u"%1 s"_s.arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    return duration(ms / 1000);
}

QString bytes(qint64 n)
{
    if (n < 1024)
        return u"%1 B"_s.arg(n);
    const QString units[] = {u"KiB"_s, u"MiB"_s, u"GiB"_s, u"TiB"_s, u"PiB"_s};
    double value = double(n) / 1024.0;
    std::size_t unit = 0;
    while (value >= 1024.0 && unit + 1 < std::size(units)) {
        value /= 1024.0;
        ++unit;
    }
    return u"%1 %2"_s.arg(QLocale().toString(value, 'f', 1), units[unit]);
}

QString count(qint64 n)
{
    return groupingLocale().toString(n);
}

QString wallTime(qint64 msSinceEpoch, const QDateTime& now)
{
    if (msSinceEpoch <= 0)
        return {};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    if (t.date() == now.toLocalTime().date())
        return t.toString(u"hh:mm:ss"_s);
    return t.toString(u"yyyy-MM-dd hh:mm:ss"_s);
}

QString exactTime(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
}

QString isoUtc(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString escapedToolTip(const QStringList& lines)
{
    QStringList escaped;
    escaped.reserve(lines.size());
    for (const QString& line : lines)
        escaped.append(line.toHtmlEscaped());
    return u"<qt>"_s + escaped.join(u"<br/>"_s) + u"</qt>"_s;
}

} // namespace dockpulse::ui::format
