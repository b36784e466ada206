#pragma once

#include "ContainerRef.h"
#include "Expected.h"
#include "LogBatch.h"
#include "Records.h"
#include "SqliteConnection.h"

#include <QList>

#include <memory>
#include <optional>

namespace dockpulse::store {

// A container's cursor as stored: the monitor's LogCursor state (opaque to the store) and the
// number of that container's lines committed with it.
struct StoredCursor
{
    QByteArray cursor;
    qint64 linesCovered = 0;
};

// A container the store has a history of, with the name it had last.
struct StoredContainer
{
    ContainerRef ref;
    QString name;

    bool operator==(const StoredContainer&) const = default;
};

// A container's cursor, with the container.
struct ContainerCursor
{
    ContainerRef container;
    StoredCursor stored;
};

// A position in a container's lines, which are kept in the order they were delivered (the
// engine's order, which the monitor's cursor follows): the row id of the last line read, 0
// before the first.
struct LinePosition
{
    qint64 rowId = 0;
};

struct StoredLine
{
    qint64 rowId = 0;
    qint64 timestampNs = 0;
    docker::LogStreamKind stream = docker::LogStreamKind::Stdout;
    docker::LinePiece piece = docker::LinePiece::Whole;
    QByteArray bytes;

    LinePosition position() const { return LinePosition{rowId}; }
};

// Where a container's lines stamped within a time range lie in its delivery order: read from
// `after` up to and including row id `last` and keep the lines whose time is in the range (the
// chunks' time ranges bound it; a line outside the range can sit among them, as the engine
// interleaves two streams). empty(): no chunk touches the range.
struct LineSpan
{
    LinePosition after;
    qint64 last = 0;

    bool empty() const { return last <= after.rowId; }
};

// A task event or heartbeat as stored, with the container it belongs to (host and id empty for
// the few that belong to none).
struct StoredEvent
{
    ContainerRef container;
    monitor::TaskEventRecord record;
};
struct StoredHeartbeat
{
    ContainerRef container;
    monitor::HeartbeatRecord record;
};

// The search index of a store (docs/STORE.md, "The search index").
struct SearchIndexState
{
    bool present = false;      // schema version 2 or later
    qint64 indexedThrough = 0; // every line with a row id up to this is in the index, none above
    qint64 lag = 0;            // stored lines above it: a search scans those
};

// A word of a text as the search index's tokenizer cuts it: folded as the index keeps it, and
// where it lies in the text (UTF-8 byte offsets, end excluded).
struct SearchToken
{
    QByteArray folded;
    int start = 0;
    int end = 0;
};

// Reads a store on a connection of its own: in WAL mode a reader never blocks the writer, nor
// the writer it. It writes nothing (query_only) and takes no lock, so the dashboard, export and
// search may read while a StoreWriter writes. One thread at a time.
class StoreReader
{
public:
    static Expected<std::unique_ptr<StoreReader>, StoreError> open(const QString& path);

    int schemaVersion() const { return m_version; }
    Expected<SearchIndexState, StoreError> searchIndexState();
    // The words of utf8 as the index cut and folded them (its own tokenizer, so a query's words
    // are exactly what a line holding the query was indexed by). Needs schema version 2.
    Expected<QList<SearchToken>, StoreError> searchTokens(const QByteArray& utf8);
    // At most limit of a container's lines with a row id above after and up to last (indexed
    // lines) that the index says may match ftsMatch (an FTS5 MATCH expression), oldest first.
    Expected<QList<StoredLine>, StoreError> indexedLines(const ContainerRef& container,
                                                         const QByteArray& ftsMatch,
                                                         const LinePosition& after, qint64 last, int limit);

    Expected<std::optional<StoredCursor>, StoreError> cursor(const ContainerRef& container);
    // Every stored cursor: where each container's next run resumes.
    Expected<QList<ContainerCursor>, StoreError> cursors();
    // Every container, oldest first.
    Expected<QList<StoredContainer>, StoreError> containers();
    // The engine's own ID (from /info) by endpoint; empty where it was never recorded.
    Expected<QHash<QString, QString>, StoreError> engineIds();
    // At most limit lines after position, oldest first; pass the last one's position() for the
    // next page (keyset paging: the cost of a page does not grow with how far in it is).
    Expected<QList<StoredLine>, StoreError> lines(const ContainerRef& container, const LinePosition& after,
                                                  int limit);
    // The part of a container's lines that holds those stamped from sinceNs to untilNs (both
    // included), from the chunks' time ranges.
    Expected<LineSpan, StoreError> lineSpan(const ContainerRef& container, qint64 sinceNs, qint64 untilNs);
    // Task events and heartbeats whose time is from sinceMs to untilMs (both included), in the
    // order they were stored (each container's in the order they happened).
    Expected<QList<StoredEvent>, StoreError> events(qint64 sinceMs, qint64 untilMs);
    Expected<QList<StoredHeartbeat>, StoreError> heartbeats(qint64 sinceMs, qint64 untilMs);
    // metrics.csv's samples from sinceMs to untilMs, oldest first; none in a store before version 3.
    Expected<QList<monitor::MetricSample>, StoreError> samples(qint64 sinceMs, qint64 untilMs);
    Expected<qint64, StoreError> lineCount(const ContainerRef& container);
    Expected<qint64, StoreError> lineCount(); // all containers
    Expected<qint64, StoreError> eventCount();
    Expected<qint64, StoreError> heartbeatCount();

    // The query behind lines(): ?1 the container's row, ?2 the row id of the position, ?3 the
    // limit. Public so that a test can ask SQLite how it plans it.
    static constexpr const char* kPageQuery =
        "SELECT l.id, l.ts_ns, l.stream, l.piece, l.bytes "
        "FROM log_chunks c JOIN log_lines l "
        "ON l.id BETWEEN max(c.first_line, ?2 + 1) AND c.last_line "
        "WHERE c.container = ?1 AND c.last_line > ?2 AND c.first_line >= "
        "coalesce((SELECT max(first_line) FROM log_chunks "
        "WHERE container = ?1 AND first_line <= ?2 + 1), 0) "
        "ORDER BY c.first_line, l.id LIMIT ?3";

private:
    StoreReader(std::unique_ptr<SqliteConnection> connection, int version)
        : m_connection(std::move(connection)), m_version(version)
    {}
    // The container's row, or 0 when the store has never seen it.
    Expected<qint64, StoreError> containerRow(const ContainerRef& container);
    Expected<SqliteStatement*, StoreError> statement(SqliteStatement& slot, const char* sql);

    std::unique_ptr<SqliteConnection> m_connection;
    int m_version = 0;
    SqliteStatement m_selectContainer, m_selectCursor, m_selectLines, m_countLines, m_selectIndexed;
};

} // namespace dockpulse::store
