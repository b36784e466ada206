#pragma once

#include <QFrame>
#include <QList>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace dockpulse::ui {

// Says in the window that monitoring stopped because a task timed out (its heartbeat went stale):
// one banner, listing every timed-out container with the reason and a "Monitor again" button,
// never one banner per timeout. A row leaves when its task runs again or is removed from the
// list; "Dismiss" empties the banner. Hidden while empty.
class TimeoutBanner : public QFrame
{
    Q_OBJECT
public:
    struct Timeout
    {
        QString task;
        QString host;
        QString containerId;
        QString containerName;
        QString reason;
        qint64 wallMs = 0;
    };
    static constexpr int kRowsShown = 5; // more are summed up in one line

    explicit TimeoutBanner(QWidget* parent = nullptr);

    // A task timed out (again: its row is updated, not repeated).
    void addTimeout(const Timeout& timeout);
    // The task runs again, or left the list.
    void removeTask(const QString& task);
    void dismiss();
    // Whether the banner lists this task (removeTask() would change something).
    bool contains(const QString& task) const;

Q_SIGNALS:
    void monitorAgainRequested(const dockpulse::ui::TimeoutBanner::Timeout& timeout);

private:
    void rebuild();

    QList<Timeout> m_timeouts; // newest first
    QLabel* m_title;
    QPushButton* m_dismiss; // first in the Tab order, the rows' buttons after it
    QVBoxLayout* m_rows;
};

} // namespace dockpulse::ui
