#include "LogStore.h"

namespace dockpulse::ui {

LogStore::LogStore(qsizetype retentionPerTask, QObject* parent)
    : QObject(parent), m_retention(qMax<qsizetype>(retentionPerTask, 1))
{}

LogStore::~LogStore() = default;

void LogStore::setRetention(qsizetype linesPerTask)
{
    linesPerTask = qMax<qsizetype>(linesPerTask, 1);
    if (linesPerTask == m_retention)
        return;
    const bool lower = linesPerTask < m_retention;
    m_retention = linesPerTask;
    if (lower) {
        for (const auto& buffer : std::as_const(m_buffers)) {
            if (const qsizetype dropped = buffer->trimTo(m_retention))
                Q_EMIT linesTrimmed(buffer->task(), dropped);
        }
    }
    Q_EMIT retentionChanged(m_retention);
}

TaskLogBuffer& LogStore::bufferFor(const QString& task)
{
    auto it = m_buffers.find(task);
    if (it == m_buffers.end())
        it = m_buffers.insert(task, std::make_shared<TaskLogBuffer>(task));
    return **it;
}

void LogStore::append(const QString& task, const QString& containerName, const docker::LogBatch& batch)
{
    if (batch.isEmpty())
        return;
    TaskLogBuffer& buffer = bufferFor(task);
    if (!containerName.isEmpty())
        buffer.setContainerName(containerName);
    // Lines that would be trimmed at once are not copied at all (a burst larger than the cap).
    const qsizetype n = batch.size();
    const qsizetype before = buffer.size();
    const qsizetype skip = qMax<qsizetype>(0, n - m_retention);
    if (skip > 0) {
        buffer.trimTo(0);
        buffer.skip(skip); // indices still count every delivered line
    }
    for (qsizetype i = skip; i < n; ++i) {
        const docker::LogBatch::Entry& e = batch.entry(i);
        const QByteArrayView text = batch.text(i);
        // Once per line as it arrives (the start of it only): filters and colours never rescan.
        buffer.append(e.timestampNs, e.stream, text, m_totalAppended + i, docker::detectLogLevel(text));
    }
    m_totalAppended += n;
    buffer.trimTo(m_retention);
    const qsizetype trimmed = before + n - buffer.size();
    Q_EMIT linesAppended(task, n);
    if (trimmed > 0)
        Q_EMIT linesTrimmed(task, trimmed);
}

void LogStore::clearTask(const QString& task)
{
    const auto it = m_buffers.constFind(task);
    if (it == m_buffers.cend())
        return;
    if (const qsizetype dropped = (*it)->trimTo(0))
        Q_EMIT linesTrimmed(task, dropped);
}

qsizetype LogStore::lineCount(const QString& task) const
{
    const auto it = m_buffers.constFind(task);
    return it == m_buffers.cend() ? 0 : (*it)->size();
}

const TaskLogBuffer* LogStore::buffer(const QString& task) const
{
    const auto it = m_buffers.constFind(task);
    return it == m_buffers.cend() ? nullptr : it->get();
}

} // namespace dockpulse::ui
