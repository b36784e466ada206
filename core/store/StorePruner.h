#pragma once

#include "Expected.h"
#include "RetentionBudget.h"
#include "SqliteConnection.h"

#include <QHash>
#include <QList>

#include <functional>
#include <memory>

namespace dockpulse::store {

// What one prune transaction removed.
struct PruneStep
{
    qint64 lines = 0;
    qint64 heartbeats = 0;
    qint64 samples = 0; // metric samples
    qint64 events = 0;
    QString summary;       // what and why, for the writer's status; empty when nothing went
    qint64 usedBytes = -1; // the store's used pages after it; -1 when not measured
    bool more = false;     // the pass is not finished: call again soon, not at the next interval

    bool removedAnything() const { return lines + heartbeats + samples + events > 0; }
};

// Retention (docs/STORE.md, "Retention"): removes the oldest whole log_chunks (their row-id
// range of log_lines with them, and those lines' search index entries), heartbeats and task
// events, each call one bounded transaction of its own on the writer's connection, between the
// writer's commits. In the same transaction: each container's cursor keeps its row with
// lines_covered lowered by what went (it counts the stored lines), and a "pruned" task event
// says what went and why. Used by the writer's thread only.
class StorePruner
{
public:
    static Expected<std::unique_ptr<StorePruner>, StoreError> create(SqliteConnection& connection,
                                                                     const RetentionBudget& budget);

    const RetentionBudget& budget() const { return m_budget; }
    Expected<qint64, StoreError> usedBytes();
    // Starts a pass when the store uses more than maxBytes, and goes on (one transaction a call,
    // `more` set) until it uses lowWaterBytes() or less.
    Expected<PruneStep, StoreError> pruneForSize(qint64 nowMs);
    // Removes what is older than maxAgeMs before nowMs: chunks whose newest line is, then
    // heartbeats and events, oldest first.
    Expected<PruneStep, StoreError> pruneForAge(qint64 nowMs);

private:
    struct Chunk
    {
        qint64 container = 0;
        qint64 firstLine = 0;
        qint64 lastLine = 0;
        qint64 minTs = 0;
        qint64 maxTs = 0;
        qint64 lines() const { return lastLine - firstLine + 1; }
    };
    // What a pass has removed of a container so far, and the event that says so: each step of
    // the pass updates that event in its own transaction, so a pass is one event per container
    // and the event matches what is gone after any step.
    struct PassEvent
    {
        qint64 eventId = 0;
        qint64 lines = 0;
        qint64 minTs = 0;
        qint64 maxTs = 0;
    };
    using PassEvents = QHash<qint64, PassEvent>; // by container row

    enum class EventsKept
    {
        AllPruned,        // by size: "pruned" events stay (the age budget takes them)
        NewestPrunedEach, // by age: the newest "pruned" event of each container stays
    };

    StorePruner(SqliteConnection& connection, const RetentionBudget& budget)
        : m_connection(connection), m_budget(budget)
    {}
    std::optional<StoreError> prepareStatements();
    // Each container's oldest chunks (older than beforeNs) up to `lines` lines, merged oldest
    // first by row id.
    Expected<QList<Chunk>, StoreError> oldestChunks(qint64 lines, qint64 beforeNs);
    // pass: the pass's events, updated (the caller keeps them once the transaction commits).
    std::optional<StoreError> removeChunks(const QList<Chunk>& chunks, qint64 nowMs, const QString& reason,
                                           PassEvents& pass, PruneStep& step);
    // The rows with id below `below`, oldest first, at most `limit`.
    Expected<qint64, StoreError> removeRecords(SqliteStatement& remove, qint64 below, qint64 limit);
    Expected<qint64, StoreError> firstIdFrom(SqliteStatement& select, qint64 wallMs);
    // Runs `work` in one transaction, committed when it succeeds.
    Expected<PruneStep, StoreError>
    inTransaction(const std::function<std::optional<StoreError>(PruneStep&)>& work, const QString& doing);
    std::optional<StoreError> stepDone(SqliteStatement& statement, const QString& doing);

    SqliteConnection& m_connection;
    const RetentionBudget m_budget;
    bool m_sizePass = false; // above maxBytes since the last pass ended
    SqliteStatement m_containers, m_chunksOf;
    PassEvents m_sizePassEvents, m_agePassEvents; // of the pass under way
    SqliteStatement m_unindexLines, m_deleteLines, m_deleteChunk, m_lowerCursor, m_insertEvent, m_updateEvent;
    SqliteStatement m_heartbeatSpan, m_eventSpan, m_firstYoungHeartbeat, m_firstYoungEvent;
    SqliteStatement m_deleteHeartbeats, m_deleteEventsBySize, m_deleteEventsByAge;
    SqliteStatement m_sampleSpan, m_firstYoungSample, m_deleteSamples;
};

} // namespace dockpulse::store
