#pragma once

#include "Records.h"

#include <QChartView>
#include <QHash>
#include <QStringList>

class QCategoryAxis;
class QDateTimeAxis;
class QScatterSeries;
class QScrollBar;

namespace dockpulse::ui {

class ChartHistory;

// Every heartbeat of every task: one row per task, labelled with its container's name, a marker
// per heartbeat, ticker beats (circles) on the upper lane of the row and rotation beats (diamonds)
// on the lower one, so the strategies read apart (ticker only, rotation only, hybrid: both lanes).
// A row without markers is a task that does not beat. Rows keep a readable height (two label
// lines); when more rows exist than fit, a scroll bar at the right moves through them.
//
// Zoom and pan are the user's: rubber band (drag), mouse wheel and +/- zoom the time axis; middle
// drag, Shift+drag and the arrow keys pan; right click zooms out; Up/Down, Page Up/Down and the
// wheel over the row names scroll the rows. Once the user moved the view, live updates keep the
// data fresh but never move the view; resetZoom() (Escape, double-click) returns to following
// the window. Time ticks fall on round times (RoundTimeTicks) at any zoom.
class HeartbeatTimelineChart : public QChartView
{
    Q_OBJECT
public:
    explicit HeartbeatTimelineChart(QWidget* parent = nullptr);

    // Replaces each series once with the heartbeats in [fromMs, toMs] (or in what the user is
    // looking at, when zoomed), one row per task the history knows.
    void redraw(const ChartHistory& history, qint64 fromMs, qint64 toMs);

    bool isFollowing() const { return m_following; }
    void resetZoom();
    // Zooms the time axis by `factor` (> 1 zooms in) around the plot's scene x; pans by pixels.
    void zoomBy(qreal factor, qreal sceneX);
    void panBy(qreal dxPixels);
    // The rows in view: the first one, and how many fit at a readable height.
    int firstVisibleRow() const;
    int visibleRowCount() const;
    void scrollRows(int delta);
    // The keys and gestures, for the line under the chart and assistive tools.
    static QString helpText();

    QScatterSeries* tickerSeries() const { return m_ticker; }
    QScatterSeries* rotationSeries() const { return m_rotation; }
    QDateTimeAxis* timeAxis() const { return m_x; }
    QCategoryAxis* taskAxis() const { return m_y; }
    // Tasks by row (row 0 at the top) and the y of a task's markers of a source.
    const QStringList& rowTasks() const { return m_rowTasks; }
    int rowOf(const QString& task) const { return m_rows.value(task, -1); }
    static qreal rowY(int row, monitor::HeartbeatSource source);

    // The hover tooltip: container name (the task name if empty), time, source and age before;
    // rich text with the name escaped.
    static QString tooltipText(const monitor::HeartbeatRecord& heartbeat, const QString& name = {});
    // The tooltip of the marker at `point` of the series of `source` (empty if none is there).
    QString tooltipAt(monitor::HeartbeatSource source, const QPointF& point) const;

Q_SIGNALS:
    void followingChanged(bool following);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    void setFollowing(bool following);
    QSizeF plotSize() const;
    void updateTaskAxis();
    void updateTimeTicks();
    void placeRowScroller();
    void applyStyle();
    void onHovered(monitor::HeartbeatSource source, const QPointF& point, bool state);

    QScatterSeries* m_ticker;
    QScatterSeries* m_rotation;
    QDateTimeAxis* m_x;
    QCategoryAxis* m_y;
    QCategoryAxis* m_ticks; // the visible time axis: labels at round times (m_x is hidden)
    QScrollBar* m_rowScroll;
    QStringList m_rowTasks;
    QStringList m_rowLabels; // shown instead of the task names (container names)
    QHash<QString, int> m_rows;
    QStringList m_axisLabels; // the labels last put on the task axis
    // The records behind each series' points, index for index (for tooltips).
    QList<monitor::HeartbeatRecord> m_tickerBeats;
    QList<monitor::HeartbeatRecord> m_rotationBeats;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    bool m_following = true;
    bool m_settingRange = false;
    bool m_panning = false;
    QPointF m_panLast;
    QPoint m_pressAt; // a left press, to tell a click from a rubber-band drag
    QString m_hoverText;
};

} // namespace dockpulse::ui
