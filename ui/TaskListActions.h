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

private:
    // Enables each action for the current selection and tasks.
    void update();
    bool isFinished(const QString& task) const;
    // Forgets each task the engine lets go of, then shows the list without them in one update.
    void forget(const QStringList& tasks);

    QTableView& m_view;
    QSortFilterProxyModel& m_proxy;
    TasksModel& m_model;
    monitor::MonitorEngine& m_engine;
    QAction* m_stop;
    QAction* m_remove;
    QAction* m_clear;
    bool m_forgetting = false; // within forget(): one model update after the loop, not one per task
};

// The task names of the rows selected in the tasks table (view over proxy over model).
QStringList selectedTasks(const QTableView& view, const QSortFilterProxyModel& proxy,
                          const TasksModel& model);

} // namespace dockpulse::ui
