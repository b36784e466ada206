#pragma once

#include <QObject>
#include <QSet>
#include <QTimer>

class QTableView;

namespace dockpulse::ui {

class LogItemDelegate;

// The log view's wrap mode. Rows have a fixed height so that a view of 100,000 lines never
// measures one; with wrap on, the rows in view (and only they) get the height of their wrapped
// message, again after each scroll, resize or new batch; turned off, every row it sized goes
// back to one line.
class LogWrapRows : public QObject
{
    Q_OBJECT
public:
    LogWrapRows(QTableView& view, LogItemDelegate& delegate, int messageColumn, QObject* parent = nullptr);

    void setEnabled(bool on);
    bool isEnabled() const { return m_enabled; }
    // Sizes the rows in view now (a timer does it after each change).
    void fitVisibleRows();

private:
    void schedule();

    QTableView& m_view;
    LogItemDelegate& m_delegate;
    int m_column;
    bool m_enabled = false;
    QSet<int> m_sized; // rows given more than one line
    QTimer m_timer;
};

} // namespace dockpulse::ui
