#include "StoreCommitter.h"

#include <sqlite3.h>

#include <algorithm>

namespace dockpulse::store {

Expected<std::unique_ptr<StoreCommitter>, StoreError>
StoreCommitter::create(std::unique_ptr<SqliteConnection> connection)
{
    std::unique_ptr<StoreCommitter> committer(new StoreCommitter(std::move(connection)));
    if (auto error = committer->prepareStatements())
        return *error;
    return committer;
}

std::optional<StoreError> StoreCommitter::prepareStatements()
{
    return m_connection->prepareAll({
        {&m_insertEngine, "INSERT INTO engines (endpoint) VALUES (?1) ON CONFLICT (endpoint) DO NOTHING"},
        {&m_selectEngine, "SELECT id FROM engines WHERE endpoint = ?1"},
        {&m_setEngineId, "UPDATE engines SET engine_id = ?2 WHERE id = ?1"},
        {&m_insertContainer, "INSERT INTO containers (engine, container_id) VALUES (?1, ?2) "
                             "ON CONFLICT (engine, container_id) DO NOTHING"},
        {&m_selectContainer, "SELECT id FROM containers WHERE engine = ?1 AND container_id = ?2"},
        {&m_updateContainer, "UPDATE containers SET image = ?2, created_ns = ?3 WHERE id = ?1"},
        {&m_latestName,
         "SELECT name FROM container_names WHERE container = ?1 ORDER BY since_ms DESC LIMIT 1"},
        {&m_insertName,
         "INSERT OR IGNORE INTO container_names (container, name, since_ms) VALUES (?1, ?2, ?3)"},
        {&m_insertLine,
         "INSERT INTO log_lines (container, ts_ns, stream, piece, bytes) VALUES (?1, ?2, ?3, ?4, ?5)"},
        {&m_insertLineAt, "INSERT INTO log_lines (container, ts_ns, stream, piece, bytes, id) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
        // Row ids come from the largest one: in a store that retention emptied they would start
        // again at 1, below lines the search index already counts as indexed. Then the next id
        // goes on from the index's progress (two seeks, once a commit).
        {&m_idFloor, "SELECT CASE WHEN EXISTS (SELECT 1 FROM log_lines) THEN 0 ELSE "
                     "coalesce((SELECT indexed_through FROM log_search_progress WHERE id = 1), 0) END"},
        {&m_insertChunk, "INSERT INTO log_chunks (container, first_line, last_line, min_ts_ns, max_ts_ns) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)"},
        {&m_upsertCursor, "INSERT INTO cursors (container, cursor, lines_covered) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT (container) DO UPDATE SET cursor = excluded.cursor, "
                          "lines_covered = lines_covered + excluded.lines_covered"},
        {&m_deleteCursor, "DELETE FROM cursors WHERE container = ?1"},
        {&m_insertSample, "INSERT INTO metric_samples (wall_ms, threads, readers, monitored, "
                          "max_heartbeat_age_ms, late_readers) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
        {&m_insertHeartbeat, "INSERT INTO heartbeats (container, wall_ms, task, source, age_before_ms, "
                             "container_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
        {&m_insertEvent, "INSERT INTO task_events (container, wall_ms, task, event, detail, container_name) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
    });
}

std::optional<StoreError> StoreCommitter::stepDone(SqliteStatement& statement, const QString& doing)
{
    const int rc = statement.step();
    statement.reset();
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return std::nullopt;
    return m_connection->error(rc, doing);
}

Expected<qint64, StoreError> StoreCommitter::engineRow(const QString& endpoint)
{
    if (auto known = m_engineRows.constFind(endpoint); known != m_engineRows.cend())
        return known.value();
    m_insertEngine.bindText(1, endpoint);
    if (auto error = stepDone(m_insertEngine, QStringLiteral("adding engine %1").arg(endpoint)))
        return *error;
    m_selectEngine.bindText(1, endpoint);
    const int rc = m_selectEngine.step();
    const qint64 row = m_selectEngine.columnInt64(0);
    m_selectEngine.reset();
    if (rc != SQLITE_ROW)
        return m_connection->error(rc, QStringLiteral("finding engine %1").arg(endpoint));
    m_engineRows.insert(endpoint, row);
    return row;
}

Expected<qint64, StoreError> StoreCommitter::containerRow(const ContainerRef& container)
{
    if (auto known = m_containerRows.constFind(container); known != m_containerRows.cend())
        return known.value();
    auto engine = engineRow(container.host);
    if (!engine)
        return engine.error();
    const QString doing =
        QStringLiteral("adding container %1 of %2").arg(container.containerId, container.host);
    m_insertContainer.bindInt64(1, *engine);
    m_insertContainer.bindText(2, container.containerId);
    if (auto error = stepDone(m_insertContainer, doing))
        return *error;
    m_selectContainer.bindInt64(1, *engine);
    m_selectContainer.bindText(2, container.containerId);
    const int rc = m_selectContainer.step();
    const qint64 row = m_selectContainer.columnInt64(0);
    m_selectContainer.reset();
    if (rc != SQLITE_ROW)
        return m_connection->error(rc, doing);
    m_containerRows.insert(container, row);
    return row;
}

std::optional<StoreError> StoreCommitter::writeFacts(qint64 row, const ContainerFacts& facts)
{
    m_updateContainer.bindInt64(1, row);
    m_updateContainer.bindText(2, facts.image);
    m_updateContainer.bindInt64(3, facts.createdNs);
    if (auto error = stepDone(m_updateContainer, QStringLiteral("recording a container")))
        return error;
    if (facts.name.isEmpty())
        return std::nullopt;
    // A name is added only when it differs from the latest one: names over time, not per sighting.
    m_latestName.bindInt64(1, row);
    const int rc = m_latestName.step();
    const bool same = rc == SQLITE_ROW && m_latestName.columnText(0) == facts.name;
    m_latestName.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return m_connection->error(rc, QStringLiteral("reading a container's name"));
    if (same)
        return std::nullopt;
    m_insertName.bindInt64(1, row);
    m_insertName.bindText(2, facts.name);
    m_insertName.bindInt64(3, facts.seenAtMs);
    return stepDone(m_insertName, QStringLiteral("recording a container's name"));
}

std::optional<StoreError> StoreCommitter::writeLines(qint64 containerRow,
                                                     const QList<const docker::LogBatch*>& batches,
                                                     qsizetype linesInCommit)
{
    const QString doing = QStringLiteral("writing %1 log lines").arg(linesInCommit);
    struct Chunk
    {
        qint64 firstLine = 0;
        qint64 lastLine = 0;
        qint64 minTs = 0;
        qint64 maxTs = 0;
        qint64 lines = 0;
    } chunk;
    auto writeChunk = [&]() -> std::optional<StoreError> {
        if (chunk.lines == 0)
            return std::nullopt;
        m_insertChunk.bindInt64(1, containerRow);
        m_insertChunk.bindInt64(2, chunk.firstLine);
        m_insertChunk.bindInt64(3, chunk.lastLine);
        m_insertChunk.bindInt64(4, chunk.minTs);
        m_insertChunk.bindInt64(5, chunk.maxTs);
        chunk = Chunk();
        return stepDone(m_insertChunk, doing);
    };
    for (const docker::LogBatch* batch : batches) {
        for (qsizetype i = 0; i < batch->size(); ++i) {
            const docker::LogBatch::Entry& entry = batch->entry(i);
            SqliteStatement& insert = m_idFloorOfCommit > 0 ? m_insertLineAt : m_insertLine;
            insert.bindInt64(1, containerRow);
            insert.bindInt64(2, entry.timestampNs);
            insert.bindInt64(3, qint64(entry.stream));
            insert.bindInt64(4, qint64(entry.piece));
            insert.bindBlobNoCopy(5, batch->text(i));
            if (m_idFloorOfCommit > 0)
                insert.bindInt64(6, std::exchange(m_idFloorOfCommit, 0) + 1);
            if (auto error = stepDone(insert, doing))
                return error;
            const qint64 id = m_connection->lastInsertRowId();
            // Row ids follow each other (one writer, the largest id + 1); should one ever not, a
            // new chunk starts, so a chunk never spans another container's lines.
            if (chunk.lines > 0 && id != chunk.lastLine + 1) {
                if (auto error = writeChunk())
                    return error;
            }
            if (chunk.lines == 0) {
                chunk.firstLine = id;
                chunk.minTs = chunk.maxTs = entry.timestampNs;
            }
            chunk.lastLine = id;
            chunk.minTs = std::min(chunk.minTs, entry.timestampNs);
            chunk.maxTs = std::max(chunk.maxTs, entry.timestampNs);
            if (++chunk.lines == kChunkLines) {
                if (auto error = writeChunk())
                    return error;
            }
        }
    }
    return writeChunk();
}

std::optional<StoreError> StoreCommitter::writeAll(const PendingWrites& work)
{
    for (const PendingWrites::Engine& engine : work.engines) {
        auto row = engineRow(engine.endpoint);
        if (!row)
            return row.error();
        m_setEngineId.bindInt64(1, *row);
        m_setEngineId.bindText(2, engine.engineId);
        if (auto error = stepDone(m_setEngineId, QStringLiteral("recording engine %1").arg(engine.endpoint)))
            return error;
    }
    for (const PendingWrites::Container& container : work.containers) {
        auto row = containerRow(container.container);
        if (!row)
            return row.error();
        if (auto error = writeFacts(*row, container.facts))
            return error;
    }

    // Each container's lines of this commit go in one run of consecutive row ids, recorded as
    // chunks: the chunks are the per-container index (docs/STORE.md), one row per kChunkLines
    // lines instead of an index entry per line.
    QList<ContainerRef> order;
    QHash<ContainerRef, QList<const docker::LogBatch*>> batchesOf;
    for (const PendingWrites::Lines& lines : work.lines) {
        auto& batches = batchesOf[lines.container];
        if (batches.isEmpty())
            order.append(lines.container);
        batches.append(&lines.batch);
    }
    if (!order.isEmpty()) {
        const int rc = m_idFloor.step();
        m_idFloorOfCommit = rc == SQLITE_ROW ? m_idFloor.columnInt64(0) : 0;
        m_idFloor.reset();
        if (rc != SQLITE_ROW)
            return m_connection->error(rc, QStringLiteral("finding the next line's row id"));
    }
    QHash<ContainerRef, qint64> linesAdded;
    for (const ContainerRef& container : order) {
        auto row = containerRow(container);
        if (!row)
            return row.error();
        if (auto error = writeLines(*row, batchesOf.value(container), work.lineCount))
            return error;
        qint64& added = linesAdded[container];
        for (const docker::LogBatch* batch : batchesOf.value(container))
            added += batch->size();
    }
    for (auto it = work.latestCursors.cbegin(); it != work.latestCursors.cend(); ++it) {
        auto row = containerRow(it.key());
        if (!row)
            return row.error();
        m_upsertCursor.bindInt64(1, *row);
        m_upsertCursor.bindBlob(2, it.value());
        m_upsertCursor.bindInt64(3, linesAdded.value(it.key()));
        if (auto error = stepDone(m_upsertCursor, QStringLiteral("writing a cursor")))
            return error;
    }

    for (const PendingWrites::Heartbeat& heartbeat : work.heartbeats) {
        auto row = containerRow(heartbeat.container);
        if (!row)
            return row.error();
        const monitor::HeartbeatRecord& r = heartbeat.record;
        m_insertHeartbeat.bindInt64(1, *row);
        m_insertHeartbeat.bindInt64(2, r.wallMs);
        m_insertHeartbeat.bindText(3, r.task);
        m_insertHeartbeat.bindInt64(4, qint64(r.source));
        m_insertHeartbeat.bindInt64(5, r.ageBeforeMs);
        m_insertHeartbeat.bindText(6, r.containerName);
        if (auto error = stepDone(m_insertHeartbeat, QStringLiteral("writing a heartbeat")))
            return error;
    }
    for (const PendingWrites::Event& event : work.events) {
        auto row = containerRow(event.container);
        if (!row)
            return row.error();
        const monitor::TaskEventRecord& r = event.record;
        m_insertEvent.bindInt64(1, *row);
        m_insertEvent.bindInt64(2, r.wallMs);
        m_insertEvent.bindText(3, r.task);
        m_insertEvent.bindText(4, r.event);
        m_insertEvent.bindText(5, r.detail);
        m_insertEvent.bindText(6, r.containerName);
        if (auto error = stepDone(m_insertEvent, QStringLiteral("writing a task event")))
            return error;
    }
    for (const monitor::MetricSample& sample : work.samples) {
        m_insertSample.bindInt64(1, sample.wallMs);
        m_insertSample.bindInt64(2, sample.threads);
        m_insertSample.bindInt64(3, sample.readers);
        m_insertSample.bindInt64(4, sample.monitored);
        m_insertSample.bindInt64(5, sample.maxHeartbeatAgeMs);
        m_insertSample.bindInt64(6, sample.lateReaders);
        if (auto error = stepDone(m_insertSample, QStringLiteral("writing a metric sample")))
            return error;
    }
    for (const ContainerRef& container : work.retiredCursors) {
        auto row = containerRow(container);
        if (!row)
            return row.error();
        m_deleteCursor.bindInt64(1, *row);
        if (auto error = stepDone(m_deleteCursor, QStringLiteral("retiring a cursor")))
            return error;
    }
    return std::nullopt;
}

std::optional<StoreError> StoreCommitter::commit(const PendingWrites& work)
{
    const QString doing = QStringLiteral("committing %1 log lines").arg(work.lineCount);
    std::optional<StoreError> error = m_connection->transaction(doing, [&] { return writeAll(work); });
    if (error) {
        // The rows cached during the rolled-back transaction may not exist.
        m_engineRows.clear();
        m_containerRows.clear();
    }
    return error;
}

} // namespace dockpulse::store
