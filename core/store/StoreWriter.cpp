#include "StoreWriter.h"

#include "StoreCommitter.h"
#include "StoreFile.h"

#include <QDateTime>
#include <QTimer>

namespace dockpulse::store {

Expected<std::unique_ptr<StoreWriter>, StoreError> StoreWriter::open(const QString& path,
                                                                     const StoreWriterSettings& settings)
{
    auto store = openWritableStore(path);
    if (!store)
        return store.error();
    WritableStore opened = std::move(store).value();
    auto committer = StoreCommitter::create(std::move(opened.connection));
    if (!committer)
        return committer.error();
    return std::unique_ptr<StoreWriter>(
        new StoreWriter(path, std::move(opened.lock), std::move(committer).value(), settings));
}

StoreWriter::StoreWriter(QString path, StoreLock lock, std::unique_ptr<StoreCommitter> committer,
                         const StoreWriterSettings& settings)
    : m_path(std::move(path)), m_settings(settings), m_lock(std::move(lock)),
      m_committer(std::move(committer))
{
    m_thread.setObjectName(QStringLiteral("store writer"));
    m_threadContext = new QObject;
    m_threadContext->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_threadContext, [this] {
        auto* timer = new QTimer(m_threadContext);
        connect(timer, &QTimer::timeout, m_threadContext, [this] { commitPending(false); });
        timer->start(m_settings.flushIntervalMs);
    });
}

StoreWriter::~StoreWriter()
{
    // Read under the lock, which orders what this thread did with the members before what the
    // writer's thread does next (it takes the lock too).
    QObject* context = nullptr;
    {
        const std::lock_guard lock(m_mutex);
        context = m_threadContext;
    }
    QMetaObject::invokeMethod(
        context,
        [this] {
            commitPending(true);
            // The connection closes on the thread that used it (the last checkpoint happens here),
            // under the lock so that the destructor's lock orders it before what follows.
            const std::lock_guard lock(m_mutex);
            m_committer.reset();
            delete m_threadContext; // and its timer, on their own thread
            m_threadContext = nullptr;
            m_thread.quit();
        },
        Qt::BlockingQueuedConnection);
    m_thread.wait();
    // What the writer's thread last changed, it changed under the lock: taking it once orders
    // the members' destruction after that for ThreadSanitizer too (QThread::wait() is invisible
    // to it).
    const std::lock_guard lock(m_mutex);
}

void StoreWriter::requestFlushLocked()
{
    if (m_flushRequested)
        return;
    m_flushRequested = true;
    QMetaObject::invokeMethod(
        m_threadContext, [this] { commitPending(false); }, Qt::QueuedConnection);
}

void StoreWriter::noteGapBeforeLocked(const ContainerRef& container)
{
    const auto dropped = m_droppedRuns.constFind(container);
    if (dropped == m_droppedRuns.cend())
        return;
    const auto time = [](qint64 ns) {
        return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    monitor::TaskEventRecord gap;
    gap.wallMs = QDateTime::currentMSecsSinceEpoch();
    gap.event = QStringLiteral("gap");
    gap.detail = QStringLiteral("%1 lines from %2 to %3 not stored: %4")
                     .arg(dropped->lines)
                     .arg(time(dropped->firstTimestampNs), time(dropped->lastTimestampNs), dropped->cause);
    m_pending.events.append(PendingWrites::Event{container, gap});
    m_droppedRuns.erase(dropped);
}

void StoreWriter::append(const ContainerRef& container, docker::LogBatch batch, QByteArray cursorAfterBatch)
{
    std::unique_lock locker(m_mutex);
    // Back pressure while writing works: memory stays bounded if the disk is slower than the engine.
    m_room.wait(locker,
                [this] { return m_status.failing || m_pending.byteCount <= m_settings.maxPendingBytes; });
    if (m_status.failing &&
        m_pending.byteCount + m_status.retainedBytes + batch.byteSize() > m_settings.maxRetainedBytes) {
        // The cursor stays where it was: a restart before writing resumes reads these lines again.
        m_status.droppedLines += batch.size();
        if (!batch.isEmpty()) {
            DroppedRun& run = m_droppedRuns[container];
            if (run.lines == 0)
                run.firstTimestampNs = batch.entry(0).timestampNs;
            run.lines += batch.size();
            run.lastTimestampNs = batch.entry(batch.size() - 1).timestampNs;
            run.cause = m_status.error;
        }
        return;
    }
    noteGapBeforeLocked(container);
    m_pending.lineCount += batch.size();
    m_pending.byteCount += batch.byteSize();
    m_pending.latestCursors.insert(container, std::move(cursorAfterBatch));
    if (!batch.isEmpty())
        m_pending.lines.append(PendingWrites::Lines{container, std::move(batch)});
    if (m_pending.lineCount >= m_settings.flushLines || m_pending.byteCount >= m_settings.flushBytes)
        requestFlushLocked();
}

void StoreWriter::appendEvent(const ContainerRef& container, const monitor::TaskEventRecord& event)
{
    std::unique_lock locker(m_mutex);
    m_pending.events.append(PendingWrites::Event{container, event});
}

void StoreWriter::appendHeartbeat(const ContainerRef& container, const monitor::HeartbeatRecord& heartbeat)
{
    std::unique_lock locker(m_mutex);
    m_pending.heartbeats.append(PendingWrites::Heartbeat{container, heartbeat});
}

void StoreWriter::recordEngine(const QString& endpoint, const QString& engineId)
{
    std::unique_lock locker(m_mutex);
    m_pending.engines.append(PendingWrites::Engine{endpoint, engineId});
}

void StoreWriter::recordContainer(const ContainerRef& container, const ContainerFacts& facts)
{
    std::unique_lock locker(m_mutex);
    m_pending.containers.append(PendingWrites::Container{container, facts});
}

bool StoreWriter::flush()
{
    QMetaObject::invokeMethod(
        m_threadContext, [this] { commitPending(true); }, Qt::BlockingQueuedConnection);
    return !status().failing;
}

StoreWriteStatus StoreWriter::status() const
{
    std::unique_lock locker(m_mutex);
    return m_status;
}

void StoreWriter::commitPending(bool forced)
{
    {
        std::unique_lock locker(m_mutex);
        m_retained.absorb(std::move(m_pending));
        m_flushRequested = false;
        m_status.retainedLines = m_retained.lineCount;
        m_status.retainedBytes = m_retained.byteCount;
    }
    m_room.notify_all();
    if (m_retained.isEmpty())
        return;
    if (!forced && m_sinceFailedCommit.isValid() &&
        m_sinceFailedCommit.elapsed() < m_settings.retryIntervalMs)
        return;

    const std::optional<StoreError> error = m_committer->commit(m_retained);
    bool failedNow = false;
    bool resumedNow = false;
    {
        std::unique_lock locker(m_mutex);
        if (error) {
            failedNow = !m_status.failing;
            m_status.failing = true;
            m_status.error = error->message;
            m_sinceFailedCommit.start();
        } else {
            resumedNow = m_status.failing;
            m_status.failing = false;
            m_status.error.clear();
            m_status.committedLines += m_retained.lineCount;
            m_status.commits += 1;
            m_status.retainedLines = 0;
            m_status.retainedBytes = 0;
            m_sinceFailedCommit.invalidate();
            m_retained = PendingWrites();
        }
    }
    if (resumedNow)
        m_room.notify_all();
    if (failedNow)
        Q_EMIT writingFailed(error->message);
    if (resumedNow)
        Q_EMIT writingResumed();
}

} // namespace dockpulse::store
