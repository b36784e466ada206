#include "TaskListActions.h"

#include "MonitorEngine.h"
#include "TasksModel.h"

#include <QAction>
#include <QScopedValueRollback>
#include <QSortFilterProxyModel>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

TaskListActions::TaskListActions(QTableView& view, QSortFilterProxyModel& proxy, TasksModel& model,
                                 monitor::MonitorEngine& engine)
    : QObject(&view), m_view(view), m_proxy(proxy), m_model(model), m_engine(engine)
{
    const auto make = [this](const QString& text, const QString& name, const QKeySequence& key,
                             const QString& tip) {
        auto* a = new QAction(text, &m_view);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setShortcutVisibleInContextMenu(true);
        a->setToolTip(tip);
        m_view.addAction(a);
        return a;
    };
    m_stop = make(tr("Stop monitoring"), u"stopMonitoring"_s, QKeySequence(Qt::CTRL | Qt::Key_Period),
                  tr("Stop the selected tasks that still run"));
    m_remove = make(tr("Remove from list"), u"removeFromList"_s, QKeySequence(Qt::Key_Delete),
                    tr("Remove the selected finished tasks (stopped, timed out, failed) from the list"));
    m_clear =
        make(tr("Clear finished"), u"clearFinished"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
             tr("Remove every finished task from the list"));

    connect(m_stop, &QAction::triggered, this, [this] {
        for (const QString& task : selectedTasks(m_view, m_proxy, m_model))
            m_engine.stopTask(task);
    });
    connect(m_remove, &QAction::triggered, this, [this] {
        forget(selectedTasks(m_view, m_proxy, m_model)); // the engine refuses live ones
    });
    connect(m_clear, &QAction::triggered, this, [this] { forget(m_engine.tasks().taskNames()); });
    // The list changes a few times a second: enable from the selection and the rows' states.
    connect(m_view.selectionModel(), &QItemSelectionModel::selectionChanged, this, &TaskListActions::update);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &TaskListActions::update);
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, &TaskListActions::update);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &TaskListActions::update);
    connect(&m_engine, &monitor::MonitorEngine::taskReleased, this, [this] {
        // Forgotten rows leave the model on the next snapshot; show it now (once, after forget()'s loop).
        if (!m_forgetting)
            m_model.setSnapshots(m_engine.tasks().snapshots());
    });
    update();
}

QStringList selectedTasks(const QTableView& view, const QSortFilterProxyModel& proxy, const TasksModel& model)
{
    QStringList tasks;
    for (const QModelIndex& index : view.selectionModel()->selectedRows())
        tasks << model.taskAt(proxy.mapToSource(index).row());
    return tasks;
}

void TaskListActions::forget(const QStringList& tasks)
{
    bool released = false;
    {
        const QScopedValueRollback batching(m_forgetting, true);
        for (const QString& task : tasks)
            released |= m_engine.forgetTask(task);
    }
    if (released)
        m_model.setSnapshots(m_engine.tasks().snapshots());
}

bool TaskListActions::isFinished(const QString& task) const
{
    const monitor::TaskManager& tasks = m_engine.tasks();
    return tasks.contains(task) && monitor::isFinal(tasks.snapshot(task).state);
}

void TaskListActions::update()
{
    bool anyLive = false;
    bool anyFinished = false;
    for (const QString& task : selectedTasks(m_view, m_proxy, m_model))
        (isFinished(task) ? anyFinished : anyLive) = true;
    m_stop->setEnabled(anyLive);
    m_remove->setEnabled(anyFinished);
    bool finishedInList = false;
    for (const QString& task : m_engine.tasks().taskNames())
        finishedInList |= isFinished(task);
    m_clear->setEnabled(finishedInList);
}

} // namespace dockpulse::ui
