#pragma once

#include "EffectiveSettings.h"
#include "MonitorEngine.h"
#include "SettingsStore.h"

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QSettings;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace dockpulse::ui {

class ChartsPanel;
class ContainerActions;
class ContainersModel;
class DashboardController;
class EngineIndicator;
class EngineProblemPanel;
class EventsPanel;
class LogPanel;
class LogStore;
class TasksModel;

// The dashboard: containers (filterable; a checkbox starts or stops monitoring), tasks (health at
// a glance), the live logs of the selected tasks and three live charts; File → Export CSV writes
// the five files of CONTRACT.md through the same writer as headless mode.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(monitor::MonitorEngine& engine, DashboardSettings settings, QSettings& store,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    // The stored settings that `settings` came from and the command line laid over them: the
    // Settings dialog edits and saves the stored ones; the overrides stay for this run only.
    // Without this call the constructor's settings count as stored, with no overrides.
    void setRunOverrides(const DashboardSettings& stored, const RunOverrides& overrides);

    // Geometry, layout, tab, chart window and the monitored containers, from the last session.
    void restoreSession();
    void saveSession();
    // Monitor these names (from --monitor; "all" turns on View → Monitor all) once their engine
    // answers; a name no engine knows is reported in the status bar.
    void monitorOnStart(const QStringList& names);

    // For tests and screenshots.
    QTableView* containersView() const { return m_containersView; }
    QTableView* tasksView() const { return m_tasksView; }
    ContainersModel* containersModel() const { return m_containersModel; }
    TasksModel* tasksModel() const { return m_tasksModel; }
    LogPanel* logPanel() const { return m_logPanel; }
    ChartsPanel* chartsPanel() const { return m_chartsPanel; }
    QTabWidget* tabs() const { return m_tabs; }
    EventsPanel* eventsPanel() const { return m_eventsPanel; }
    LogStore* logStore() const { return m_logStore; }
    // Writes the five CSV files into dir (on a worker; the event loop runs meanwhile); the
    // error text, or empty on success.
    QString exportTo(const QString& dir);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    QWidget* buildContainersPane();
    QWidget* buildTasksPane();
    QWidget* buildTimeoutBanner();
    void onTaskSelectionChanged();
    void toggleCurrentContainer();
    void updateEngineState();
    void exportCsv();
    void openSettings();
    void showContainerMenu(const QPoint& pos);

    monitor::MonitorEngine& m_engine;
    DashboardSettings m_settings; // what this run uses: m_stored with m_overrides laid over it
    DashboardSettings m_stored;
    RunOverrides m_overrides;
    QSettings& m_store;
    ContainersModel* m_containersModel;
    TasksModel* m_tasksModel;
    LogStore* m_logStore;
    QSortFilterProxyModel* m_containersProxy;
    QSortFilterProxyModel* m_tasksProxy;
    QTableView* m_containersView = nullptr;
    QTableView* m_tasksView = nullptr;
    QLineEdit* m_filter = nullptr;
    LogPanel* m_logPanel = nullptr;
    ChartsPanel* m_chartsPanel = nullptr;
    EventsPanel* m_eventsPanel = nullptr;
    QTabWidget* m_tabs = nullptr;
    QSplitter* m_vertical = nullptr;
    QSplitter* m_horizontal = nullptr;
    EngineProblemPanel* m_problems = nullptr;
    EngineIndicator* m_indicator = nullptr;
    QLabel* m_counts = nullptr;
    QAction* m_monitorAll = nullptr;
    QAction* m_exportAction = nullptr;
    DashboardController* m_controller = nullptr;
    ContainerActions* m_containerActions = nullptr;
    bool m_containersColumnsFitted = false;
    bool m_tasksColumnsFitted = false;
};

} // namespace dockpulse::ui
