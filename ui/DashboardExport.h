#pragma once

#include "MonitorEngine.h"
#include "Records.h"
#include "TaskLogBuffer.h"

#include <QList>
#include <QString>

#include <atomic>
#include <vector>

namespace dockpulse::ui {

class LogStore;

// What File → Export writes, copied on the GUI thread so that a worker can write it while the
// store and the engine go on. The log buffers are copies whose byte chunks are shared with the
// store (implicitly shared QByteArrays), so the copy costs the line index, not the bytes.
struct ExportSnapshot
{
    struct TaskLogs
    {
        QString host;
        TaskLogBuffer lines;
    };
    std::vector<TaskLogs> logs; // in the order of the task list
    QList<monitor::TaskSnapshot> tasks;
    QList<monitor::HeartbeatRecord> heartbeats;
    QList<monitor::TaskEventRecord> events;
    QList<monitor::MetricSample> metrics;
    bool rawMode = false;
    qint64 totalLines = 0;
};

ExportSnapshot snapshotForExport(monitor::MonitorEngine& engine, const LogStore& logs, bool rawMode);

// How a worker's export is steered and watched from another thread.
struct ExportControl
{
    std::atomic<bool> cancel{false};     // checked between batches of lines
    std::atomic<qint64> linesWritten{0}; // the snapshot's rows done so far (separators, never written, too)
};

struct ExportOutcome
{
    QString error; // empty on success; one line per file that failed
    bool cancelled = false;
};

// Writes the five files of CONTRACT.md into dir through the same writers as headless mode
// (logs.csv holds the retained lines). A cancel is honoured until the files are committed, and
// then nothing is left in dir: every file is written under a temporary name first.
ExportOutcome writeExport(const QString& dir, const ExportSnapshot& snapshot, ExportControl* control);

// Both at once, on the calling thread. Returns the error text (naming the file and the
// reason), or empty on success.
QString exportDashboard(const QString& dir, monitor::MonitorEngine& engine, const LogStore& logs,
                        bool rawMode);

} // namespace dockpulse::ui
