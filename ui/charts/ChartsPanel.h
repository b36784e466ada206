#pragma once

#include "Records.h"

#include <QWidget>

#include <memory>

class QChartView;
class QComboBox;
class QPushButton;
class QTimer;

namespace dockpulse::ui {

class ChartHistory;
class HeartbeatAgeChart;
class HeartbeatTimelineChart;
class ReadersThreadsChart;

// The dashboard's three live charts (readers and threads, heartbeat age, heartbeat timeline) over
// a shared time window that ends at the newest data fed. Feeding only stores into bounded rings
// (see ChartHistory for the caps); a ~4 Hz timer redraws when something changed, so a burst of
// samples and heartbeats costs one QXYSeries::replace() per series per tick; a slow redraw
// stretches the tick (up to 2 s) rather than the UI thread.
class ChartsPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 250;     // the tick, while redraws are cheap
    static constexpr int kMaxRefreshMs = 2000; // the longest it stretches to when they are not

    explicit ChartsPanel(QWidget* parent = nullptr);
    ~ChartsPanel() override;

    // Reference lines of the heartbeat age chart.
    void setThresholds(qint64 heartbeatEveryMs, qint64 taskTimeoutMs);
    void addSample(const monitor::MetricSample& sample);
    void addHeartbeat(const monitor::HeartbeatRecord& heartbeat);
    // 1, 5, 15 or 60 minutes (other values snap to the nearest of these).
    void setWindowMinutes(int minutes);
    int windowMinutes() const;
    // Redraws every chart from the rings now.
    void refresh();
    // Container names to show for tasks (the task name otherwise).
    void setTaskLabels(const QHash<QString, QString>& labels);

    QChartView* readersThreadsView() const;
    QChartView* heartbeatAgeView() const;
    QChartView* heartbeatTimelineView() const;
    // The typed charts and the data behind them (tests, the integrator).
    ReadersThreadsChart* readersThreadsChart() const { return m_readers; }
    HeartbeatAgeChart* heartbeatAgeChart() const { return m_ages; }
    HeartbeatTimelineChart* heartbeatTimelineChart() const { return m_timeline; }
    const ChartHistory& history() const { return *m_history; }

private:
    void markDirty();

    std::unique_ptr<ChartHistory> m_history;
    ReadersThreadsChart* m_readers;
    HeartbeatAgeChart* m_ages;
    HeartbeatTimelineChart* m_timeline;
    QComboBox* m_window;
    QPushButton* m_resetZoom;
    QTimer* m_timer;
    bool m_dirty = false;
};

} // namespace dockpulse::ui
