#pragma once

#include "MonitorEngine.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace dockpulse::ui {

class ContainersModel;
class TasksModel;
class LogStore;
class ChartsPanel;

// Connects the monitoring engine to the dashboard's models and panels: container lists,
// task snapshots (ages ticking live, 4 times a second), log lines, samples and heartbeats; and
// turns the user's monitor checkbox into tasks started or stopped. The same MonitorEngine
// headless mode drives, so the two modes cannot drift apart.
class DashboardController : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTickMs = 250;

    DashboardController(monitor::MonitorEngine& engine, ContainersModel& containers, TasksModel& tasks,
                        LogStore& logs, ChartsPanel& charts, QObject* parent = nullptr);

    // Starts monitoring these (host, container name) pairs once their engine answers: the
    // session's containers, and --monitor names from the command line.
    void monitorByName(const QList<QPair<QString, QString>>& containers);
    // (host, name) of every container with a live task, for the session.
    QList<QPair<QString, QString>> monitoredByName() const;
    void setMonitored(const QString& host, const QString& containerId, const QString& name, bool on);
    void refreshContainers();

Q_SIGNALS:
    void enginesChanged();
    void countsChanged(int containers, int monitored, int readers, int threads);
    void message(const QString& text); // for the status bar

private:
    void tick();
    void onContainersChanged(const QString& host);

    monitor::MonitorEngine& m_engine;
    ContainersModel& m_containers;
    TasksModel& m_tasks;
    LogStore& m_logs;
    ChartsPanel& m_charts;
    QTimer m_tick;
    int m_ticks = 0;
    monitor::MetricSample m_lastSample;
    bool m_sampled = false; // a sample came from the sampler
};

} // namespace dockpulse::ui
