#include "StoreIndexer.h"

#include <sqlite3.h>

#include <algorithm>

namespace dockpulse::store {

Expected<std::unique_ptr<StoreIndexer>, StoreError> StoreIndexer::create(SqliteConnection& connection)
{
    std::unique_ptr<StoreIndexer> indexer(new StoreIndexer(connection));
    if (auto error = indexer->prepareStatements())
        return *error;
    return indexer;
}

std::optional<StoreError> StoreIndexer::prepareStatements()
{
    return m_connection.prepareAll({
        {&m_progress, "SELECT indexed_through FROM log_search_progress WHERE id = 1"},
        // Two primary-key seeks: the oldest and the newest line.
        {&m_span, "SELECT coalesce((SELECT min(id) FROM log_lines), 0), "
                  "coalesce((SELECT max(id) FROM log_lines), 0)"},
        // All inside SQLite: the bytes go from the row to the tokenizer with no copy out.
        {&m_insert, "INSERT INTO log_search (rowid, bytes) SELECT id, bytes FROM log_lines "
                    "WHERE id > ?1 AND id <= ?2"},
        {&m_advance, "UPDATE log_search_progress SET indexed_through = ?1 WHERE id = 1"},
    });
}

Expected<qint64, StoreError> StoreIndexer::single(SqliteStatement& statement, const QString& doing)
{
    const int rc = statement.step();
    const qint64 value = rc == SQLITE_ROW ? statement.columnInt64(0) : 0;
    statement.reset();
    if (rc != SQLITE_ROW)
        return m_connection.error(rc, doing);
    return value;
}

Expected<StoreIndexer::Position, StoreError> StoreIndexer::position(const QString& doing)
{
    auto through = single(m_progress, doing);
    if (!through)
        return through.error();
    const int rc = m_span.step();
    const qint64 first = rc == SQLITE_ROW ? m_span.columnInt64(0) : 0;
    const qint64 last = rc == SQLITE_ROW ? m_span.columnInt64(1) : 0;
    m_span.reset();
    if (rc != SQLITE_ROW)
        return m_connection.error(rc, doing);
    // Lines retention removed before they were indexed are skipped.
    return Position{std::max(*through, first - 1), last};
}

Expected<qint64, StoreError> StoreIndexer::lag()
{
    auto at = position(QStringLiteral("reading the search index's progress"));
    if (!at)
        return at.error();
    // Row ids follow each other but where retention removed lines (always the oldest).
    return std::max<qint64>(0, at->last - at->indexedThrough);
}

Expected<IndexStep, StoreError> StoreIndexer::indexNext(qint64 maxLines)
{
    const QString doing = QStringLiteral("indexing log lines for search");
    IndexStep step;
    auto work = [&]() -> std::optional<StoreError> {
        auto at = position(doing);
        if (!at)
            return at.error();
        const qint64 from = at->indexedThrough;
        const qint64 to = std::min(at->last, from + std::max<qint64>(1, maxLines));
        step.through = std::max(from, to);
        step.lag = std::max<qint64>(0, at->last - step.through);
        if (to <= from)
            return std::nullopt;
        m_insert.bindInt64(1, from);
        m_insert.bindInt64(2, to);
        const int inserted = m_insert.step();
        m_insert.reset();
        if (inserted != SQLITE_DONE)
            return m_connection.error(inserted, doing);
        step.lines = m_connection.changes();
        m_advance.bindInt64(1, to);
        const int advanced = m_advance.step();
        m_advance.reset();
        if (advanced != SQLITE_DONE)
            return m_connection.error(advanced, doing);
        return std::nullopt;
    };
    if (auto error = m_connection.transaction(doing, work))
        return *error;
    return step;
}

} // namespace dockpulse::store
