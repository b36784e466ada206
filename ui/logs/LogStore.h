#pragma once

#include "LogBatch.h"
#include "TaskLogBuffer.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <limits>
#include <memory>

namespace dockpulse::ui {

// Per-task bounded history of log lines, kept as the exact bytes the engine sent (conversion to
// text happens only for display). Two bounds: the newest `retention` lines per task, and a byte
// budget over every task (TaskLogBuffer::byteCost): past it the oldest lines of the whole store go
// first, whichever task they belong to, so that many tasks cannot add up to unbounded memory.
// Lives on the main thread; views read it through LogModel.
class LogStore : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultBudgetBytes = 256 * 1024 * 1024;

    explicit LogStore(qsizetype retentionPerTask = 100000, QObject* parent = nullptr,
                      qint64 budgetBytes = kDefaultBudgetBytes);
    ~LogStore() override;

    void setRetention(qsizetype linesPerTask); // trims at once if lower; at least 1
    qsizetype retention() const { return m_retention; }
    void setBudget(qint64 bytes); // trims at once if over; at least 1
    qint64 budget() const { return m_budget; }
    qint64 byteCost() const { return m_byteCost; } // of every retained line, all tasks

    // A batch of complete lines from one task; the newest `retention` lines of the task are kept.
    void append(const QString& task, const QString& containerName, const docker::LogBatch& batch);
    // A separator row (a container restart, RestartSeparators) at Docker time `timestampNs`: after
    // the task's lines so far, before any of its newest lines that are later (linesMoved()). Shown
    // by the view, counted by the retention like a line, never a log line itself.
    // placeAfterNs: the Docker time it happened at, when known (lines later than it go after it).
    void appendSeparator(const QString& task, const QString& containerName, const QString& text,
                         qint64 timestampNs, qint64 placeAfterNs = std::numeric_limits<qint64>::max());
    void clearTask(const QString& task);
    // Forgets the task and frees its buffer (a finished task the engine released); emits
    // taskReleased() once the buffer is gone.
    void releaseTask(const QString& task);
    qsizetype lineCount(const QString& task) const;
    qint64 totalAppended() const { return m_totalAppended; } // since start, all tasks
    // The seq the next line or separator gets (TaskLogBuffer::Line::seq): every row so far is below.
    qint64 nextSeq() const { return m_nextSeq; }

    // The task's buffer, or nullptr if it never delivered a line. A buffer lives until
    // releaseTask() (clearTask empties one but keeps its indices growing): holders of the pointer
    // drop it on taskReleased().
    const TaskLogBuffer* buffer(const QString& task) const;
    QStringList tasks() const { return m_buffers.keys(); }

Q_SIGNALS:
    void linesAppended(const QString& task, qsizetype count);
    void linesTrimmed(const QString& task, qsizetype count); // dropped from the front by retention
    // Addition to the specified API: views merging several tasks cap themselves at the retention.
    void retentionChanged(qsizetype linesPerTask);
    void taskReleased(const QString& task); // its buffer is gone
    // A separator went before some of the task's newest lines: their indices moved up one.
    void linesMoved(const QString& task);

private:
    TaskLogBuffer& bufferFor(const QString& task);
    // Trims `buffer` to `keep` lines, keeping byteCost() in step; returns the lines dropped.
    qsizetype trimBuffer(TaskLogBuffer& buffer, qsizetype keep);
    // After n rows went into `buffer` (which held `before` rows costing costBefore): the
    // retention, the budget, and the signals.
    void appended(TaskLogBuffer& buffer, qsizetype before, qsizetype n, qint64 costBefore);
    // Drops the oldest lines of the store until it fits the budget; adds them to `trimmed`.
    void enforceBudget(QHash<QString, qsizetype>& trimmed);

    QHash<QString, std::shared_ptr<TaskLogBuffer>> m_buffers;
    qsizetype m_retention;
    qint64 m_budget;
    qint64 m_byteCost = 0;
    qint64 m_totalAppended = 0;
    qint64 m_nextSeq = 0; // arrival order of lines and separators alike
};

} // namespace dockpulse::ui
