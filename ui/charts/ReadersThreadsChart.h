#pragma once

#include <QChartView>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace dockpulse::ui {

class ChartHistory;
class LegendHighlighter;

// Log readers and OS threads over time, with the monitored tasks as a thin
// third line so that "readers <= tasks" (no leaked reader) can be checked at a glance.
class ReadersThreadsChart : public QChartView
{
    Q_OBJECT
public:
    explicit ReadersThreadsChart(QWidget* parent = nullptr);

    // Replaces each series once with the samples in [fromMs, toMs].
    void redraw(const ChartHistory& history, qint64 fromMs, qint64 toMs);

    QLineSeries* readersSeries() const { return m_readers; }
    QLineSeries* threadsSeries() const { return m_threads; }
    QLineSeries* monitoredSeries() const { return m_monitored; }
    QValueAxis* countAxis() const { return m_y; }
    QDateTimeAxis* timeAxis() const { return m_x; }
    LegendHighlighter* legendHighlighter() const { return m_highlight; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyStyle();

    QLineSeries* m_readers;
    QLineSeries* m_threads;
    QLineSeries* m_monitored;
    QDateTimeAxis* m_x;
    QValueAxis* m_y;
    LegendHighlighter* m_highlight;
};

} // namespace dockpulse::ui
