#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace dockpulse::ui::format {

// How the dashboard's tables write values for people (the raw values stay in RawValueRole).

// "3 d 4 h", "2 h 05 m", "4 m 12 s", "12 s"; negative is treated as 0.
QString duration(qint64 secs);
// A heartbeat age: "0.3 s", "12.5 s" below a minute, duration() above.
QString ageMs(qint64 ms);
// "900 B", "1.5 KiB", "12.3 MiB" (binary units, one decimal).
QString bytes(qint64 bytes);
// 1234567 -> "1,234,567" with the locale's group separator, even in the C locale.
QString count(qint64 n);
// Local time: "hh:mm:ss" when it falls on now's date, "yyyy-MM-dd hh:mm:ss" otherwise; empty for 0.
QString wallTime(qint64 msSinceEpoch, const QDateTime& now = QDateTime::currentDateTime());
// Local time to the millisecond, "2026-11-29 06:04:10.206": the exact time tooltips and the
// log table show.
QString exactTime(qint64 msSinceEpoch);
// "2026-11-29T05:04:10.206Z", as the exported CSV files write times; empty for 0.
QString isoUtc(qint64 msSinceEpoch);

// A tooltip that may quote container-controlled text: every line is HTML-escaped and the result
// marked as rich text, so "<b>x</b>" shows literally instead of being rendered or guessed at.
QString escapedToolTip(const QStringList& lines);

} // namespace dockpulse::ui::format
