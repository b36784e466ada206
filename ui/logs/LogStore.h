#pragma once

#include "LogBatch.h"
#include "TaskLogBuffer.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <memory>

namespace dockpulse::ui {

// Per-task bounded history of log lines, kept as the exact bytes the engine sent (conversion to
// text happens only for display). Lives on the main thread; views read it through LogModel.
class LogStore : public QObject
{
    Q_OBJECT
public:
    explicit LogStore(qsizetype retentionPerTask = 100000, QObject* parent = nullptr);
    ~LogStore() override;

    void setRetention(qsizetype linesPerTask); // trims at once if lower; at least 1
    qsizetype retention() const { return m_retention; }

    // A batch of complete lines from one task; the newest `retention` lines of the task are kept.
    void append(const QString& task, const QString& containerName, const docker::LogBatch& batch);
    void clearTask(const QString& task);
    qsizetype lineCount(const QString& task) const;
    qint64 totalAppended() const { return m_totalAppended; } // since start, all tasks

    // The task's buffer, or nullptr if it never delivered a line. Buffers live as long as the
    // store (clearTask empties one but keeps its indices growing), so the pointer stays valid.
    const TaskLogBuffer* buffer(const QString& task) const;
    QStringList tasks() const { return m_buffers.keys(); }

Q_SIGNALS:
    void linesAppended(const QString& task, qsizetype count);
    void linesTrimmed(const QString& task, qsizetype count); // dropped from the front by retention
    // Addition to the specified API: views merging several tasks cap themselves at the retention.
    void retentionChanged(qsizetype linesPerTask);

private:
    TaskLogBuffer& bufferFor(const QString& task);

    QHash<QString, std::shared_ptr<TaskLogBuffer>> m_buffers;
    qsizetype m_retention;
    qint64 m_totalAppended = 0;
};

} // namespace dockpulse::ui
