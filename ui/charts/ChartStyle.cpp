#include "ChartStyle.h"

#include "DisplayFormat.h"
#include "StatusColors.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegend>
#include <QValueAxis>

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace dockpulse::ui::ChartStyle {

void apply(QChart* chart, const QPalette& palette)
{
    const bool dark = StatusColors::isDark(palette);
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);

    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = palette.color(QPalette::Text);
    grid.setAlpha(dark ? 40 : 30);
    QColor line = palette.color(QPalette::Text);
    line.setAlpha(dark ? 110 : 90);

    chart->setBackgroundBrush(palette.color(QPalette::Window));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundBrush(palette.color(QPalette::Base));
    chart->setPlotAreaBackgroundVisible(true);

    QFont titleFont = QApplication::font();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setTitleBrush(text);

    QFont labelFont = QApplication::font();
    labelFont.setPointSizeF(labelFont.pointSizeF() * 0.9);
    chart->legend()->setFont(labelFont);
    chart->legend()->setLabelColor(text);

    const auto axes = chart->axes();
    for (QAbstractAxis* axis : axes) {
        axis->setLabelsFont(labelFont);
        axis->setLabelsColor(text);
        axis->setTitleFont(labelFont);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid);
        axis->setLinePenColor(line);
        axis->setShadesVisible(false);
    }
}

void setNiceRange(QValueAxis* axis, double top, int ticks, double minStep)
{
    if (!(top > 0))
        top = 1;
    const double raw = top / std::max(1, ticks);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10;
    for (double m : {1.0, 2.0, 5.0}) {
        if (magnitude * m >= raw * 0.999) {
            step = magnitude * m;
            break;
        }
    }
    step = std::max(step, minStep);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setRange(0, std::ceil(top / step - 1e-9) * step);
}

QString timeFormat(qint64 spanMs)
{
    if (spanMs < 20'000)
        return u"HH:mm:ss.zzz"_s;
    if (spanMs <= 10 * 60'000)
        return u"HH:mm:ss"_s;
    return u"HH:mm"_s;
}

void setTimeRange(QDateTimeAxis* axis, qint64 fromMs, qint64 toMs)
{
    if (toMs <= fromMs)
        toMs = fromMs + 1;
    const qint64 span = toMs - fromMs;
    // Ticks a round interval apart (10 s, 1 min, 3 min, 10 min for the four windows), 4 to 8 of them.
    static constexpr std::array<qint64, 16> intervals = {
        1,      10,     100,     1'000,   2'000,   5'000,   10'000,  15'000,
        30'000, 60'000, 120'000, 180'000, 300'000, 600'000, 900'000, 1'800'000};
    qint64 interval = intervals.back();
    for (qint64 i : intervals) {
        if ((span + i - 1) / i <= 7) {
            interval = i;
            break;
        }
    }
    axis->setTickCount(int(std::clamp<qint64>((span + interval / 2) / interval + 1, 2, 9)));
    axis->setFormat(timeFormat(span));
    axis->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
}

QString durationText(qint64 ms)
{
    if (ms < 0)
        return u"-"_s + durationText(-ms);
    if (ms < 1000)
        return u"%1 ms"_s.arg(ms);
    // Seconds throughout ("30 s", "300 s"), decimals only when needed.
    if (ms % 1000 == 0)
        return u"%1 s"_s.arg(ms / 1000);
    return u"%1 s"_s.arg(double(ms) / 1000.0, 0, 'f', ms < 10'000 ? 2 : 1);
}

QString timeText(qint64 wallMs)
{
    return format::exactTime(wallMs);
}

QString chartText(const QString& name, int maxChars)
{
    return elideMiddle(name, maxChars).toHtmlEscaped();
}

QString elideMiddle(const QString& name, int maxChars)
{
    if (maxChars <= 1 || name.size() <= maxChars)
        return name;
    // Container names differ at their ends (dockpulse-sample-web-1, dockpulse-sample-worker-1):
    // keep both ends, the tail a little longer.
    const int keep = maxChars - 1;
    const int head = keep / 2;
    return name.left(head) + QChar(0x2026) + name.right(keep - head);
}

} // namespace dockpulse::ui::ChartStyle
