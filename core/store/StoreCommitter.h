#pragma once

#include "PendingWrites.h"
#include "SqliteConnection.h"

#include <memory>
#include <optional>

namespace dockpulse::store {

// Writes PendingWrites into the store, all of it in one transaction: the lines of each container
// and its newest cursor commit together or not at all, which is what makes a crash leave a
// prefix of the delivered lines with the cursor that matches it. Owns the writing connection and
// its prepared statements; used by one thread (the StoreWriter's).
class StoreCommitter
{
public:
    // At most this many lines per log_chunks row: what a page or a time seek scans at most
    // within one chunk, and the grain retention will prune by.
    static constexpr qint64 kChunkLines = 4096;

    static Expected<std::unique_ptr<StoreCommitter>, StoreError>
    create(std::unique_ptr<SqliteConnection> connection);

    // Nothing of the work is in the store when this returns an error (the transaction rolled back).
    std::optional<StoreError> commit(const PendingWrites& work);

    SqliteConnection& connection() { return *m_connection; }

private:
    explicit StoreCommitter(std::unique_ptr<SqliteConnection> connection)
        : m_connection(std::move(connection))
    {}
    std::optional<StoreError> prepareStatements();
    std::optional<StoreError> writeAll(const PendingWrites& work);
    std::optional<StoreError> writeLines(qint64 containerRow, const QList<const docker::LogBatch*>& batches,
                                         qsizetype linesInCommit);
    Expected<qint64, StoreError> engineRow(const QString& endpoint);
    Expected<qint64, StoreError> containerRow(const ContainerRef& container);
    std::optional<StoreError> writeFacts(qint64 row, const ContainerFacts& facts);
    std::optional<StoreError> stepDone(SqliteStatement& statement, const QString& doing);

    std::unique_ptr<SqliteConnection> m_connection;
    SqliteStatement m_insertEngine, m_selectEngine, m_setEngineId;
    SqliteStatement m_insertContainer, m_selectContainer, m_updateContainer, m_latestName, m_insertName;
    SqliteStatement m_insertLine, m_insertChunk, m_upsertCursor, m_insertHeartbeat, m_insertEvent;
    SqliteStatement m_deleteCursor, m_insertSample, m_insertLineAt, m_idFloor;
    qint64 m_idFloorOfCommit = 0;
    // Row ids of engines and containers already in the store; cleared when a transaction rolls
    // back, since rows it inserted are gone with it.
    QHash<QString, qint64> m_engineRows;
    QHash<ContainerRef, qint64> m_containerRows;
};

} // namespace dockpulse::store
