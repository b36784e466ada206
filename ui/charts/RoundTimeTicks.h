#pragma once

#include <QList>
#include <QString>

class QCategoryAxis;

namespace dockpulse::ui::RoundTimeTicks {

// Tick times for a time axis showing [fromMs, toMs]: multiples of a round interval (1, 2, 5, 10,
// 15, 30 s, 1, 2, 5, 10, 15, 30 min... in local time), about `wanted` of them, whatever the range
// a zoom or pan left. QDateTimeAxis spaces its ticks evenly from the range's start instead, so a
// zoomed axis reads 12:03:17.345, 12:03:50.678...
qint64 interval(qint64 spanMs, int wanted = 6);
QList<qint64> ticks(qint64 fromMs, qint64 toMs, int wanted = 6);

// Puts those ticks on a category axis used as the visible time axis (labels on the values, in
// the format ChartStyle::timeFormat gives the interval).
void apply(QCategoryAxis* axis, qint64 fromMs, qint64 toMs, int wanted = 6);

} // namespace dockpulse::ui::RoundTimeTicks
