#pragma once

#include "Records.h"

#include <QHash>
#include <QList>
#include <QString>

namespace dockpulse::history {

// tasks.csv for a stretch of history: the store keeps no task snapshots, so each task's row is
// rebuilt from what it recorded in that stretch, the way the task manager counts while it runs:
// rotations and errors (error, stalled, gap) from its events, the last error's detail,
// heartbeats and the last one's time, the lines and bytes exported, and the state its last
// event implies (stopped, timed_out, exited, stalled, starting or streaming; a run killed
// while streaming stays streaming).
class TaskSummary
{
public:
    // Registers a task before its records: tasks.csv lists them in this order.
    void addTask(const QString& task, const QString& host, const QString& containerId,
                 const QString& containerName);
    void addEvent(const monitor::TaskEventRecord& event);
    void addHeartbeat(const monitor::HeartbeatRecord& heartbeat);
    void addLines(const QString& task, qint64 lines, qint64 bytes);

    // The tasks with at least one record in the stretch.
    QList<monitor::TaskSnapshot> tasks() const;

private:
    struct Entry
    {
        monitor::TaskSnapshot snapshot;
        bool recorded = false;
        qint64 lastRecordMs = 0;
    };
    Entry* entry(const QString& task);

    QList<Entry> m_entries;
    QHash<QString, qsizetype> m_index;
};

} // namespace dockpulse::history
