#include "StorePruner.h"

#include <QDateTime>
#include <QMap>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace dockpulse::store {

namespace {

constexpr qint64 kNoLimit = std::numeric_limits<qint64>::max();

QString timeOf(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, Qt::UTC).toString(Qt::ISODateWithMs);
}

// "N lines of K containers stamped from T1 to T2, H heartbeats, S metric samples, E task events
// removed: REASON".
void finishSummary(PruneStep& step, const QString& reason)
{
    QStringList parts;
    if (step.lines > 0)
        parts << step.summary;
    if (step.heartbeats > 0)
        parts << QStringLiteral("%1 heartbeats").arg(step.heartbeats);
    if (step.samples > 0)
        parts << QStringLiteral("%1 metric samples").arg(step.samples);
    if (step.events > 0)
        parts << QStringLiteral("%1 task events").arg(step.events);
    step.summary = parts.isEmpty() ? QString()
                                   : parts.join(QStringLiteral(", ")) + QStringLiteral(" removed: ") + reason;
}

} // namespace

Expected<std::unique_ptr<StorePruner>, StoreError> StorePruner::create(SqliteConnection& connection,
                                                                       const RetentionBudget& budget)
{
    std::unique_ptr<StorePruner> pruner(new StorePruner(connection, budget));
    if (auto error = pruner->prepareStatements())
        return *error;
    return pruner;
}

std::optional<StoreError> StorePruner::prepareStatements()
{
    return m_connection.prepareAll({
        {&m_containers, "SELECT id FROM containers ORDER BY id"},
        // A primary-key seek per container: the oldest chunks are the first of its range.
        {&m_chunksOf, "SELECT first_line, last_line, min_ts_ns, max_ts_ns FROM log_chunks "
                      "WHERE container = ?1 ORDER BY first_line LIMIT ?2"},
        // The search index is contentless: an entry goes with the words it was made of, so the
        // lines' bytes are handed back before the lines go (those indexed: up to the progress row).
        {&m_unindexLines, "INSERT INTO log_search (log_search, rowid, bytes) SELECT 'delete', id, bytes "
                          "FROM log_lines WHERE id BETWEEN ?1 AND min(?2, (SELECT indexed_through "
                          "FROM log_search_progress WHERE id = 1))"},
        {&m_deleteLines, "DELETE FROM log_lines WHERE id BETWEEN ?1 AND ?2"},
        {&m_deleteChunk, "DELETE FROM log_chunks WHERE container = ?1 AND first_line = ?2"},
        // The row stays whatever goes: the cursor is where monitoring resumes.
        {&m_lowerCursor,
         "UPDATE cursors SET lines_covered = max(0, lines_covered - ?2) WHERE container = ?1"},
        {&m_insertEvent,
         "INSERT INTO task_events (container, wall_ms, task, event, detail, container_name) "
         "VALUES (?1, ?2, (SELECT 'container_' || substr(container_id, 1, 12) FROM containers "
         "WHERE id = ?1), 'pruned', ?3, coalesce((SELECT name FROM container_names "
         "WHERE container = ?1 ORDER BY since_ms DESC LIMIT 1), ''))"},
        {&m_updateEvent, "UPDATE task_events SET wall_ms = ?2, detail = ?3 WHERE id = ?1"},
        // Row ids only grow and records go oldest first, so the ids left are one range.
        {&m_heartbeatSpan, "SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM heartbeats"},
        {&m_sampleSpan, "SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM metric_samples"},
        {&m_firstYoungSample, "SELECT id FROM metric_samples WHERE wall_ms >= ?1 ORDER BY id LIMIT 1"},
        {&m_deleteSamples, "DELETE FROM metric_samples WHERE id IN "
                           "(SELECT id FROM metric_samples WHERE id < ?1 ORDER BY id LIMIT ?2)"},
        {&m_eventSpan, "SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM task_events"},
        // Oldest first in the order they were stored: a scan by row id that stops at the first
        // record young enough (a straggler stored later waits for the next check).
        {&m_firstYoungHeartbeat, "SELECT id FROM heartbeats WHERE wall_ms >= ?1 ORDER BY id LIMIT 1"},
        {&m_firstYoungEvent, "SELECT id FROM task_events WHERE wall_ms >= ?1 ORDER BY id LIMIT 1"},
        {&m_deleteHeartbeats, "DELETE FROM heartbeats WHERE id IN "
                              "(SELECT id FROM heartbeats WHERE id < ?1 ORDER BY id LIMIT ?2)"},
        {&m_deleteEventsBySize, "DELETE FROM task_events WHERE id IN (SELECT id FROM task_events "
                                "WHERE id < ?1 AND event <> 'pruned' ORDER BY id LIMIT ?2)"},
        {&m_deleteEventsByAge,
         "DELETE FROM task_events WHERE id IN (SELECT id FROM task_events WHERE id < ?1 AND "
         "(event <> 'pruned' OR id NOT IN (SELECT max(id) FROM task_events WHERE event = 'pruned' "
         "GROUP BY container)) ORDER BY id LIMIT ?2)"},
    });
}

std::optional<StoreError> StorePruner::stepDone(SqliteStatement& statement, const QString& doing)
{
    const int rc = statement.step();
    statement.reset();
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return std::nullopt;
    return m_connection.error(rc, doing);
}

Expected<qint64, StoreError> StorePruner::usedBytes()
{
    // Pages in use, not the file: deleted rows' pages go to the freelist and are reused, so
    // the file stops growing once the budget is reached (docs/STORE.md, "Retention").
    const QString doing = QStringLiteral("measuring the store");
    auto pages = m_connection.queryInt64("PRAGMA page_count", doing);
    if (!pages)
        return pages.error();
    auto free = m_connection.queryInt64("PRAGMA freelist_count", doing);
    if (!free)
        return free.error();
    auto pageSize = m_connection.queryInt64("PRAGMA page_size", doing);
    if (!pageSize)
        return pageSize.error();
    return (*pages - *free) * *pageSize;
}

Expected<QList<StorePruner::Chunk>, StoreError> StorePruner::oldestChunks(qint64 lines, qint64 beforeNs)
{
    const QString doing = QStringLiteral("finding the oldest log chunks");
    QList<qint64> containers;
    int rc;
    while ((rc = m_containers.step()) == SQLITE_ROW)
        containers.append(m_containers.columnInt64(0));
    m_containers.reset();
    if (rc != SQLITE_DONE)
        return m_connection.error(rc, doing);
    QList<Chunk> chunks;
    for (const qint64 container : containers) {
        m_chunksOf.bindInt64(1, container);
        m_chunksOf.bindInt64(2, lines); // a chunk holds one line at least
        qint64 found = 0;
        while (found < lines && (rc = m_chunksOf.step()) == SQLITE_ROW) {
            const Chunk chunk{container, m_chunksOf.columnInt64(0), m_chunksOf.columnInt64(1),
                              m_chunksOf.columnInt64(2), m_chunksOf.columnInt64(3)};
            // A container's chunks go as a prefix: its lines left are a suffix of what it delivered.
            if (chunk.maxTs >= beforeNs)
                break;
            chunks.append(chunk);
            found += chunk.lines();
        }
        m_chunksOf.reset();
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return m_connection.error(rc, doing);
    }
    // Row ids are the order the store took the lines in: oldest first across containers.
    std::sort(chunks.begin(), chunks.end(),
              [](const Chunk& a, const Chunk& b) { return a.firstLine < b.firstLine; });
    return chunks;
}

std::optional<StoreError> StorePruner::removeChunks(const QList<Chunk>& chunks, qint64 nowMs,
                                                    const QString& reason, PassEvents& pass, PruneStep& step)
{
    const QString doing = QStringLiteral("pruning log lines (%1)").arg(reason);
    struct Removed
    {
        qint64 lines = 0;
        qint64 minTs = std::numeric_limits<qint64>::max();
        qint64 maxTs = std::numeric_limits<qint64>::min();
    };
    QMap<qint64, Removed> byContainer;
    Removed all;
    for (const Chunk& chunk : chunks) {
        m_unindexLines.bindInt64(1, chunk.firstLine);
        m_unindexLines.bindInt64(2, chunk.lastLine);
        if (auto error = stepDone(m_unindexLines, doing))
            return error;
        m_deleteLines.bindInt64(1, chunk.firstLine);
        m_deleteLines.bindInt64(2, chunk.lastLine);
        if (auto error = stepDone(m_deleteLines, doing))
            return error;
        m_deleteChunk.bindInt64(1, chunk.container);
        m_deleteChunk.bindInt64(2, chunk.firstLine);
        if (auto error = stepDone(m_deleteChunk, doing))
            return error;
        for (Removed* removed : {&byContainer[chunk.container], &all}) {
            removed->lines += chunk.lines();
            removed->minTs = std::min(removed->minTs, chunk.minTs);
            removed->maxTs = std::max(removed->maxTs, chunk.maxTs);
        }
    }
    for (auto it = byContainer.cbegin(); it != byContainer.cend(); ++it) {
        m_lowerCursor.bindInt64(1, it.key());
        m_lowerCursor.bindInt64(2, it->lines);
        if (auto error = stepDone(m_lowerCursor, doing))
            return error;
        // In the container's own history, in the transaction that removes the lines: a reader
        // never sees its lines begin later without being told why. One event per pass.
        PassEvent& event = pass[it.key()];
        event.minTs = event.lines > 0 ? std::min(event.minTs, it->minTs) : it->minTs;
        event.maxTs = event.lines > 0 ? std::max(event.maxTs, it->maxTs) : it->maxTs;
        event.lines += it->lines;
        const QString detail = QStringLiteral("%1 lines stamped from %2 to %3 removed: %4")
                                   .arg(event.lines)
                                   .arg(timeOf(event.minTs), timeOf(event.maxTs), reason);
        if (event.eventId > 0) {
            m_updateEvent.bindInt64(1, event.eventId);
            m_updateEvent.bindInt64(2, nowMs);
            m_updateEvent.bindText(3, detail);
            if (auto error = stepDone(m_updateEvent, doing))
                return error;
            if (m_connection.changes() == 1)
                continue;
        }
        m_insertEvent.bindInt64(1, it.key());
        m_insertEvent.bindInt64(2, nowMs);
        m_insertEvent.bindText(3, detail);
        if (auto error = stepDone(m_insertEvent, doing))
            return error;
        event.eventId = m_connection.lastInsertRowId();
    }
    step.lines = all.lines;
    if (all.lines > 0) {
        step.summary = QStringLiteral("%1 lines of %2 containers stamped from %3 to %4")
                           .arg(all.lines)
                           .arg(byContainer.size())
                           .arg(timeOf(all.minTs), timeOf(all.maxTs));
    }
    return std::nullopt;
}

Expected<qint64, StoreError> StorePruner::removeRecords(SqliteStatement& remove, qint64 below, qint64 limit)
{
    if (limit <= 0)
        return qint64(0);
    remove.bindInt64(1, below);
    remove.bindInt64(2, limit);
    if (auto error = stepDone(remove, QStringLiteral("pruning heartbeats and task events")))
        return *error;
    return m_connection.changes();
}

Expected<qint64, StoreError> StorePruner::firstIdFrom(SqliteStatement& select, qint64 wallMs)
{
    select.bindInt64(1, wallMs);
    const int rc = select.step();
    const qint64 id = rc == SQLITE_ROW ? select.columnInt64(0) : kNoLimit;
    select.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return m_connection.error(rc, QStringLiteral("finding records older than the age budget"));
    return id;
}

Expected<PruneStep, StoreError>
StorePruner::inTransaction(const std::function<std::optional<StoreError>(PruneStep&)>& work,
                           const QString& doing)
{
    PruneStep step;
    if (auto error = m_connection.transaction(doing, [&] { return work(step); }))
        return *error;
    return step;
}

Expected<PruneStep, StoreError> StorePruner::pruneForSize(qint64 nowMs)
{
    const QString reason = QStringLiteral("size budget %1").arg(describeBytes(m_budget.maxBytes));
    if (!m_sizePass) {
        // After every commit: two pragmas outside a transaction, a write transaction only when
        // a pass begins.
        auto used = usedBytes();
        if (!used)
            return used.error();
        if (*used <= m_budget.maxBytes) {
            PruneStep step;
            step.usedBytes = *used;
            return step;
        }
    }
    PassEvents pass = m_sizePassEvents;
    auto result = inTransaction(
        [&](PruneStep& step) -> std::optional<StoreError> {
            auto used = usedBytes();
            if (!used)
                return used.error();
            step.usedBytes = *used;
            const qint64 target = m_budget.lowWaterBytes();
            m_sizePass = *used > target;
            if (!m_sizePass)
                return std::nullopt;
            // Lines, heartbeats and events each lose the same share, oldest first: what the
            // store uses above the low-water mark, as a share of what it uses.
            const double share = double(*used - target) / double(*used);
            const qint64 cap = std::max<qint64>(1, m_budget.linesPerTransaction);
            auto total = m_connection.queryInt64("SELECT coalesce(sum(lines_covered), 0) FROM cursors",
                                                 QStringLiteral("counting the stored lines"));
            if (!total)
                return total.error();
            const qint64 wanted = std::min(cap, qint64(std::ceil(share * double(*total))));
            QList<Chunk> chunks;
            qint64 taken = 0;
            if (wanted > 0) {
                auto oldest = oldestChunks(wanted, kNoLimit);
                if (!oldest)
                    return oldest.error();
                for (const Chunk& chunk : *oldest) {
                    if (taken + chunk.lines() > wanted)
                        break; // whole chunks only, and none younger before an older one
                    chunks.append(chunk);
                    taken += chunk.lines();
                }
                // Above the budget itself, the oldest chunk goes even if larger than wanted.
                if (chunks.isEmpty() && !oldest->isEmpty() && *used > m_budget.maxBytes) {
                    chunks.append(oldest->first());
                    taken = chunks.first().lines();
                }
            }
            if (auto error = removeChunks(chunks, nowMs, reason, pass, step))
                return error;
            const double recordShare = *total > 0 ? double(taken) / double(*total) : share;
            for (auto [span, remove, count] :
                 {std::tuple{&m_heartbeatSpan, &m_deleteHeartbeats, &step.heartbeats},
                  std::tuple{&m_sampleSpan, &m_deleteSamples, &step.samples},
                  std::tuple{&m_eventSpan, &m_deleteEventsBySize, &step.events}}) {
                if (const int rc = span->step(); rc != SQLITE_ROW) {
                    span->reset();
                    return m_connection.error(rc, QStringLiteral("counting heartbeats and task events"));
                }
                const qint64 first = span->columnInt64(0), rows = span->columnInt64(1) - first + 1;
                span->reset();
                const qint64 n = std::min(cap, qint64(std::llround(recordShare * double(rows))));
                auto removed = removeRecords(*remove, first + n, n);
                if (!removed)
                    return removed.error();
                *count = *removed;
            }
            auto after = usedBytes();
            if (!after)
                return after.error();
            step.usedBytes = *after;
            // Nothing removable left (a store of cursors and names alone): the pass ends, and
            // the next commit above the budget starts another.
            step.more = step.removedAnything() && *after > target;
            m_sizePass = step.more;
            finishSummary(step, reason);
            return std::nullopt;
        },
        QStringLiteral("pruning the store (%1)").arg(reason));
    if (result)
        m_sizePassEvents = result->more ? pass : PassEvents();
    return result;
}

Expected<PruneStep, StoreError> StorePruner::pruneForAge(qint64 nowMs)
{
    const QString reason = QStringLiteral("age budget %1").arg(describeAge(m_budget.maxAgeMs));
    PassEvents pass = m_agePassEvents;
    auto result = inTransaction(
        [&](PruneStep& step) -> std::optional<StoreError> {
            const qint64 cutMs = nowMs - m_budget.maxAgeMs;
            const qint64 cutNs =
                cutMs >= kNoLimit / 1'000'000 ? kNoLimit : std::max(cutMs, -kNoLimit / 1'000'000) * 1'000'000;
            const qint64 cap = std::max<qint64>(1, m_budget.linesPerTransaction);
            // A chunk goes when its newest line is older than the limit.
            auto oldest = oldestChunks(cap, cutNs);
            if (!oldest)
                return oldest.error();
            QList<Chunk> chunks;
            qint64 taken = 0;
            for (const Chunk& chunk : *oldest) {
                if (!chunks.isEmpty() && taken + chunk.lines() > cap)
                    break;
                chunks.append(chunk);
                taken += chunk.lines();
            }
            step.more = chunks.size() < oldest->size();
            if (auto error = removeChunks(chunks, nowMs, reason, pass, step))
                return error;
            for (auto [select, remove, count] :
                 {std::tuple{&m_firstYoungHeartbeat, &m_deleteHeartbeats, &step.heartbeats},
                  std::tuple{&m_firstYoungSample, &m_deleteSamples, &step.samples},
                  std::tuple{&m_firstYoungEvent, &m_deleteEventsByAge, &step.events}}) {
                auto below = firstIdFrom(*select, cutMs);
                if (!below)
                    return below.error();
                auto removed = removeRecords(*remove, *below, cap);
                if (!removed)
                    return removed.error();
                *count = *removed;
                step.more = step.more || *removed == cap;
            }
            finishSummary(step, reason);
            return std::nullopt;
        },
        QStringLiteral("pruning the store (%1)").arg(reason));
    if (result)
        m_agePassEvents = result->more ? pass : PassEvents();
    return result;
}

} // namespace dockpulse::store
