#include "LogStore.h"

#include <limits>

namespace dockpulse::ui {

LogStore::LogStore(qsizetype retentionPerTask, QObject* parent, qint64 budgetBytes)
    : QObject(parent), m_retention(qMax<qsizetype>(retentionPerTask, 1)),
      m_budget(qMax<qint64>(budgetBytes, 1))
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
            if (const qsizetype dropped = trimBuffer(*buffer, m_retention))
                Q_EMIT linesTrimmed(buffer->task(), dropped);
        }
    }
    Q_EMIT retentionChanged(m_retention);
}

void LogStore::setBudget(qint64 bytes)
{
    m_budget = qMax<qint64>(bytes, 1);
    QHash<QString, qsizetype> trimmed;
    enforceBudget(trimmed);
    for (auto it = trimmed.cbegin(); it != trimmed.cend(); ++it)
        Q_EMIT linesTrimmed(it.key(), it.value());
}

TaskLogBuffer& LogStore::bufferFor(const QString& task)
{
    auto it = m_buffers.find(task);
    if (it == m_buffers.end())
        it = m_buffers.insert(task, std::make_shared<TaskLogBuffer>(task));
    return **it;
}

qsizetype LogStore::trimBuffer(TaskLogBuffer& buffer, qsizetype keep)
{
    const qint64 before = buffer.byteCost();
    const qsizetype dropped = buffer.trimTo(keep);
    m_byteCost += buffer.byteCost() - before;
    return dropped;
}

void LogStore::enforceBudget(QHash<QString, qsizetype>& trimmed)
{
    while (m_byteCost > m_budget) {
        // The task holding the store's oldest line, and the oldest line of every other task.
        TaskLogBuffer* oldest = nullptr;
        qint64 oldestSeq = 0;
        qint64 nextSeq = std::numeric_limits<qint64>::max();
        for (const auto& b : std::as_const(m_buffers)) {
            if (b->size() == 0)
                continue;
            const qint64 seq = b->line(b->firstIndex()).seq;
            if (!oldest || seq < oldestSeq) {
                if (oldest)
                    nextSeq = qMin(nextSeq, oldestSeq);
                oldest = b.get();
                oldestSeq = seq;
            } else {
                nextSeq = qMin(nextSeq, seq);
            }
        }
        if (!oldest)
            break;
        // Its lines older than every other task's, as many as the excess needs (at least one).
        const qint64 excess = m_byteCost - m_budget;
        qint64 freed = 0;
        qsizetype count = 0;
        for (qint64 i = oldest->firstIndex(); i < oldest->endIndex() && freed < excess; ++i) {
            const TaskLogBuffer::Line line = oldest->line(i);
            if (count > 0 && line.seq > nextSeq)
                break;
            freed += line.bytes.size() + TaskLogBuffer::kLineOverhead;
            ++count;
        }
        trimmed[oldest->task()] += trimBuffer(*oldest, oldest->size() - count);
    }
}

void LogStore::append(const QString& task, const QString& containerName, const docker::LogBatch& batch)
{
    if (batch.isEmpty())
        return;
    TaskLogBuffer& buffer = bufferFor(task);
    if (!containerName.isEmpty())
        buffer.setContainerName(containerName);
    const qint64 costBefore = buffer.byteCost();
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
        buffer.append(e.timestampNs, e.stream, text, m_nextSeq + i, docker::detectLogLevel(text), e.piece);
    }
    m_totalAppended += n;
    m_nextSeq += n;
    appended(buffer, before, n, costBefore);
}

void LogStore::appendSeparator(const QString& task, const QString& containerName, const QString& text,
                               qint64 timestampNs, qint64 placeAfterNs)
{
    TaskLogBuffer& buffer = bufferFor(task);
    if (!containerName.isEmpty())
        buffer.setContainerName(containerName);
    const qint64 costBefore = buffer.byteCost();
    const qsizetype before = buffer.size();
    const qsizetype moved = buffer.appendSeparator(timestampNs, text.toUtf8(), m_nextSeq++, placeAfterNs);
    const QString taskName = task; // a slot may release the buffer
    appended(buffer, before, 1, costBefore);
    if (moved > 0)
        Q_EMIT linesMoved(taskName);
}

void LogStore::appended(TaskLogBuffer& buffer, qsizetype before, qsizetype n, qint64 costBefore)
{
    const QString task = buffer.task(); // a copy: a slot may release the buffer
    buffer.trimTo(m_retention);
    m_byteCost += buffer.byteCost() - costBefore;
    QHash<QString, qsizetype> trimmed;
    if (const qsizetype own = before + n - buffer.size(); own > 0)
        trimmed.insert(task, own);
    enforceBudget(trimmed);
    Q_EMIT linesAppended(task, n);
    if (const qsizetype own = trimmed.take(task); own > 0)
        Q_EMIT linesTrimmed(task, own);
    for (auto it = trimmed.cbegin(); it != trimmed.cend(); ++it)
        Q_EMIT linesTrimmed(it.key(), it.value());
}

void LogStore::clearTask(const QString& task)
{
    const auto it = m_buffers.constFind(task);
    if (it == m_buffers.cend())
        return;
    if (const qsizetype dropped = trimBuffer(**it, 0))
        Q_EMIT linesTrimmed(task, dropped);
}

void LogStore::releaseTask(const QString& task)
{
    const auto it = m_buffers.constFind(task);
    if (it == m_buffers.cend())
        return;
    m_byteCost -= (*it)->byteCost();
    m_buffers.erase(it);
    Q_EMIT taskReleased(task);
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
