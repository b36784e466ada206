#pragma once

#include "Records.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace dockpulse::ui {

class EmptyState;
class EventsFilter;
class EventsModel;

// The Events tab: the task lifecycle events as a table (time, container, event, detail), with a
// filter by container name and by kind, following the tasks selected above, the events that
// matter in colour, and the newest kept in view while the user is at the bottom.
class EventsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EventsPanel(QWidget* parent = nullptr);

    void addEvent(const monitor::TaskEventRecord& record);
    // The tasks selected in the tasks table; empty: every task.
    void setTasks(const QStringList& tasks);
    // Relative times are said against this clock (the dashboard's tick).
    void setNow(qint64 wallMs);

    QTableView* view() const { return m_view; }

private:
    void addKind(const QString& event);
    QString emptyReason() const;

    EventsModel* m_model;
    EventsFilter* m_filter;
    QTableView* m_view;
    QLineEdit* m_containerText;
    QComboBox* m_kind;
    EmptyState* m_empty;
};

} // namespace dockpulse::ui
