#pragma once

#include <QChartView>
#include <QHash>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace dockpulse::ui {

class ChartHistory;
class LegendElider;
class LegendHighlighter;

// The sawtooth: each task's heartbeat age over time (climbing, dropping to zero at every
// beat), against two dashed reference lines, the heartbeat period and the task timeout. A line
// that crosses the timeout is a task the task manager cancels.
class HeartbeatAgeChart : public QChartView
{
    Q_OBJECT
public:
    explicit HeartbeatAgeChart(QWidget* parent = nullptr);

    void setThresholds(qint64 heartbeatEveryMs, qint64 taskTimeoutMs);
    // Replaces each series once with the ages in [fromMs, toMs]; one line per known task.
    void redraw(const ChartHistory& history, qint64 fromMs, qint64 toMs);

    // The line of a task (nullptr if it has none), and the two reference lines.
    QLineSeries* ageSeries(const QString& task) const { return m_lines.value(task); }
    qsizetype ageSeriesCount() const { return m_lines.size(); }
    QLineSeries* heartbeatPeriodSeries() const { return m_period; }
    QLineSeries* taskTimeoutSeries() const { return m_timeout; }
    QValueAxis* ageAxis() const { return m_y; }
    LegendHighlighter* legendHighlighter() const { return m_highlight; }
    QDateTimeAxis* timeAxis() const { return m_x; }
    // Text for hovering a task's line at a point (task escaped).
    static QString tooltipText(const QString& task, const QPointF& point);

protected:
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    QLineSeries* lineFor(const QString& task, const QString& container);
    bool setInLegend(QLineSeries* series, bool shown); // true if that changed anything
    void applyStyle();
    void styleLine(QLineSeries* line, const QString& container);

    QHash<QString, QLineSeries*> m_lines;
    QHash<QLineSeries*, QString> m_containers; // what each line is named and coloured by
    QHash<QLineSeries*, bool> m_inLegend;
    QLineSeries* m_period;
    QLineSeries* m_timeout;
    QDateTimeAxis* m_x;
    QValueAxis* m_y;
    qint64 m_periodMs = 0;
    qint64 m_timeoutMs = 0;
    QString m_hoverText;
    LegendHighlighter* m_highlight;
    LegendElider* m_elider = nullptr;
};

} // namespace dockpulse::ui
