#include "EventsFilter.h"

#include "EventsModel.h"

namespace dockpulse::ui {

EventsFilter::EventsFilter(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(EventsModel::RawValueRole);
    // What the filter reads (task, container, event) never changes in a row, and the setters
    // re-filter: without this, the clock's dataChanged on every Time cell each second would
    // re-run filterAcceptsRow() for every row. Inserted rows are filtered either way.
    setDynamicSortFilter(false);
}

void EventsFilter::setTasks(const QSet<QString>& tasks)
{
    if (tasks == m_tasks)
        return;
    m_tasks = tasks;
    invalidateFilter();
}

void EventsFilter::setContainerText(const QString& text)
{
    if (text == m_containerText)
        return;
    m_containerText = text;
    invalidateFilter();
}

void EventsFilter::setKind(const QString& kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    invalidateFilter();
}

bool EventsFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* m = sourceModel();
    const QModelIndex row = m->index(sourceRow, EventsModel::Container, sourceParent);
    if (!m_tasks.isEmpty() && !m_tasks.contains(row.data(EventsModel::TaskRole).toString()))
        return false;
    if (!m_containerText.isEmpty() && !row.data().toString().contains(m_containerText, Qt::CaseInsensitive))
        return false;
    if (m_kind == kProblems)
        return row.data(EventsModel::ImportantRole).toBool();
    return m_kind.isEmpty() || row.data(EventsModel::EventRole).toString() == m_kind;
}

} // namespace dockpulse::ui
