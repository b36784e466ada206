#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

class QChart;
class QDateTimeAxis;
class QValueAxis;

namespace dockpulse::ui::ChartStyle {

// Dresses a chart in the widget's palette: Qt Charts' light or dark theme by the palette's
// lightness, then backgrounds, text and grid from the palette itself so the charts sit in the
// window like any other view. Re-run on palette changes; series colours are the caller's.
void apply(QChart* chart, const QPalette& palette);

// Sets a value axis to [0, top] with about `ticks` intervals of 1, 2 or 5 times a power of ten
// (never below `minStep`, e.g. 1 for counts).
void setNiceRange(QValueAxis* axis, double top, int ticks = 5, double minStep = 0.0);

// Sets a time axis to [fromMs, toMs] (local time) with a label format fit for the span.
void setTimeRange(QDateTimeAxis* axis, qint64 fromMs, qint64 toMs);
QString timeFormat(qint64 spanMs);

// "300 ms", "30 s", "1.50 s", "300 s": durations in legends and tooltips.
QString durationText(qint64 ms);
// Local wall time with milliseconds, for tooltips.
QString timeText(qint64 wallMs);

// A container-controlled name made safe for Qt Charts text (titles, legends and axis labels are
// rendered as HTML): elided in the middle to maxChars, then HTML-escaped.
QString chartText(const QString& name, int maxChars = 32);
// At most maxChars characters: the head, an ellipsis, the tail (names that share a prefix stay
// apart).
QString elideMiddle(const QString& name, int maxChars);

} // namespace dockpulse::ui::ChartStyle
