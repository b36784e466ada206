#include "ReadersThreadsChart.h"

#include "ChartHistory.h"
#include "ChartStyle.h"
#include "ContainerColors.h"
#include "LegendHighlighter.h"

#include <QDateTimeAxis>
#include <QEvent>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

ReadersThreadsChart::ReadersThreadsChart(QWidget* parent)
    : QChartView(parent), m_readers(new QLineSeries), m_threads(new QLineSeries),
      m_monitored(new QLineSeries), m_x(new QDateTimeAxis), m_y(new QValueAxis),
      m_highlight(new LegendHighlighter(chart()))
{
    // The view's own chart (setChart() would leave the default one to leak).
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTitle(u"Readers and threads"_s);
    c->setMargins(QMargins(4, 4, 4, 4));
    m_readers->setName(u"log readers"_s);
    m_readers->setObjectName(u"readers"_s);
    m_threads->setName(u"OS threads"_s);
    m_threads->setObjectName(u"threads"_s);
    m_monitored->setName(u"monitored tasks"_s);
    m_monitored->setObjectName(u"monitored"_s);
    for (QLineSeries* s : {m_threads, m_readers, m_monitored})
        c->addSeries(s);

    m_x->setTickCount(7);
    m_y->setLabelFormat(u"%d"_s);
    ChartStyle::setNiceRange(m_y, 5, 5, 1.0);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    for (QLineSeries* s : {m_threads, m_readers, m_monitored}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    c->legend()->setAlignment(Qt::AlignBottom);
    setRenderHint(QPainter::Antialiasing);
    setToolTip(u"Live log readers and OS threads of this process, with the monitored tasks as a thin "
               u"line: readers should never exceed tasks (a leaked reader would), and threads should stay "
               u"flat, not climb and drop in a sawtooth. Click a legend entry to see that line alone."_s);
    applyStyle();
}

void ReadersThreadsChart::redraw(const ChartHistory& history, qint64 fromMs, qint64 toMs)
{
    QList<QPointF> readers, threads, monitored;
    int top = 0;
    history.counts().forEach([&](const ChartHistory::Counts& c) {
        if (c.wallMs < fromMs || c.wallMs > toMs)
            return;
        const auto x = qreal(c.wallMs);
        readers.append({x, qreal(c.readers)});
        threads.append({x, qreal(c.threads)});
        monitored.append({x, qreal(c.monitored)});
        top = std::max({top, c.readers, c.threads, c.monitored});
    });
    m_readers->replace(readers);
    m_threads->replace(threads);
    m_monitored->replace(monitored);

    ChartStyle::setTimeRange(m_x, fromMs, toMs);
    // Whole-number ticks, about five of them, and a little headroom so the top line stays visible.
    ChartStyle::setNiceRange(m_y, top + std::max(1, top / 10), 5, 1.0);
}

void ReadersThreadsChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyStyle();
}

void ReadersThreadsChart::applyStyle()
{
    const QPalette pal = palette();
    ChartStyle::apply(chart(), pal);
    // Readers usually equal monitored tasks: readers wide and solid beneath, monitored thin and
    // dotted on top, so both stay visible where they coincide.
    const QList<QColor> hues = ContainerColors::hues(pal);
    m_readers->setPen(QPen(hues.at(0), 3.5, Qt::SolidLine));
    m_threads->setPen(QPen(hues.at(2), 2.0, Qt::SolidLine));
    m_monitored->setPen(QPen(hues.at(1), 1.5, Qt::DotLine));
    m_highlight->sync();
}

} // namespace dockpulse::ui
