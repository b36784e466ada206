#pragma once

#include "Expected.h"
#include "SqliteConnection.h"

#include <memory>

namespace dockpulse::store {

// What one indexing step did.
struct IndexStep
{
    qint64 lines = 0;   // log_lines rows added to the index
    qint64 lag = 0;     // rows still to index after it (row ids above the progress row)
    qint64 through = 0; // the progress row after it
};

// The search index (docs/STORE.md, "The search index"): adds the lines after the progress row
// to log_search, a bounded number a transaction that also moves the progress row, so a crash
// never loses nor doubles an entry. On the writer's connection, between its commits (the
// writer's idle time); used by the writer's thread only.
class StoreIndexer
{
public:
    static Expected<std::unique_ptr<StoreIndexer>, StoreError> create(SqliteConnection& connection);

    // Rows not indexed yet, from the progress row and the newest row id (two seeks).
    Expected<qint64, StoreError> lag();
    // Indexes the next at most maxLines row ids after the progress row, in one transaction.
    Expected<IndexStep, StoreError> indexNext(qint64 maxLines);

private:
    explicit StoreIndexer(SqliteConnection& connection) : m_connection(connection) {}
    // Where indexing stands: every line up to indexedThrough is indexed (or gone), last is the
    // newest row id.
    struct Position
    {
        qint64 indexedThrough = 0;
        qint64 last = 0;
    };
    Expected<Position, StoreError> position(const QString& doing);
    std::optional<StoreError> prepareStatements();
    Expected<qint64, StoreError> single(SqliteStatement& statement, const QString& doing);

    SqliteConnection& m_connection;
    SqliteStatement m_progress, m_span, m_insert, m_advance;
};

} // namespace dockpulse::store
