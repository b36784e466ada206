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
    if (*version < kOldestReadableSchemaVersion || *version > kStoreSchemaVersion) {
        return StoreError{
            *version > kStoreSchemaVersion ? StoreErrorKind::NewerSchema : StoreErrorKind::CannotOpen,
            QStringLiteral("store %1 has schema version %2; this dockpulse reads versions %3 to %4")
                .arg(path)
                .arg(*version)
                .arg(kOldestReadableSchemaVersion)
                .arg(kStoreSchemaVersion)};
    }
    return std::unique_ptr<StoreReader>(new StoreReader(std::move(connection), int(*version)));
}

Expected<SearchIndexState, StoreError> StoreReader::searchIndexState()
{
    SearchIndexState state;
    if (m_version < 2)
        return state;
    const QString doing = QStringLiteral("reading the search index's progress");
    auto through =
        m_connection->queryInt64("SELECT indexed_through FROM log_search_progress WHERE id = 1", doing);
    if (!through)
        return through.error();
    auto prepared = m_connection->prepare("SELECT count(*) FROM log_lines WHERE id > ?1");
    if (!prepared)
        return prepared.error();
    SqliteStatement s = std::move(prepared).value();
    s.bindInt64(1, *through);
    if (const int rc = s.step(); rc != SQLITE_ROW)
        return m_connection->error(rc, doing);
    state.present = true;
    state.indexedThrough = *through;
    state.lag = s.columnInt64(0);
    return state;
}

namespace {

struct TokenizeContext
{
    QList<SearchToken>* tokens;
};

int collectToken(void* context, int /*flags*/, const char* token, int size, int start, int end)
{
    static_cast<TokenizeContext*>(context)->tokens->append(SearchToken{QByteArray(token, size), start, end});
    return SQLITE_OK;
}

} // namespace

Expected<QList<SearchToken>, StoreError> StoreReader::searchTokens(const QByteArray& utf8)
{
    const QString doing = QStringLiteral("cutting a query into words");
    if (m_version < 2)
        return StoreError{StoreErrorKind::Io,
                          QStringLiteral("store %1 has no search index").arg(m_connection->path())};
    // The tokenizer the table was declared with (StoreSchema.cpp), through FTS5's own API.
    fts5_api* api = nullptr;
    sqlite3_stmt* raw = nullptr;
    // SqliteStatement binds no pointers: the one statement that needs it is prepared raw.
    int rc = sqlite3_prepare_v2(m_connection->handle(), "SELECT fts5(?1)", -1, &raw, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_bind_pointer(raw, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        rc = sqlite3_step(raw);
    }
    sqlite3_finalize(raw);
    if (rc != SQLITE_ROW || !api)
        return m_connection->error(rc == SQLITE_ROW ? SQLITE_ERROR : rc, doing);
    void* userData = nullptr;
    fts5_tokenizer tokenizer{};
    rc = api->xFindTokenizer(api, "unicode61", &userData, &tokenizer);
    if (rc != SQLITE_OK)
        return m_connection->error(rc, doing);
    const char* args[] = {"remove_diacritics", "0", "tokenchars", "_"};
    Fts5Tokenizer* instance = nullptr;
    rc = tokenizer.xCreate(userData, args, 4, &instance);
    if (rc != SQLITE_OK)
        return m_connection->error(rc, doing);
    QList<SearchToken> tokens;
    TokenizeContext context{&tokens};
    rc = tokenizer.xTokenize(instance, &context, FTS5_TOKENIZE_DOCUMENT, utf8.constData(), int(utf8.size()),
                             collectToken);
    tokenizer.xDelete(instance);
    if (rc != SQLITE_OK)
        return m_connection->error(rc, doing);
    return tokens;
}

Expected<QList<StoredLine>, StoreError> StoreReader::indexedLines(const ContainerRef& container,
                                                                  const QByteArray& ftsMatch,
                                                                  const LinePosition& after, qint64 last,
                                                                  int limit)
{
    auto row = containerRow(container);
    if (!row)
        return row.error();
    QList<StoredLine> lines;
    if (*row == 0 || last <= after.rowId)
        return lines;
    // The index's candidates in row-id order (FTS5 gives them so, within the row-id bounds),
    // each joined to its line by primary key; an entry whose line is gone joins nothing.
    auto select = statement(m_selectIndexed,
                            "SELECT l.id, l.ts_ns, l.stream, l.piece, l.bytes FROM log_search s "
                            "JOIN log_lines l ON l.id = s.rowid WHERE log_search MATCH ?1 AND s.rowid > ?2 "
                            "AND s.rowid <= ?3 AND l.container = ?4 ORDER BY s.rowid LIMIT ?5");
    if (!select)
        return select.error();
    SqliteStatement& s = **select;
    s.bindText(1, QString::fromUtf8(ftsMatch));
    s.bindInt64(2, after.rowId);
    s.bindInt64(3, last);
    s.bindInt64(4, *row);
    s.bindInt64(5, limit);
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        lines.append(StoredLine{s.columnInt64(0), s.columnInt64(1), docker::LogStreamKind(s.columnInt64(2)),
                                docker::LinePiece(s.columnInt64(3)), s.columnBlob(4)});
    }
    s.reset();
    if (rc != SQLITE_DONE)
        return m_connection->error(rc, QStringLiteral("reading the search index"));
    return lines;
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

namespace {

// The rows of a query whose ?1 and ?2 are a time range, each made by read from the statement.
template <typename Row, typename Read>
Expected<QList<Row>, StoreError> rowsBetween(SqliteConnection& connection, const char* sql, qint64 since,
                                             qint64 until, const QString& doing, Read read)
{
    auto prepared = connection.prepare(sql);
    if (!prepared)
        return prepared.error();
    SqliteStatement s = std::move(prepared).value();
    s.bindInt64(1, since);
    s.bindInt64(2, until);
    QList<Row> rows;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        rows.append(read(s));
    if (rc != SQLITE_DONE)
        return connection.error(rc, doing);
    return rows;
}

} // namespace

Expected<QList<StoredEvent>, StoreError> StoreReader::events(qint64 sinceMs, qint64 untilMs)
{
    return rowsBetween<StoredEvent>(
        *m_connection,
        "SELECT coalesce(e.endpoint, ''), coalesce(c.container_id, ''), t.wall_ms, t.task, t.event, "
        "t.detail, "
        "t.container_name FROM task_events t LEFT JOIN containers c ON c.id = t.container "
        "LEFT JOIN engines e ON e.id = c.engine WHERE t.wall_ms BETWEEN ?1 AND ?2 ORDER BY t.id",
        sinceMs, untilMs, QStringLiteral("reading task events"), [](SqliteStatement& s) {
            return StoredEvent{ContainerRef{s.columnText(0), s.columnText(1)},
                               monitor::TaskEventRecord{s.columnInt64(2), s.columnText(3), s.columnText(4),
                                                        s.columnText(5), s.columnText(6)}};
        });
}

Expected<QList<monitor::MetricSample>, StoreError> StoreReader::samples(qint64 sinceMs, qint64 untilMs)
{
    if (m_version < 3)
        return QList<monitor::MetricSample>();
    return rowsBetween<monitor::MetricSample>(
        *m_connection,
        "SELECT wall_ms, threads, readers, monitored, max_heartbeat_age_ms, late_readers "
        "FROM metric_samples WHERE wall_ms BETWEEN ?1 AND ?2 ORDER BY id",
        sinceMs, untilMs, QStringLiteral("reading metric samples"), [](SqliteStatement& s) {
            monitor::MetricSample sample;
            sample.wallMs = s.columnInt64(0);
            sample.threads = int(s.columnInt64(1));
            sample.readers = int(s.columnInt64(2));
            sample.monitored = int(s.columnInt64(3));
            sample.maxHeartbeatAgeMs = s.columnInt64(4);
            sample.lateReaders = int(s.columnInt64(5));
            return sample;
        });
}

Expected<QList<StoredHeartbeat>, StoreError> StoreReader::heartbeats(qint64 sinceMs, qint64 untilMs)
{
    return rowsBetween<StoredHeartbeat>(
        *m_connection,
        "SELECT coalesce(e.endpoint, ''), coalesce(c.container_id, ''), h.wall_ms, h.task, h.source, "
        "h.age_before_ms, h.container_name FROM heartbeats h LEFT JOIN containers c ON c.id = h.container "
        "LEFT JOIN engines e ON e.id = c.engine WHERE h.wall_ms BETWEEN ?1 AND ?2 ORDER BY h.id",
        sinceMs, untilMs, QStringLiteral("reading heartbeats"), [](SqliteStatement& s) {
            monitor::HeartbeatRecord beat;
            beat.wallMs = s.columnInt64(2);
            beat.task = s.columnText(3);
            beat.source = monitor::HeartbeatSource(s.columnInt64(4));
            beat.ageBeforeMs = s.columnInt64(5);
            beat.containerName = s.columnText(6);
            return StoredHeartbeat{ContainerRef{s.columnText(0), s.columnText(1)}, beat};
        });
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
