#include "StoreReader.h"

#include "StoreSchema.h"

#include <QFileInfo>

#include <sqlite3.h>

namespace dockpulse::store {

Expected<std::unique_ptr<StoreReader>, StoreError> StoreReader::open(const QString& path)
{
    if (!QFileInfo(path).isFile())
        return StoreError{StoreErrorKind::CannotOpen, QStringLiteral("store %1: no such file").arg(path)};
    // Read-write without CREATE, then query_only: a read-only connection could not recover the
    // WAL that a crashed writer left behind.
    auto opened = SqliteConnection::open(path, SQLITE_OPEN_READWRITE);
    if (!opened)
        return opened.error();
    std::unique_ptr<SqliteConnection> connection = std::move(opened).value();
    if (auto error = connection->exec("PRAGMA query_only=ON; PRAGMA busy_timeout=5000",
                                      QStringLiteral("setting the reader's pragmas")))
        return *error;
    auto version =
        connection->queryInt64("PRAGMA user_version", QStringLiteral("reading the schema version"));
    if (!version)
        return version.error();
    if (*version != kStoreSchemaVersion) {
        return StoreError{*version > kStoreSchemaVersion ? StoreErrorKind::NewerSchema
                                                         : StoreErrorKind::CannotOpen,
                          QStringLiteral("store %1 has schema version %2; this dockpulse reads version %3")
                              .arg(path)
                              .arg(*version)
                              .arg(kStoreSchemaVersion)};
    }
    return std::unique_ptr<StoreReader>(new StoreReader(std::move(connection)));
}

Expected<SqliteStatement*, StoreError> StoreReader::statement(SqliteStatement& slot, const char* sql)
{
    if (!slot.isValid()) {
        auto prepared = m_connection->prepare(sql);
        if (!prepared)
            return prepared.error();
        slot = std::move(prepared).value();
    }
    return &slot;
}

Expected<qint64, StoreError> StoreReader::containerRow(const ContainerRef& container)
{
    auto select =
        statement(m_selectContainer, "SELECT c.id FROM containers c JOIN engines e ON e.id = c.engine "
                                     "WHERE e.endpoint = ?1 AND c.container_id = ?2");
    if (!select)
        return select.error();
    SqliteStatement& s = **select;
    s.bindText(1, container.host);
    s.bindText(2, container.containerId);
    const int rc = s.step();
    const qint64 row = rc == SQLITE_ROW ? s.columnInt64(0) : 0;
    s.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return m_connection->error(rc, QStringLiteral("finding container %1").arg(container.containerId));
    return row;
}

Expected<std::optional<StoredCursor>, StoreError> StoreReader::cursor(const ContainerRef& container)
{
    auto row = containerRow(container);
    if (!row)
        return row.error();
    if (*row == 0)
        return std::optional<StoredCursor>();
    auto select = statement(m_selectCursor, "SELECT cursor, lines_covered FROM cursors WHERE container = ?1");
    if (!select)
        return select.error();
    SqliteStatement& s = **select;
    s.bindInt64(1, *row);
    const int rc = s.step();
    std::optional<StoredCursor> found;
    if (rc == SQLITE_ROW)
        found = StoredCursor{s.columnBlob(0), s.columnInt64(1)};
    s.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return m_connection->error(rc, QStringLiteral("reading a cursor"));
    return found;
}

Expected<QList<ContainerCursor>, StoreError> StoreReader::cursors()
{
    auto prepared = m_connection->prepare("SELECT e.endpoint, c.container_id, k.cursor, k.lines_covered "
                                          "FROM cursors k JOIN containers c ON c.id = k.container "
                                          "JOIN engines e ON e.id = c.engine ORDER BY c.id");
    if (!prepared)
        return prepared.error();
    SqliteStatement s = std::move(prepared).value();
    QList<ContainerCursor> cursors;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        cursors.append(ContainerCursor{ContainerRef{s.columnText(0), s.columnText(1)},
                                       StoredCursor{s.columnBlob(2), s.columnInt64(3)}});
    }
    if (rc != SQLITE_DONE)
        return m_connection->error(rc, QStringLiteral("reading the cursors"));
    return cursors;
}

Expected<QList<StoredContainer>, StoreError> StoreReader::containers()
{
    auto prepared =
        m_connection->prepare("SELECT e.endpoint, c.container_id, "
                              "coalesce((SELECT name FROM container_names n WHERE n.container = c.id "
                              "ORDER BY since_ms DESC LIMIT 1), '') "
                              "FROM containers c JOIN engines e ON e.id = c.engine ORDER BY c.id");
    if (!prepared)
        return prepared.error();
    SqliteStatement s = std::move(prepared).value();
    QList<StoredContainer> containers;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        containers.append(StoredContainer{ContainerRef{s.columnText(0), s.columnText(1)}, s.columnText(2)});
    if (rc != SQLITE_DONE)
        return m_connection->error(rc, QStringLiteral("reading the containers"));
    return containers;
}

Expected<QHash<QString, QString>, StoreError> StoreReader::engineIds()
{
    auto prepared = m_connection->prepare("SELECT endpoint, coalesce(engine_id, '') FROM engines");
    if (!prepared)
        return prepared.error();
    SqliteStatement s = std::move(prepared).value();
    QHash<QString, QString> ids;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        ids.insert(s.columnText(0), s.columnText(1));
    if (rc != SQLITE_DONE)
        return m_connection->error(rc, QStringLiteral("reading the engines"));
    return ids;
}

Expected<QList<StoredLine>, StoreError> StoreReader::lines(const ContainerRef& container,
                                                           const LinePosition& after, int limit)
{
    auto row = containerRow(container);
    if (!row)
        return row.error();
    QList<StoredLine> lines;
    if (*row == 0)
        return lines;
    // The container's chunks from the one holding the line after the position, each a range of
    // row ids in log_lines: two primary-key seeks a page, no OFFSET, no sort.
    auto select = statement(m_selectLines, kPageQuery);
    if (!select)
        return select.error();
    SqliteStatement& s = **select;
    s.bindInt64(1, *row);
    s.bindInt64(2, after.rowId);
    s.bindInt64(3, limit);
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        lines.append(StoredLine{s.columnInt64(0), s.columnInt64(1), docker::LogStreamKind(s.columnInt64(2)),
                                docker::LinePiece(s.columnInt64(3)), s.columnBlob(4)});
    }
    s.reset();
    if (rc != SQLITE_DONE)
        return m_connection->error(rc, QStringLiteral("reading log lines"));
    return lines;
}

Expected<LineSpan, StoreError> StoreReader::lineSpan(const ContainerRef& container, qint64 sinceNs,
                                                     qint64 untilNs)
{
    auto row = containerRow(container);
    if (!row)
        return row.error();
    if (*row == 0 || untilNs < sinceNs)
        return LineSpan{};
    // A scan of the container's chunks (one row per 4,096 lines), not of its lines.
    auto prepared = m_connection->prepare(
        "SELECT coalesce(min(first_line) FILTER (WHERE max_ts_ns >= ?2), 0), "
        "coalesce(max(last_line) FILTER (WHERE min_ts_ns <= ?3), 0) FROM log_chunks WHERE container = ?1");
    if (!prepared)
        return prepared.error();
    SqliteStatement s = std::move(prepared).value();
    s.bindInt64(1, *row);
    s.bindInt64(2, sinceNs);
    s.bindInt64(3, untilNs);
    if (const int rc = s.step(); rc != SQLITE_ROW)
        return m_connection->error(rc, QStringLiteral("finding a time range in the chunks"));
    const qint64 first = s.columnInt64(0);
    if (first == 0)
        return LineSpan{};
    return LineSpan{LinePosition{first - 1}, s.columnInt64(1)};
}

Expected<QList<StoredEvent>, StoreError> StoreReader::events(qint64 sinceMs, qint64 untilMs)
{
    auto prepared = m_connection->prepare(
        "SELECT coalesce(e.endpoint, ''), coalesce(c.container_id, ''), t.wall_ms, t.task, t.event, "
        "t.detail, "
        "t.container_name FROM task_events t LEFT JOIN containers c ON c.id = t.container "
        "LEFT JOIN engines e ON e.id = c.engine WHERE t.wall_ms BETWEEN ?1 AND ?2 ORDER BY t.id");
    if (!prepared)
        return prepared.error();
    SqliteStatement s = std::move(prepared).value();
    s.bindInt64(1, sinceMs);
    s.bindInt64(2, untilMs);
    QList<StoredEvent> events;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        events.append(StoredEvent{ContainerRef{s.columnText(0), s.columnText(1)},
                                  monitor::TaskEventRecord{s.columnInt64(2), s.columnText(3), s.columnText(4),
                                                           s.columnText(5), s.columnText(6)}});
    }
    if (rc != SQLITE_DONE)
        return m_connection->error(rc, QStringLiteral("reading task events"));
    return events;
}

Expected<QList<StoredHeartbeat>, StoreError> StoreReader::heartbeats(qint64 sinceMs, qint64 untilMs)
{
    auto prepared = m_connection->prepare(
        "SELECT coalesce(e.endpoint, ''), coalesce(c.container_id, ''), h.wall_ms, h.task, h.source, "
        "h.age_before_ms, h.container_name FROM heartbeats h LEFT JOIN containers c ON c.id = h.container "
        "LEFT JOIN engines e ON e.id = c.engine WHERE h.wall_ms BETWEEN ?1 AND ?2 ORDER BY h.id");
    if (!prepared)
        return prepared.error();
    SqliteStatement s = std::move(prepared).value();
    s.bindInt64(1, sinceMs);
    s.bindInt64(2, untilMs);
    QList<StoredHeartbeat> heartbeats;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        monitor::HeartbeatRecord beat;
        beat.wallMs = s.columnInt64(2);
        beat.task = s.columnText(3);
        beat.source = monitor::HeartbeatSource(s.columnInt64(4));
        beat.ageBeforeMs = s.columnInt64(5);
        beat.containerName = s.columnText(6);
        heartbeats.append(StoredHeartbeat{ContainerRef{s.columnText(0), s.columnText(1)}, beat});
    }
    if (rc != SQLITE_DONE)
        return m_connection->error(rc, QStringLiteral("reading heartbeats"));
    return heartbeats;
}

Expected<qint64, StoreError> StoreReader::lineCount(const ContainerRef& container)
{
    auto row = containerRow(container);
    if (!row)
        return row.error();
    // From the chunks: a row per 4,096 lines, not a scan of the lines.
    auto select =
        statement(m_countLines, "SELECT coalesce(sum(last_line - first_line + 1), 0) FROM log_chunks "
                                "WHERE container = ?1");
    if (!select)
        return select.error();
    SqliteStatement& s = **select;
    s.bindInt64(1, *row);
    const int rc = s.step();
    const qint64 count = rc == SQLITE_ROW ? s.columnInt64(0) : 0;
    s.reset();
    if (rc != SQLITE_ROW)
        return m_connection->error(rc, QStringLiteral("counting log lines"));
    return count;
}

Expected<qint64, StoreError> StoreReader::lineCount()
{
    return m_connection->queryInt64("SELECT count(*) FROM log_lines", QStringLiteral("counting log lines"));
}

Expected<qint64, StoreError> StoreReader::eventCount()
{
    return m_connection->queryInt64("SELECT count(*) FROM task_events",
                                    QStringLiteral("counting task events"));
}

Expected<qint64, StoreError> StoreReader::heartbeatCount()
{
    return m_connection->queryInt64("SELECT count(*) FROM heartbeats", QStringLiteral("counting heartbeats"));
}

} // namespace dockpulse::store
