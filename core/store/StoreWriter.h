#pragma once

#include "ContainerRef.h"
#include "Expected.h"
#include "LogBatch.h"
#include "PendingWrites.h"
#include "Records.h"
#include "StoreError.h"
#include "StoreLock.h"

#include <QElapsedTimer>
#include <QObject>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace dockpulse::store {

class StoreCommitter;
class StoreIndexer;
class StorePruner;

struct StoreWriterSettings
{
    int flushIntervalMs = 100;             // a commit at least this often while work is pending
    qsizetype flushLines = 20'000;         // or sooner, once this many lines are pending
    qsizetype flushBytes = 4 << 20;        // or this many bytes
    qsizetype maxPendingBytes = 32 << 20;  // append() waits beyond this while writing works
    int retryIntervalMs = 1000;            // how often a failing store (disk full) is tried again
    qsizetype maxRetainedBytes = 64 << 20; // kept in memory while failing; newer lines beyond are dropped

    // Retention (docs/STORE.md, "Retention"): whole chunks, oldest first, in the writer's own
    // transactions. 0 = no limit.
    qint64 maxStoreBytes = qint64(2) << 30;             // the database's used pages
    qint64 maxAgeMs = qint64(30) * 24 * 60 * 60 * 1000; // by the lines' own timestamps
    qint64 ageCheckIntervalMs = 60'000;                 // how often lines are held against maxAgeMs
    qsizetype pruneLinesPerTransaction = 50'000; // about this many at most (whole chunks, one at least)
    // Now, in ms since the epoch, for the age budget and the prune events; empty: the system
    // clock. Called on the writer's thread only.
    std::function<qint64()> clockMs;

    // The search index (docs/STORE.md, "The search index"), built in the writer's idle time:
    // between commits, while fewer than indexWhilePendingBelow lines wait, this many lines a
    // transaction. 0 = not indexed (the index lags; search scans what is not indexed).
    qsizetype indexLinesPerTransaction = 10'000;
    qsizetype indexWhilePendingBelow = 5'000;
};

struct StoreWriteStatus
{
    bool failing = false;
    QString error; // the last failure, naming the file; empty while writing works
    qint64 committedLines = 0;
    qint64 commits = 0;
    qint64 retainedLines = 0; // waiting for the store to accept writes again
    qint64 retainedBytes = 0;
    qint64 droppedLines = 0; // not stored: appended while failing, beyond maxRetainedBytes

    qint64 storeBytes = 0;  // the database's used pages, as last measured (with a size budget)
    qint64 prunedLines = 0; // removed by retention since open
    qint64 prunes = 0;      // prune transactions committed since open
    qint64 lastPruneMs = 0; // when the last one committed (the writer's clock)
    QString lastPrune;      // what it removed and why: "N lines ... removed: size budget 2 GiB"
    QString pruneError;     // the last prune that failed (rolled back, tried again later)

    qint64 indexLag = 0; // stored lines not in the search index yet (as last measured)
    QString indexError;  // the last indexing step that failed (rolled back, tried again later)
};

// The store's only writer. It owns the writing connection on a thread of its own, gathers what
// the monitors deliver and commits it in one transaction per flush (every flushIntervalMs, or
// sooner by size): the lines of each container with its newest cursor, so that a crash at any
// instant leaves a prefix of the lines and the cursor that covers exactly that prefix.
//
// append*() and record*() may be called from any thread. When a commit fails (disk full, I/O
// error) nothing of it is stored; its work is kept and tried again every retryIntervalMs, and
// writing resumes by itself once the store accepts it. While failing, lines beyond
// maxRetainedBytes are dropped without moving their container's cursor (a restart reads them
// again) and counted in droppedLines; if that container's lines are accepted again later, a
// "gap" task event with the count, the time range and the cause goes in before them, so the
// cursor never jumps over lost lines silently.
//
// Retention (maxStoreBytes, maxAgeMs) runs on the same thread, between commits: after a commit
// that left the store above its size budget, and every ageCheckIntervalMs, one bounded prune
// transaction at a time (StorePruner), so a pass never holds ingest up for long.
class StoreWriter : public QObject
{
    Q_OBJECT

public:
    static Expected<std::unique_ptr<StoreWriter>, StoreError> open(const QString& path,
                                                                   const StoreWriterSettings& settings = {});
    ~StoreWriter() override; // one last commit of what is pending, then the thread ends

    const QString& path() const { return m_path; }

    void append(const ContainerRef& container, docker::LogBatch batch, QByteArray cursorAfterBatch);
    void appendEvent(const ContainerRef& container, const monitor::TaskEventRecord& event);
    void appendHeartbeat(const ContainerRef& container, const monitor::HeartbeatRecord& heartbeat);
    // metrics.csv's sample of the whole process (its per-task ages are not kept).
    void appendSample(const monitor::MetricSample& sample);
    void recordEngine(const QString& endpoint, const QString& engineId);
    void recordContainer(const ContainerRef& container, const ContainerFacts& facts);
    // The container is gone from its engine: its cursor row is deleted (no run resumes it; its
    // history stays), in the same commit as the event that says why.
    void retireCursor(const ContainerRef& container, const monitor::TaskEventRecord& why);

    // Commits everything appended before the call and returns when done (or failed: false).
    // Waits for the writer's thread: never from a slot connected directly to this writer's signals.
    bool flush();
    // flush(), then indexes every stored line not in the search index yet, whatever
    // indexLinesPerTransaction says; returns when done (false: a commit or a step failed).
    bool waitForIndex();
    StoreWriteStatus status() const;

Q_SIGNALS:
    // Emitted on the writer's thread when writing starts failing and when it works again.
    void writingFailed(const QString& message);
    void writingResumed();

private:
    StoreWriter(QString path, StoreLock lock, std::unique_ptr<StoreCommitter> committer,
                std::unique_ptr<StorePruner> pruner, std::unique_ptr<StoreIndexer> indexer,
                const StoreWriterSettings& settings);
    void requestFlushLocked();
    void noteGapBeforeLocked(const ContainerRef& container);
    void run();                      // the writer's thread
    bool commitPending(bool forced); // on the writer's thread; true when it committed
    void pruneIfDue(bool committed); // on the writer's thread, after commitPending
    // On the writer's thread, m_mutex held (released while a step runs): index steps until the
    // deadline, the index caught up, or work that cannot wait (a flush, enough lines pending).
    void indexWhileIdle(std::unique_lock<std::mutex>& lock, std::chrono::steady_clock::time_point deadline);
    bool indexStep(qint64 lines); // on the writer's thread, unlocked; false when it failed
    qint64 nowMs() const;

    const QString m_path;
    const StoreWriterSettings m_settings;
    StoreLock m_lock;
    std::unique_ptr<StoreCommitter> m_committer; // the writer's thread only
    std::unique_ptr<StorePruner> m_pruner;       // on m_committer's connection; null without a budget
    std::unique_ptr<StoreIndexer> m_indexer;     // on m_committer's connection
    // The writer's thread only: where retention stands.
    bool m_pruneMore = false; // a pass is under way: the next step comes without waiting
    bool m_sizePruneMore = false;
    bool m_agePruneMore = false;
    std::optional<qint64> m_lastAgeCheckMs;

    // A plain thread, std::mutex and condition variables rather than a QThread's event loop and
    // queued calls: ThreadSanitizer sees pthread's locks but not those of the distribution's
    // uninstrumented Qt (core/eventloop/TsanAnnotations.h), so every hand-over here is visible to it.
    mutable std::mutex m_mutex;        // guards everything below but m_retained and m_sinceFailedCommit
    std::condition_variable m_room;    // append() waits here while m_pending is over maxPendingBytes
    std::condition_variable m_wake;    // the writer's thread waits here between commits
    std::condition_variable m_flushed; // flush() waits here for its forced commit
    PendingWrites m_pending;
    bool m_flushRequested = false; // by size: commit now rather than at the interval
    bool m_stopping = false;
    qint64 m_forcedRequested = 0; // flush() calls, numbered
    qint64 m_forcedDone = 0;      // the newest of them committed (or failed)
    qint64 m_indexRequested = 0;  // waitForIndex() calls, numbered
    qint64 m_indexDone = 0;       // the newest of them done
    bool m_indexMore = false;     // lines wait to be indexed
    // The writer's thread only: the last round committed lines (the index then waits for a
    // step's worth of lag or an idle round), indexed lines since the last size check.
    bool m_committedLastRound = false;
    bool m_indexedSinceSizeCheck = false;
    StoreWriteStatus m_status;
    struct DroppedRun
    {
        qint64 lines = 0;
        qint64 firstTimestampNs = 0;
        qint64 lastTimestampNs = 0;
        QString cause;
    };
    QHash<ContainerRef, DroppedRun> m_droppedRuns; // per container, since its last accepted append

    // Work of failed commits, oldest first: read on the writer's thread, changed there under m_mutex.
    PendingWrites m_retained;
    QElapsedTimer m_sinceFailedCommit;
    std::thread m_thread; // last: it starts once everything above is built
};

} // namespace dockpulse::store
