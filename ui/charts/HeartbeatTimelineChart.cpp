#include "HeartbeatTimelineChart.h"

#include "ChartHistory.h"
#include "ChartStyle.h"
#include "RoundTimeTicks.h"
#include "StatusColors.h"

#include <QApplication>

#include <QCategoryAxis>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLegend>
#include <QMouseEvent>
#include <QPainter>
#include <QRubberBand>
#include <QScatterSeries>
#include <QScrollBar>
#include <QStyleOptionFocusRect>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using dockpulse::monitor::HeartbeatRecord;
using dockpulse::monitor::HeartbeatSource;

namespace dockpulse::ui {

namespace {

// Ticker beats sit above the row's centre line, rotation beats below it (two lanes),
// so a hybrid task's simultaneous beats do not hide each other.
constexpr qreal kLaneOffset = 0.18;
constexpr qreal kWheelStep = 1.25;
constexpr qreal kKeyZoom = 1.5;
constexpr qreal kKeyPan = 0.1; // of the plot's width
constexpr int kLabelChars = 24;
constexpr int kTimeTicks = 6;

} // namespace

HeartbeatTimelineChart::HeartbeatTimelineChart(QWidget* parent)
    : QChartView(parent), m_ticker(new QScatterSeries), m_rotation(new QScatterSeries),
      m_x(new QDateTimeAxis), m_y(new QCategoryAxis), m_ticks(new QCategoryAxis),
      m_rowScroll(new QScrollBar(Qt::Vertical, this))
{
    // The view's own chart (setChart() would leave the default one to leak).
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTitle(u"Heartbeat timeline"_s);
    // Room at the right for the rows' scroll bar.
    c->setMargins(QMargins(4, 4, 4 + style()->pixelMetric(QStyle::PM_ScrollBarExtent), 4));
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
    // m_x maps and zooms the time; m_ticks, over the same range, is what the user reads.
    m_ticks->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_ticks, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    m_x->setVisible(false);
    for (QScatterSeries* s : {m_ticker, m_rotation}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    c->legend()->setAlignment(Qt::AlignBottom);
    c->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setFocusPolicy(Qt::WheelFocus);
    // No tooltip of its own: a help text under the cursor would cover the rows it explains.
    setWhatsThis(helpText());
    setAccessibleName(u"Heartbeat timeline"_s);
    setAccessibleDescription(helpText());

    m_rowScroll->setObjectName(u"timelineRows"_s);
    m_rowScroll->setToolTip(u"Scroll through the tasks' rows (Up/Down, Page Up/Down)"_s);
    m_rowScroll->setFocusPolicy(Qt::NoFocus); // the chart's own keys move it
    m_rowScroll->hide();
    connect(m_rowScroll, &QScrollBar::valueChanged, this, [this] {
        m_settingRange = true;
        updateTaskAxis();
        m_settingRange = false;
    });

    connect(m_x, &QDateTimeAxis::rangeChanged, this, [this](QDateTime min, QDateTime max) {
        m_x->setFormat(ChartStyle::timeFormat(min.msecsTo(max)));
        updateTimeTicks();
        if (!m_settingRange)
            setFollowing(false); // the user (or a zoom call) moved the view: stop following
    });
    connect(m_ticker, &QScatterSeries::hovered, this,
            [this](const QPointF& p, bool state) { onHovered(HeartbeatSource::Ticker, p, state); });
    connect(m_rotation, &QScatterSeries::hovered, this,
            [this](const QPointF& p, bool state) { onHovered(HeartbeatSource::Rotation, p, state); });
    applyStyle();
}

QString HeartbeatTimelineChart::helpText()
{
    return u"Circles: ticker heartbeats; diamonds: heartbeats after a rotation. Drag, the wheel or +/- "
           u"zoom; Shift+drag, middle-drag or Left/Right pan; Up/Down and Page Up/Down scroll the rows; "
           u"Escape or a double click returns to the live window."_s;
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
    const qreal plotWidth = plotSize().width();
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
    updateTaskAxis();
    m_settingRange = false;
}

QSizeF HeartbeatTimelineChart::plotSize() const
{
    // Before the chart is shown and laid out its plot area means nothing: a typical one instead.
    const QRectF plot = chart()->plotArea();
    return {isVisible() && plot.width() > 10 ? plot.width() : 1000.0,
            isVisible() && plot.height() > 10 ? plot.height() : 200.0};
}

int HeartbeatTimelineChart::visibleRowCount() const
{
    // Qt Charts cuts a category label to its category's height less padding: two label lines
    // per row keep every name whole.
    const qreal pitch = QFontMetricsF(m_y->labelsFont()).height() * 2.0;
    const qreal plotHeight = plotSize().height();
    return std::max(1, int(plotHeight / pitch));
}

int HeartbeatTimelineChart::firstVisibleRow() const
{
    return m_rowScroll->isVisibleTo(this) ? m_rowScroll->value() : 0;
}

void HeartbeatTimelineChart::scrollRows(int delta)
{
    m_rowScroll->setValue(m_rowScroll->value() + delta);
}

void HeartbeatTimelineChart::placeRowScroller()
{
    const QRectF plot = chart()->plotArea();
    const int width = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const QRect r = mapFromScene(plot).boundingRect();
    m_rowScroll->setGeometry(viewport()->x() + r.right() + 3, viewport()->y() + r.top(), width, r.height());
}

void HeartbeatTimelineChart::updateTimeTicks()
{
    RoundTimeTicks::apply(m_ticks, m_x->min().toMSecsSinceEpoch(), m_x->max().toMSecsSinceEpoch(),
                          kTimeTicks);
}

void HeartbeatTimelineChart::updateTaskAxis()
{
    // Every row is labelled; rows past what fits are reached by scrolling, not squeezed.
    const int rows = int(m_rowTasks.size());
    const int visible = visibleRowCount();
    const bool scrolls = rows > visible;
    {
        const QSignalBlocker blocker(m_rowScroll);
        m_rowScroll->setRange(0, scrolls ? rows - visible : 0);
        m_rowScroll->setPageStep(visible);
        m_rowScroll->setSingleStep(1);
    }
    if (m_rowScroll->isVisibleTo(this) != scrolls) {
        m_rowScroll->setVisible(scrolls);
        placeRowScroller();
    }
    const int shown = scrolls ? visible : std::max(1, rows);
    const int first = scrolls ? m_rowScroll->value() : 0;

    // Markers shrink with the rows so that crowded rows stay apart (setMarkerSize rebuilds every
    // marker item, hence only on change).
    const qreal plotHeight = plotSize().height();
    const qreal rowPx = plotHeight / qreal(shown);
    const qreal size = std::clamp(std::floor(rowPx * 0.42), 5.0, 9.0);
    if (m_ticker->markerSize() != size) {
        m_ticker->setMarkerSize(size);
        m_rotation->setMarkerSize(size + 2);
    }

    QStringList labels;
    for (int r = 0; r < rows; ++r) {
        QString label = ChartStyle::chartText(m_rowLabels.value(r, m_rowTasks.at(r)), kLabelChars);
        // Category labels are keys: two names elided alike get their row number.
        if (labels.contains(label))
            label += u" (%1)"_s.arg(r + 1);
        labels.append(label);
    }
    // Categories for the rows in view only, each a whole row high (Qt Charts gives a label the
    // height of its category, and shows "..." for the ones out of range).
    const QStringList inView = labels.mid(first, shown);
    if (inView != m_axisLabels) {
        const QStringList old = m_y->categoriesLabels();
        for (const QString& l : old)
            m_y->remove(l);
        m_y->setStartValue(qreal(first) - 1.0);
        for (int i = 0; i < inView.size(); ++i)
            m_y->append(inView.at(i), qreal(first + i));
        m_axisLabels = inView;
        // New labels may need a wider axis: have the chart lay itself out again.
        if (QGraphicsLayout* layout = chart()->layout())
            layout->invalidate();
    }
    if (m_y->min() != first - 0.5 || m_y->max() != first + shown - 0.5)
        m_y->setRange(qreal(first) - 0.5, qreal(first + shown) - 0.5);
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
    updateTaskAxis();
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

QString HeartbeatTimelineChart::tooltipText(const HeartbeatRecord& heartbeat, const QString& name)
{
    return u"<qt><b>%1</b><br>time: %2<br>source: %3<br>age before: %4</qt>"_s.arg(
        (name.isEmpty() ? heartbeat.task : name).toHtmlEscaped(), ChartStyle::timeText(heartbeat.wallMs),
        monitor::heartbeatSourceName(heartbeat.source), ChartStyle::durationText(heartbeat.ageBeforeMs));
}

QString HeartbeatTimelineChart::tooltipAt(HeartbeatSource source, const QPointF& point) const
{
    const bool ticker = source == HeartbeatSource::Ticker;
    const QScatterSeries* series = ticker ? m_ticker : m_rotation;
    const QList<HeartbeatRecord>& beats = ticker ? m_tickerBeats : m_rotationBeats;
    for (qsizetype i = std::min<qsizetype>(series->count(), beats.size()) - 1; i >= 0; --i) {
        if (series->at(i) == point) {
            const int row = m_rows.value(beats.at(i).task, -1);
            return tooltipText(beats.at(i), m_rowLabels.value(row));
        }
    }
    return {};
}

void HeartbeatTimelineChart::onHovered(HeartbeatSource source, const QPointF& point, bool state)
{
    m_hoverText = state ? tooltipAt(source, point) : QString();
    if (m_hoverText.isEmpty())
        return; // the tooltip hides itself once the cursor leaves the marker's rect
    // Shown for the marker's rect: moving within it, or onto the tooltip's edge, does not hide
    // and show it again (the flicker).
    const QPointF at =
        chart()->mapToPosition(point, source == HeartbeatSource::Ticker ? m_ticker : m_rotation);
    const int half = int(m_ticker->markerSize()) / 2 + 2;
    const QRect marker(mapFromScene(chart()->mapToScene(at)) - QPoint(half, half), QSize(2 * half, 2 * half));
    QToolTip::showText(QCursor::pos(), m_hoverText, viewport(), marker);
}

bool HeartbeatTimelineChart::event(QEvent* event)
{
    // Over a marker its tooltip; elsewhere none (the help is the line under the chart).
    if (event->type() == QEvent::ToolTip) {
        if (!m_hoverText.isEmpty())
            QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), m_hoverText, this);
        else
            QToolTip::hideText();
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
    if (event->button() == Qt::LeftButton)
        m_pressAt = event->position().toPoint();
    setFocus(Qt::MouseFocusReason);
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
    // A click is not a drag: a few pixels of jitter would zoom into a sliver. Released near where
    // it was pressed, the band is hidden first and QChartView zooms nothing.
    if (event->button() == Qt::LeftButton &&
        (event->position().toPoint() - m_pressAt).manhattanLength() < QApplication::startDragDistance()) {
        if (auto* band = findChild<QRubberBand*>())
            band->hide(); // QChartView zooms to a visible band's rect on release
        QChartView::mouseReleaseEvent(event);
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
    // Over the row names the wheel scrolls the rows; over the plot it zooms the time.
    if (mapToScene(event->position().toPoint()).x() < chart()->plotArea().left()) {
        scrollRows(delta > 0 ? -3 : 3);
        event->accept();
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
    case Qt::Key_Up:
        scrollRows(-1);
        break;
    case Qt::Key_Down:
        scrollRows(1);
        break;
    case Qt::Key_PageUp:
        scrollRows(-visibleRowCount());
        break;
    case Qt::Key_PageDown:
        scrollRows(visibleRowCount());
        break;
    case Qt::Key_Escape:
    case Qt::Key_Home:
        if (event->modifiers() & Qt::ControlModifier)
            m_rowScroll->setValue(0);
        else
            resetZoom();
        break;
    case Qt::Key_End:
        if (event->modifiers() & Qt::ControlModifier)
            m_rowScroll->setValue(m_rowScroll->maximum());
        else
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
    updateTaskAxis(); // rows in view and marker size follow the height
    placeRowScroller();
}

void HeartbeatTimelineChart::focusInEvent(QFocusEvent* event)
{
    QChartView::focusInEvent(event);
    viewport()->update(); // the focus frame
}

void HeartbeatTimelineChart::focusOutEvent(QFocusEvent* event)
{
    QChartView::focusOutEvent(event);
    viewport()->update();
}

void HeartbeatTimelineChart::paintEvent(QPaintEvent* event)
{
    QChartView::paintEvent(event);
    if (!hasFocus())
        return;
    // Where the keys go: the style's focus frame around the plot.
    QPainter painter(viewport());
    QStyleOptionFocusRect frame;
    frame.initFrom(this);
    frame.rect = mapFromScene(chart()->plotArea()).boundingRect().adjusted(-2, -2, 2, 2);
    frame.backgroundColor = palette().color(QPalette::Base);
    style()->drawPrimitive(QStyle::PE_FrameFocusRect, &frame, &painter, this);
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
