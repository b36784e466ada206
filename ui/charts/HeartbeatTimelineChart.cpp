#include "HeartbeatTimelineChart.h"

#include "ChartHistory.h"
#include "ChartStyle.h"
#include "StatusColors.h"

#include <QCategoryAxis>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLegend>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using dockpulse::monitor::HeartbeatRecord;
using dockpulse::monitor::HeartbeatSource;

namespace dockpulse::ui {

namespace {

// Ticker beats sit above the row's centre line, rotation beats below it (the seed's two lanes),
// so a hybrid task's simultaneous beats do not hide each other.
constexpr qreal kLaneOffset = 0.18;
constexpr qreal kWheelStep = 1.25;
constexpr qreal kKeyZoom = 1.5;
constexpr qreal kKeyPan = 0.1; // of the plot's width

} // namespace

HeartbeatTimelineChart::HeartbeatTimelineChart(QWidget* parent)
    : QChartView(parent), m_ticker(new QScatterSeries), m_rotation(new QScatterSeries),
      m_x(new QDateTimeAxis), m_y(new QCategoryAxis)
{
    // The view's own chart (setChart() would leave the default one to leak).
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTitle(u"Heartbeat timeline"_s);
    c->setMargins(QMargins(4, 4, 4, 4));
    m_ticker->setName(u"ticker"_s);
    m_ticker->setObjectName(u"ticker"_s);
    m_ticker->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_ticker->setMarkerSize(9);
    m_rotation->setName(u"rotation"_s);
    m_rotation->setObjectName(u"rotation"_s);
    m_rotation->setMarkerShape(QScatterSeries::MarkerShapeRotatedRectangle);
    m_rotation->setMarkerSize(11);
    c->addSeries(m_ticker);
    c->addSeries(m_rotation);

    m_x->setTickCount(7);
    m_y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_y->setReverse(true); // first task at the top, like a list
    m_y->setStartValue(-0.5);
    m_y->setRange(-0.5, 0.5);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    for (QScatterSeries* s : {m_ticker, m_rotation}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    c->legend()->setAlignment(Qt::AlignBottom);
    c->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(u"Every heartbeat of every task: circles from the ticker, diamonds after a rotation; "
               u"hover a marker for its details.\nDrag or use the mouse wheel or +/- to zoom, middle-drag, "
               u"Shift+drag or the arrow keys to pan, right click to zoom out; Escape or a double click "
               u"returns to the live window."_s);

    connect(m_x, &QDateTimeAxis::rangeChanged, this, [this](QDateTime min, QDateTime max) {
        m_x->setFormat(ChartStyle::timeFormat(min.msecsTo(max)));
        if (!m_settingRange)
            setFollowing(false); // the user (or a zoom call) moved the view: stop following
    });
    connect(m_ticker, &QScatterSeries::hovered, this,
            [this](const QPointF& p, bool state) { onHovered(HeartbeatSource::Ticker, p, state); });
    connect(m_rotation, &QScatterSeries::hovered, this,
            [this](const QPointF& p, bool state) { onHovered(HeartbeatSource::Rotation, p, state); });
    applyStyle();
}

qreal HeartbeatTimelineChart::rowY(int row, HeartbeatSource source)
{
    return qreal(row) + (source == HeartbeatSource::Ticker ? -kLaneOffset : kLaneOffset);
}

void HeartbeatTimelineChart::redraw(const ChartHistory& history, qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = toMs;

    QStringList rowTasks;
    QStringList rowLabels;
    const auto tasks = history.tasks();
    for (const ChartHistory::Task* t : tasks) {
        rowTasks.append(t->name);
        rowLabels.append(history.label(t->name));
    }
    const bool rowsChanged = rowTasks != m_rowTasks || rowLabels != m_rowLabels;
    m_rowLabels = rowLabels;
    if (rowsChanged) {
        m_rowTasks = rowTasks;
        m_rows.clear();
        for (int r = 0; r < m_rowTasks.size(); ++r)
            m_rows.insert(m_rowTasks.at(r), r);
    }

    // Following: the window. Zoomed or panned: the window plus whatever the user is looking at,
    // so that panning back in time finds the beats still kept.
    qint64 lo = fromMs, hi = toMs, shownSpan = toMs - fromMs;
    if (!m_following) {
        const qint64 viewMin = m_x->min().toMSecsSinceEpoch(), viewMax = m_x->max().toMSecsSinceEpoch();
        lo = std::min(lo, viewMin);
        hi = std::max(hi, viewMax);
        shownSpan = viewMax - viewMin;
    }
    // At most one marker per pixel column per task and lane: a 9-pixel marker hides the others
    // anyway, and Qt Charts pays per marker (a graphics item each).
    const qreal plotWidth = chart()->plotArea().width() > 10 ? chart()->plotArea().width() : 1000.0;
    const qint64 pixelMs = std::max<qint64>(0, qint64(qreal(shownSpan) / plotWidth));

    QList<QPointF> tickerPoints, rotationPoints;
    m_tickerBeats.clear();
    m_rotationBeats.clear();
    constexpr qint64 kNone = std::numeric_limits<qint64>::min();
    QList<qint64> lastKept(2 * m_rowTasks.size(), kNone);
    history.heartbeats().forEach([&](const HeartbeatRecord& b) {
        if (b.wallMs < lo || b.wallMs > hi)
            return;
        const int row = m_rows.value(b.task, -1);
        if (row < 0)
            return; // its task gave way to newer ones (ChartHistory::kTaskCap)
        const bool ticker = b.source == HeartbeatSource::Ticker;
        qint64& last = lastKept[2 * row + (ticker ? 0 : 1)];
        if (last != kNone && b.wallMs >= last && b.wallMs - last < pixelMs)
            return;
        last = b.wallMs;
        (ticker ? tickerPoints : rotationPoints).append({qreal(b.wallMs), rowY(row, b.source)});
        (ticker ? m_tickerBeats : m_rotationBeats).append(b);
    });
    m_ticker->replace(tickerPoints);
    m_rotation->replace(rotationPoints);

    m_settingRange = true;
    if (m_following)
        ChartStyle::setTimeRange(m_x, fromMs, toMs);
    updateTaskAxis(m_following || rowsChanged);
    m_settingRange = false;
}

void HeartbeatTimelineChart::updateTaskAxis(bool applyRange)
{
    // Label every row while they fit; past that every k-th, the tooltips name the rest. Qt Charts
    // truncates each category label to the axis height per label less padding, so a label needs
    // about two lines of room to stay whole.
    const int rows = int(m_rowTasks.size());
    const qreal lineHeight = QFontMetricsF(m_y->labelsFont()).height() * 2.0;
    const qreal plotHeight = chart()->plotArea().height() > 10 ? chart()->plotArea().height() : 200.0;
    const int fit = std::max(1, int(plotHeight / lineHeight));
    const int step = std::max(1, (rows + fit - 1) / fit);

    // Markers shrink with the rows so that crowded rows stay apart (setMarkerSize rebuilds every
    // marker item, hence only on change).
    const qreal rowPx = plotHeight / qreal(std::max(1, rows));
    const qreal size = std::clamp(std::floor(rowPx * 0.42), 5.0, 9.0);
    if (m_ticker->markerSize() != size) {
        m_ticker->setMarkerSize(size);
        m_rotation->setMarkerSize(size + 2);
    }

    QStringList labels;
    for (int r = 0; r < rows; r += step) {
        QString label = ChartStyle::chartText(m_rowLabels.value(r, m_rowTasks.at(r)), 24);
        // Category labels are keys: two names elided alike get their row number.
        if (labels.contains(label))
            label += u" (%1)"_s.arg(r + 1);
        labels.append(label);
    }
    QStringList key = labels;
    key.append(QString::number(step));
    if (key != m_axisLabels) {
        const QStringList old = m_y->categoriesLabels();
        for (const QString& l : old)
            m_y->remove(l);
        for (int i = 0; i < labels.size(); ++i)
            m_y->append(labels.at(i), qreal(i * step));
        m_axisLabels = key;
        // New labels may need a wider axis: have the chart lay itself out again.
        if (QGraphicsLayout* layout = chart()->layout())
            layout->invalidate();
    }
    if (applyRange)
        m_y->setRange(-0.5, qreal(std::max(1, rows)) - 0.5);
}

void HeartbeatTimelineChart::setFollowing(bool following)
{
    if (m_following == following)
        return;
    m_following = following;
    Q_EMIT followingChanged(following);
}

void HeartbeatTimelineChart::resetZoom()
{
    m_settingRange = true;
    chart()->zoomReset();
    ChartStyle::setTimeRange(m_x, m_fromMs, m_toMs);
    updateTaskAxis(true);
    m_settingRange = false;
    setFollowing(true);
}

void HeartbeatTimelineChart::zoomBy(qreal factor, qreal sceneX)
{
    const QRectF plot = chart()->plotArea();
    if (factor <= 0 || plot.width() <= 0)
        return;
    const qreal x = std::clamp(sceneX, plot.left(), plot.right());
    const qreal left = x - (x - plot.left()) / factor;
    chart()->zoomIn(QRectF(left, plot.top(), plot.width() / factor, plot.height()));
}

void HeartbeatTimelineChart::panBy(qreal dxPixels)
{
    chart()->scroll(dxPixels, 0);
}

QString HeartbeatTimelineChart::tooltipText(const HeartbeatRecord& heartbeat)
{
    return u"<qt><b>%1</b><br>time: %2<br>source: %3<br>age before: %4</qt>"_s.arg(
        heartbeat.task.toHtmlEscaped(), ChartStyle::timeText(heartbeat.wallMs),
        monitor::heartbeatSourceName(heartbeat.source), ChartStyle::durationText(heartbeat.ageBeforeMs));
}

QString HeartbeatTimelineChart::tooltipAt(HeartbeatSource source, const QPointF& point) const
{
    const bool ticker = source == HeartbeatSource::Ticker;
    const QScatterSeries* series = ticker ? m_ticker : m_rotation;
    const QList<HeartbeatRecord>& beats = ticker ? m_tickerBeats : m_rotationBeats;
    for (qsizetype i = std::min<qsizetype>(series->count(), beats.size()) - 1; i >= 0; --i) {
        if (series->at(i) == point)
            return tooltipText(beats.at(i));
    }
    return {};
}

void HeartbeatTimelineChart::onHovered(HeartbeatSource source, const QPointF& point, bool state)
{
    m_hoverText = state ? tooltipAt(source, point) : QString();
    if (!m_hoverText.isEmpty())
        QToolTip::showText(QCursor::pos(), m_hoverText, this);
    else
        QToolTip::hideText();
}

bool HeartbeatTimelineChart::event(QEvent* event)
{
    // Over a marker, the marker's tooltip wins over the chart's help text.
    if (event->type() == QEvent::ToolTip && !m_hoverText.isEmpty()) {
        QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), m_hoverText, this);
        return true;
    }
    return QChartView::event(event);
}

void HeartbeatTimelineChart::mousePressEvent(QMouseEvent* event)
{
    const bool shiftLeft = event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier);
    if (event->button() == Qt::MiddleButton || shiftLeft) {
        m_panning = true;
        m_panLast = event->position();
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void HeartbeatTimelineChart::mouseMoveEvent(QMouseEvent* event)
{
    if (m_panning) {
        panBy(m_panLast.x() - event->position().x()); // drag right = look further back
        m_panLast = event->position();
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void HeartbeatTimelineChart::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning) {
        m_panning = false;
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void HeartbeatTimelineChart::mouseDoubleClickEvent(QMouseEvent* event)
{
    resetZoom();
    event->accept();
}

void HeartbeatTimelineChart::wheelEvent(QWheelEvent* event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    const qreal factor = std::pow(kWheelStep, qreal(delta) / 120.0);
    zoomBy(factor, mapToScene(event->position().toPoint()).x());
    event->accept();
}

void HeartbeatTimelineChart::keyPressEvent(QKeyEvent* event)
{
    const QRectF plot = chart()->plotArea();
    switch (event->key()) {
    case Qt::Key_Left:
        panBy(-plot.width() * kKeyPan);
        break;
    case Qt::Key_Right:
        panBy(plot.width() * kKeyPan);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(kKeyZoom, plot.center().x());
        break;
    case Qt::Key_Minus:
        zoomBy(1.0 / kKeyZoom, plot.center().x());
        break;
    case Qt::Key_Escape:
    case Qt::Key_Home:
        resetZoom();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void HeartbeatTimelineChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    updateTaskAxis(false); // label step and marker size follow the height
}

void HeartbeatTimelineChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyStyle();
}

void HeartbeatTimelineChart::applyStyle()
{
    const QPalette pal = palette();
    ChartStyle::apply(chart(), pal);
    const QColor edge = pal.color(QPalette::Base);
    for (auto [series, source] :
         {std::pair{m_ticker, HeartbeatSource::Ticker}, std::pair{m_rotation, HeartbeatSource::Rotation}}) {
        const QColor c = StatusColors::forSource(source, pal);
        series->setColor(c);
        series->setBorderColor(edge); // a thin gap where markers overlap
    }
}

} // namespace dockpulse::ui
