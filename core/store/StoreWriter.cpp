#include "StoreWriter.h"

#include "StoreCommitter.h"
#include "StoreFile.h"
#include "StoreIndexer.h"
#include "StorePruner.h"

#include <QDateTime>

#include <chrono>
#include <utility>

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
    const RetentionBudget budget{settings.maxStoreBytes, settings.maxAgeMs,
                                 settings.pruneLinesPerTransaction};
    std::unique_ptr<StorePruner> pruner;
    if (!budget.isEmpty()) {
        auto created = StorePruner::create(committer.value()->connection(), budget);
        if (!created)
            return created.error();
        pruner = std::move(created).value();
    }
    auto indexer = StoreIndexer::create(committer.value()->connection());
    if (!indexer)
        return indexer.error();
    return std::unique_ptr<StoreWriter>(new StoreWriter(path, std::move(opened.lock),
                                                        std::move(committer).value(), std::move(pruner),
                                                        std::move(indexer).value(), settings));
}

StoreWriter::StoreWriter(QString path, StoreLock lock, std::unique_ptr<StoreCommitter> committer,
                         std::unique_ptr<StorePruner> pruner, std::unique_ptr<StoreIndexer> indexer,
                         const StoreWriterSettings& settings)
    : m_path(std::move(path)), m_settings(settings), m_lock(std::move(lock)),
      m_committer(std::move(committer)), m_pruner(std::move(pruner)), m_indexer(std::move(indexer))
{
    // Lines a crash or an earlier run left unindexed (or a version 1 store's, just migrated).
    if (auto lag = m_indexer->lag()) {
        m_status.indexLag = *lag;
        m_indexMore = *lag > 0;
    }
    m_thread = std::thread([this] { run(); });
}

qint64 StoreWriter::nowMs() const
{
    return m_settings.clockMs ? m_settings.clockMs() : QDateTime::currentMSecsSinceEpoch();
}

StoreWriter::~StoreWriter()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void StoreWriter::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        // A commit every flushIntervalMs while work is pending, sooner by size or by flush().
        // A prune pass under way goes on at once, a step between commits. The time left until
        // the next commit is the index's (indexWhileIdle).
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(m_settings.flushIntervalMs);
        indexWhileIdle(lock, deadline);
        m_wake.wait_until(lock, deadline, [this] {
            return m_stopping || m_flushRequested || m_forcedRequested > m_forcedDone || m_pruneMore ||
                   m_indexRequested > m_indexDone;
        });
        const bool stopping = m_stopping;
        const qint64 forcedTarget = m_forcedRequested;
        const bool forced = stopping || forcedTarget > m_forcedDone;
        lock.unlock();
        const bool committed = commitPending(forced);
        m_committedLastRound = committed;
        // The index's pages count against the size budget as the lines' do.
        if (!stopping)
            pruneIfDue(committed || std::exchange(m_indexedSinceSizeCheck, false));
        lock.lock();
        if (forced) {
            m_forcedDone = forcedTarget;
            m_flushed.notify_all();
        }
        if (stopping)
            break;
        if (m_indexRequested > m_indexDone) {
            // waitForIndex(): everything, now (its flush came first).
            const qint64 target = m_indexRequested;
            lock.unlock();
            while (indexStep(std::max<qint64>(m_settings.indexLinesPerTransaction, 10'000))) {
                const std::lock_guard locker(m_mutex);
                if (!m_indexMore)
                    break;
            }
            lock.lock();
            m_indexDone = target;
            m_flushed.notify_all();
        }
    }
    lock.unlock();
    // The connection closes on the thread that used it (the last checkpoint happens here),
    // after the pruner's and the indexer's statements.
    m_indexer.reset();
    m_pruner.reset();
    m_committer.reset();
}

void StoreWriter::requestFlushLocked()
{
    if (m_flushRequested)
        return;
    m_flushRequested = true;
    m_wake.notify_one();
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
    gap.task = taskNameOf(container);
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

void StoreWriter::appendSample(const monitor::MetricSample& sample)
{
    monitor::MetricSample kept = sample;
    kept.ages.clear();
    std::unique_lock locker(m_mutex);
    m_pending.samples.append(std::move(kept));
}

void StoreWriter::retireCursor(const ContainerRef& container, const monitor::TaskEventRecord& why)
{
    std::unique_lock locker(m_mutex);
    m_pending.events.append(PendingWrites::Event{container, why});
    m_pending.retiredCursors.append(container);
}

bool StoreWriter::flush()
{
    std::unique_lock lock(m_mutex);
    const qint64 target = ++m_forcedRequested;
    m_wake.notify_one();
    m_flushed.wait(lock, [&] { return m_forcedDone >= target; });
    return !m_status.failing;
}

bool StoreWriter::waitForIndex()
{
    if (!flush())
        return false;
    std::unique_lock lock(m_mutex);
    const qint64 target = ++m_indexRequested;
    m_wake.notify_one();
    m_flushed.wait(lock, [&] { return m_indexDone >= target; });
    return m_status.indexError.isEmpty() && !m_indexMore;
}

void StoreWriter::indexWhileIdle(std::unique_lock<std::mutex>& lock,
                                 std::chrono::steady_clock::time_point deadline)
{
    // Never while commits fail (their work is kept) nor while a prune pass goes on; a step at a
    // time, each ~50 ms for 10,000 lines, so a commit waits at most one step.
    // While lines come in, a step's worth at a time (each transaction writes the index's pages
    // anew to the WAL: fewer, fuller steps write less); after a round without a commit, the rest.
    const bool worthIt =
        !m_committedLastRound || m_status.indexLag >= m_settings.indexLinesPerTransaction / 2;
    while (worthIt && m_indexMore && m_settings.indexLinesPerTransaction > 0 && !m_stopping &&
           !m_flushRequested && m_forcedRequested <= m_forcedDone && m_indexRequested <= m_indexDone &&
           !m_pruneMore && !m_status.failing && m_pending.lineCount < m_settings.indexWhilePendingBelow &&
           std::chrono::steady_clock::now() < deadline) {
        lock.unlock();
        const bool ok = indexStep(m_settings.indexLinesPerTransaction);
        lock.lock();
        if (!ok)
            break; // tried again at the next interval
    }
}

bool StoreWriter::indexStep(qint64 lines)
{
    const Expected<IndexStep, StoreError> step = m_indexer->indexNext(lines);
    const std::lock_guard locker(m_mutex);
    if (!step) {
        m_status.indexError = step.error().message;
        return false;
    }
    m_status.indexError.clear();
    m_status.indexLag = step->lag;
    m_indexMore = step->lag > 0;
    m_indexedSinceSizeCheck = m_indexedSinceSizeCheck || step->lines > 0;
    return true;
}

StoreWriteStatus StoreWriter::status() const
{
    std::unique_lock locker(m_mutex);
    return m_status;
}

bool StoreWriter::commitPending(bool forced)
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
        return false;
    if (!forced && m_sinceFailedCommit.isValid() &&
        m_sinceFailedCommit.elapsed() < m_settings.retryIntervalMs)
        return false;

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
            m_status.indexLag += m_retained.lineCount;
            m_indexMore = m_status.indexLag > 0;
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
    return !error;
}

void StoreWriter::pruneIfDue(bool committed)
{
    // Not while commits fail (their work is still retained): the store is not taking writes.
    if (!m_pruner || !m_retained.isEmpty())
        return;
    const RetentionBudget& budget = m_pruner->budget();
    const qint64 now = nowMs();
    const auto record = [&](const Expected<PruneStep, StoreError>& step, bool& more) {
        const std::lock_guard locker(m_mutex);
        more = step && step->more;
        if (!step) {
            m_status.pruneError = step.error().message;
            return;
        }
        m_status.pruneError.clear();
        if (step->usedBytes >= 0)
            m_status.storeBytes = step->usedBytes;
        if (step->removedAnything()) {
            m_status.prunes += 1;
            m_status.prunedLines += step->lines;
            m_status.lastPruneMs = now;
            m_status.lastPrune = step->summary;
        }
    };
    // Only a commit makes the store larger: the size is checked after each, and while a pass runs.
    if (budget.maxBytes > 0 && (committed || m_sizePruneMore))
        record(m_pruner->pruneForSize(now), m_sizePruneMore);
    if (budget.maxAgeMs > 0 &&
        (m_agePruneMore || !m_lastAgeCheckMs || now - *m_lastAgeCheckMs >= m_settings.ageCheckIntervalMs)) {
        m_lastAgeCheckMs = now;
        record(m_pruner->pruneForAge(now), m_agePruneMore);
    }
    m_pruneMore = m_sizePruneMore || m_agePruneMore;
}

} // namespace dockpulse::store
