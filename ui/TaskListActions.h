#pragma once

#include <QObject>

class QAction;
class QSortFilterProxyModel;
class QTableView;

namespace dockpulse::monitor {
class MonitorEngine;
}

namespace dockpulse::ui {

class TasksModel;

// The tasks table's context menu and keys: Stop monitoring (Ctrl+.) for live tasks, Remove from
// list (Delete) for finished ones, Clear finished (Ctrl+Shift+Delete). Each is enabled only
// when it would do something, so none of them silently does nothing.
class TaskListActions : public QObject
{
    Q_OBJECT
public:
    TaskListActions(QTableView& view, QSortFilterProxyModel& proxy, TasksModel& model,
                    monitor::MonitorEngine& engine);

    QAction* stop() const { return m_stop; }
    QAction* removeFromList() const { return m_remove; }
    QAction* clearFinished() const { return m_clear; }
    // Enables each action for the current selection and tasks.
    void update();

private:
    QStringList selectedTasks() const;
    bool isFinished(const QString& task) const;

    QTableView& m_view;
    QSortFilterProxyModel& m_proxy;
    TasksModel& m_model;
    monitor::MonitorEngine& m_engine;
    QAction* m_stop;
    QAction* m_remove;
    QAction* m_clear;
};

} // namespace dockpulse::ui
