#include "HeartbeatAgeChart.h"

#include "ChartHistory.h"
#include "ChartStyle.h"
#include "ContainerColors.h"
#include "LegendElider.h"
#include "LegendHighlighter.h"

#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHelpEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QToolTip>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

namespace {

// Past this many task lines the legend would crowd out the plot: the first ones are named there,
// every line still names itself on hover.
constexpr int kLegendTasks = 10;

// Qt Charts 6.4 only flips the marker item's visibility: the legend is laid out again on request.
void relayoutLegend(QChart* chart)
{
    if (QGraphicsLayout* layout = chart->legend()->layout())
        layout->invalidate();
}

// Keeps, per pixel column, the lowest and the highest age in the order they came: the sawtooth's
// envelope (every peak and every drop to zero) with at most two points per column, where a
// 60-minute window of 1-second samples would otherwise put ~8 points on each pixel.
class ColumnDecimator
{
public:
    ColumnDecimator(qint64 fromMs, qint64 columnMs)
        : m_fromMs(fromMs), m_columnMs(std::max<qint64>(1, columnMs))
    {}

    void add(qint64 wallMs, qreal y, QList<QPointF>& out)
    {
        const qint64 column = (wallMs - m_fromMs) / m_columnMs;
        if (column != m_column)
            flush(out);
        m_column = column;
        const QPointF p(qreal(wallMs), y);
        if (m_count++ == 0) {
            m_min = m_max = p;
            return;
        }
        if (y < m_min.y())
            m_min = p;
        if (y > m_max.y())
            m_max = p;
    }
    void flush(QList<QPointF>& out)
    {
        if (m_count == 0)
            return;
        if (m_min == m_max)
            out.append(m_min);
        else if (m_min.x() < m_max.x())
            out.append({m_min, m_max});
        else
            out.append({m_max, m_min});
        m_count = 0;
    }

private:
    qint64 m_fromMs;
    qint64 m_columnMs;
    qint64 m_column = -1;
    int m_count = 0;
    QPointF m_min, m_max;
};

} // namespace

HeartbeatAgeChart::HeartbeatAgeChart(QWidget* parent)
    : QChartView(parent), m_period(new QLineSeries), m_timeout(new QLineSeries), m_x(new QDateTimeAxis),
      m_y(new QValueAxis), m_highlight(new LegendHighlighter(chart()))
{
    // The view's own chart (setChart() would leave the default one to leak).
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTitle(u"Heartbeat age"_s);
    c->setMargins(QMargins(4, 4, 4, 4));
    m_period->setObjectName(u"heartbeatPeriod"_s);
    m_timeout->setObjectName(u"taskTimeout"_s);
    c->addSeries(m_period);
    c->addSeries(m_timeout);

    m_x->setTickCount(7);
    m_y->setTitleText(u"age (s)"_s);
    m_y->setLabelFormat(u"%g"_s);
    ChartStyle::setNiceRange(m_y, 1);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    for (QLineSeries* s : {m_period, m_timeout}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    c->legend()->setAlignment(Qt::AlignRight);
    m_elider = new LegendElider(c);
    setRenderHint(QPainter::Antialiasing);
    setToolTip(u"Each task's heartbeat age: it climbs and drops to zero at every heartbeat. Healthy "
               u"tasks stay near the heartbeat period; a line reaching the task timeout is cancelled. "
               u"Hover a line for its container; click a legend entry to see that line alone."_s);
    setThresholds(0, 0);
    applyStyle();
}

void HeartbeatAgeChart::setThresholds(qint64 heartbeatEveryMs, qint64 taskTimeoutMs)
{
    m_periodMs = std::max<qint64>(0, heartbeatEveryMs);
    m_timeoutMs = std::max<qint64>(0, taskTimeoutMs);
    m_period->setName(u"heartbeat period "_s + ChartStyle::durationText(m_periodMs));
    m_timeout->setName(u"task timeout "_s + ChartStyle::durationText(m_timeoutMs));
    const bool periodChanged = setInLegend(m_period, m_periodMs > 0);
    if (setInLegend(m_timeout, m_timeoutMs > 0) || periodChanged)
        relayoutLegend(chart());
}

// The wanted state is kept here, not read back: QLegendMarker::isVisible() reads false while the
// legend's items are hidden (before the view is shown, and after each addSeries() until the next
// layout), which would let a hide go missing.
bool HeartbeatAgeChart::setInLegend(QLineSeries* series, bool shown)
{
    auto it = m_inLegend.find(series);
    if (it != m_inLegend.end() && *it == shown)
        return false;
    m_inLegend.insert(series, shown);
    const auto markers = chart()->legend()->markers(series);
    for (QLegendMarker* m : markers)
        m->setVisible(shown);
    return true;
}

QLineSeries* HeartbeatAgeChart::lineFor(const QString& task, const QString& container)
{
    if (QLineSeries* line = m_lines.value(task))
        return line;
    auto* line = new QLineSeries;
    line->setName(ChartStyle::chartText(container, 28));
    line->setObjectName(u"age:"_s + task);
    chart()->addSeries(line);
    line->attachAxis(m_x);
    line->attachAxis(m_y);
    connect(line, &QLineSeries::hovered, this, [this, line](const QPointF& point, bool state) {
        m_hoverText = state ? tooltipText(m_containers.value(line), point) : QString();
        if (state)
            QToolTip::showText(QCursor::pos(), m_hoverText, this);
        else
            QToolTip::hideText();
    });
    m_lines.insert(task, line);
    m_containers.insert(line, container);
    styleLine(line, container);
    return line;
}

void HeartbeatAgeChart::redraw(const ChartHistory& history, qint64 fromMs, qint64 toMs)
{
    const auto tasks = history.tasks();
    // Lines of tasks the history no longer knows go with them.
    for (auto it = m_lines.begin(); it != m_lines.end();) {
        if (history.task(it.key()))
            ++it;
        else {
            m_containers.remove(it.value());
            m_inLegend.remove(it.value());
            chart()->removeSeries(it.value());
            delete it.value();
            it = m_lines.erase(it);
        }
    }

    qint64 topMs = m_periodMs;
    int named = 0;
    bool legendChanged = false;
    const qreal plotWidth = chart()->plotArea().width() > 10 ? chart()->plotArea().width() : 1000.0;
    const qint64 columnMs = qint64(qreal(toMs - fromMs) / plotWidth);
    for (const ChartHistory::Task* t : tasks) {
        QList<QPointF> points;
        ColumnDecimator columns(fromMs, columnMs);
        t->ages.forEach([&](const ChartHistory::Age& a) {
            if (a.wallMs < fromMs || a.wallMs > toMs)
                return;
            columns.add(a.wallMs, qreal(a.ageMs) / 1000.0, points);
            topMs = std::max(topMs, a.ageMs);
        });
        columns.flush(points);
        if (points.isEmpty() && !m_lines.contains(t->name))
            continue; // a task seen only in heartbeats has no age line yet
        const QString container = history.label(t->name);
        QLineSeries* line = lineFor(t->name, container);
        line->replace(points);
        if (m_containers.value(line) != container) { // the task's container name came in
            m_containers.insert(line, container);
            line->setName(ChartStyle::chartText(container, 28));
            styleLine(line, container);
        }
        const bool inLegend = !points.isEmpty() && named < kLegendTasks;
        named += inLegend ? 1 : 0;
        legendChanged = setInLegend(line, inLegend) || legendChanged;
    }

    if (legendChanged)
        relayoutLegend(chart());
    m_highlight->sync();

    const auto span = [&](QLineSeries* s, qint64 valueMs) {
        const qreal y = qreal(valueMs) / 1000.0;
        if (valueMs > 0)
            s->replace({{qreal(fromMs), y}, {qreal(toMs), y}});
        else
            s->clear();
    };
    span(m_period, m_periodMs);
    span(m_timeout, m_timeoutMs);

    ChartStyle::setTimeRange(m_x, fromMs, toMs);
    // Scaled to the sawtooth (ages and the period) so that healthy teeth are tall enough to read;
    // once an age passes half the timeout, the timeout line comes into view as well.
    qint64 topRangeMs = topMs + topMs / 4;
    if (m_timeoutMs > 0 && topMs * 2 >= m_timeoutMs)
        topRangeMs = std::max(topMs, m_timeoutMs) * 108 / 100;
    const qreal top = topRangeMs > 0 ? qreal(topRangeMs) / 1000.0 : 1.0;
    ChartStyle::setNiceRange(m_y, top);
    // Say so when the timeout line is above the visible range rather than leave it unexplained.
    const bool above = m_timeoutMs > 0 && qreal(m_timeoutMs) / 1000.0 > m_y->max();
    const QString timeoutName =
        u"task timeout "_s + ChartStyle::durationText(m_timeoutMs) + (above ? u" (above)"_s : QString());
    if (m_timeout->name() != timeoutName)
        m_timeout->setName(timeoutName);
    m_elider->apply(); // the names set above are whole: fit them to the legend, both ends kept
}

QString HeartbeatAgeChart::tooltipText(const QString& task, const QPointF& point)
{
    return u"<qt><b>%1</b><br>heartbeat age %2<br>at %3</qt>"_s.arg(
        task.toHtmlEscaped(), ChartStyle::durationText(qint64(point.y() * 1000.0 + 0.5)),
        ChartStyle::timeText(qint64(point.x())));
}

bool HeartbeatAgeChart::event(QEvent* event)
{
    // Over a line, the line's own tooltip wins over the chart's help text.
    if (event->type() == QEvent::ToolTip && !m_hoverText.isEmpty()) {
        QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), m_hoverText, this);
        return true;
    }
    return QChartView::event(event);
}

void HeartbeatAgeChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyStyle();
}

void HeartbeatAgeChart::styleLine(QLineSeries* line, const QString& container)
{
    // Solid: dashes are the reference lines'.
    line->setPen(QPen(ContainerColors::shared().color(container, palette()), 1.8, Qt::SolidLine));
}

void HeartbeatAgeChart::applyStyle()
{
    const QPalette pal = palette();
    ChartStyle::apply(chart(), pal);
    // Heavier than the task lines: they are drawn beneath them (added first, to lead the legend,
    // whose hidden markers still take room in Qt 6.4). Grey and black, dashed: no task line is
    // either, so a task line is never taken for a threshold.
    QPen period(ContainerColors::referenceLine(pal, false), 2.0, Qt::DashLine);
    QPen timeout(ContainerColors::referenceLine(pal, true), 2.0, Qt::DashDotLine);
    m_period->setPen(period);
    m_timeout->setPen(timeout);
    for (auto it = m_containers.cbegin(); it != m_containers.cend(); ++it)
        styleLine(it.key(), it.value());
    m_highlight->sync();
}

} // namespace dockpulse::ui
