#include "StoreSchema.h"

namespace dockpulse::store {

namespace {

// v1: docs/STORE.md describes each table and why it looks as it does.
const char* const kSchemaV1 = R"sql(
CREATE TABLE engines (
    id        INTEGER PRIMARY KEY,
    endpoint  TEXT NOT NULL UNIQUE,
    engine_id TEXT
);
CREATE TABLE containers (
    id           INTEGER PRIMARY KEY,
    engine       INTEGER NOT NULL REFERENCES engines(id),
    container_id TEXT NOT NULL,
    image        TEXT,
    created_ns   INTEGER,
    UNIQUE (engine, container_id)
);
CREATE TABLE container_names (
    container INTEGER NOT NULL REFERENCES containers(id),
    since_ms  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (container, since_ms, name)
) WITHOUT ROWID;
CREATE TABLE log_lines (
    id        INTEGER PRIMARY KEY,
    container INTEGER NOT NULL REFERENCES containers(id),
    ts_ns     INTEGER NOT NULL,
    stream    INTEGER NOT NULL,
    piece     INTEGER NOT NULL,
    bytes     BLOB NOT NULL
);
CREATE TABLE log_chunks (
    container  INTEGER NOT NULL REFERENCES containers(id),
    first_line INTEGER NOT NULL,
    last_line  INTEGER NOT NULL,
    min_ts_ns  INTEGER NOT NULL,
    max_ts_ns  INTEGER NOT NULL,
    PRIMARY KEY (container, first_line)
) WITHOUT ROWID;
CREATE TABLE cursors (
    container     INTEGER PRIMARY KEY REFERENCES containers(id),
    cursor        BLOB NOT NULL,
    lines_covered INTEGER NOT NULL
);
CREATE TABLE heartbeats (
    id             INTEGER PRIMARY KEY,
    container      INTEGER REFERENCES containers(id),
    wall_ms        INTEGER NOT NULL,
    task           TEXT NOT NULL,
    source         INTEGER NOT NULL,
    age_before_ms  INTEGER NOT NULL,
    container_name TEXT NOT NULL
);
CREATE TABLE task_events (
    id             INTEGER PRIMARY KEY,
    container      INTEGER REFERENCES containers(id),
    wall_ms        INTEGER NOT NULL,
    task           TEXT NOT NULL,
    event          TEXT NOT NULL,
    detail         TEXT NOT NULL,
    container_name TEXT NOT NULL
);
PRAGMA user_version = 1;
)sql";

struct Migration
{
    int toVersion;
    const char* sql;
};

// v2: the search index (docs/STORE.md, "The search index"). Contentless (the text is log_lines'):
// only the words are stored, with no positions (detail=none), rowid = log_lines.id. Words are
// runs of letters, digits and '_' (unicode61 with '_' added), folded to lower case, diacritics
// kept. indexed_through: every line with an id up to it is in the index, none above it; the
// writer indexes the lines after it in its idle time, moving it in the same transaction.
const char* const kSchemaV2 = R"sql(
CREATE VIRTUAL TABLE log_search USING fts5(
    bytes, content='', detail=none, columnsize=0,
    tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
);
CREATE TABLE log_search_progress (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_through INTEGER NOT NULL
);
INSERT INTO log_search_progress (id, indexed_through) VALUES (1, 0);
PRAGMA user_version = 2;
)sql";

// v3: metrics.csv's samples (threads, readers, tasks, heartbeat age of the whole process, once
// per --sample-every), so that an export of a stretch of history has them too.
const char* const kSchemaV3 = R"sql(
CREATE TABLE metric_samples (
    id                   INTEGER PRIMARY KEY,
    wall_ms              INTEGER NOT NULL,
    threads              INTEGER NOT NULL,
    readers              INTEGER NOT NULL,
    monitored            INTEGER NOT NULL,
    max_heartbeat_age_ms INTEGER NOT NULL,
    late_readers         INTEGER NOT NULL
);
PRAGMA user_version = 3;
)sql";

const Migration kMigrations[] = {{1, kSchemaV1}, {2, kSchemaV2}, {3, kSchemaV3}};

} // namespace

std::optional<StoreError> migrateStore(SqliteConnection& connection, int fromVersion)
{
    for (const Migration& migration : kMigrations) {
        if (migration.toVersion <= fromVersion)
            continue;
        const QString doing = QStringLiteral("migrating to schema version %1").arg(migration.toVersion);
        if (auto error = connection.transaction(doing, [&] { return connection.exec(migration.sql, doing); }))
            return error;
    }
    return std::nullopt;
}

} // namespace dockpulse::store
