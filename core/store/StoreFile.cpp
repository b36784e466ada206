#include "StoreFile.h"

#include "StoreSchema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

namespace dockpulse::store {

namespace {

// What quick_check found: "ok", or its first rows, or a StoreError. Only a Corrupt error (a
// file that is no database fails at its first read with SQLITE_NOTADB, a malformed one with
// SQLITE_CORRUPT) or rows other than "ok" mean corrupt; any other error (busy, I/O, no memory)
// says nothing about the file, which must then not be moved aside.
Expected<QString, StoreError> quickCheckFindings(SqliteConnection& connection)
{
    auto statement = connection.prepare("PRAGMA quick_check(5)");
    if (!statement)
        return statement.error();
    QStringList rows;
    int rc;
    while ((rc = statement.value().step()) == SQLITE_ROW)
        rows << statement.value().columnText(0);
    if (rc != SQLITE_DONE)
        return connection.error(rc, QStringLiteral("PRAGMA quick_check"));
    return rows.join(QStringLiteral("; "));
}

std::optional<StoreError> moveAside(const QString& path, const QString& aside)
{
    // The WAL holds committed transactions not yet in the main file: it goes along, under the
    // matching name; the shared-memory index is rebuilt from it and can go.
    if (!QFile::rename(path, aside)) {
        return StoreError{
            StoreErrorKind::Io,
            QStringLiteral("store %1 is corrupt and could not be moved aside to %2").arg(path, aside)};
    }
    if (QFile::exists(path + QStringLiteral("-wal")))
        QFile::rename(path + QStringLiteral("-wal"), aside + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    return std::nullopt;
}

} // namespace

QString corruptAsideName(const QString& path)
{
    return path + QStringLiteral(".corrupt-") +
           QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss.zzz'Z'"));
}

Expected<WritableStore, StoreError> openWritableStore(const QString& path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return StoreError{
            StoreErrorKind::CannotOpen,
            QStringLiteral("store %1: cannot create its folder %2").arg(path, info.absolutePath())};
    }
    if (info.exists() && !info.isFile())
        return StoreError{StoreErrorKind::CannotOpen,
                          QStringLiteral("store %1: not a regular file").arg(path)};

    auto lock = StoreLock::acquire(path);
    if (!lock)
        return lock.error();

    auto opened = SqliteConnection::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!opened)
        return opened.error();
    std::unique_ptr<SqliteConnection> connection = std::move(opened).value();

    if (connection->isReadOnly()) {
        return StoreError{StoreErrorKind::ReadOnly,
                          QStringLiteral("store %1: the file cannot be written (read-only)").arg(path)};
    }

    auto checked = quickCheckFindings(*connection);
    if (!checked && checked.error().kind != StoreErrorKind::Corrupt)
        return checked.error();
    const QString findings = checked ? checked.value() : checked.error().message;
    if (findings != QLatin1String("ok")) {
        connection.reset(); // closed before the rename
        const QString aside = corruptAsideName(path);
        if (auto error = moveAside(path, aside))
            return *error;
        return StoreError{
            StoreErrorKind::Corrupt,
            QStringLiteral("store %1 is corrupt (%2); moved aside to %3, the next start begins a new store")
                .arg(path, findings, aside)};
    }

    auto version =
        connection->queryInt64("PRAGMA user_version", QStringLiteral("reading the schema version"));
    if (!version)
        return version.error();
    if (*version > kStoreSchemaVersion) {
        return StoreError{
            StoreErrorKind::NewerSchema,
            QStringLiteral("store %1 has schema version %2, newer than this dockpulse knows (%3): "
                           "refused, the file is left as it is")
                .arg(path)
                .arg(*version)
                .arg(kStoreSchemaVersion)};
    }

    // 16 KiB pages for a new store (a page size is fixed once the file has content): fewer
    // B-tree pages to balance per line; 22% less CPU to ingest than 4 KiB, slightly smaller
    // (docs/PERFORMANCE.md, "Store ingest").
    auto pages = connection->queryInt64("PRAGMA page_count", QStringLiteral("reading the page count"));
    if (!pages)
        return pages.error();
    if (*pages == 0) {
        if (auto error = connection->exec("PRAGMA page_size=16384", QStringLiteral("setting the page size")))
            return *error;
    }

    auto mode = connection->queryText("PRAGMA journal_mode=WAL", QStringLiteral("switching to WAL"));
    if (!mode)
        return mode.error();
    if (mode.value() != QLatin1String("wal")) {
        return StoreError{
            StoreErrorKind::Io,
            QStringLiteral("store %1: the journal stays \"%2\", not WAL").arg(path, mode.value())};
    }
    // NORMAL is enough in WAL: a power loss may roll back the last commits, lines and cursor
    // alike, and the resumed cursor reads those lines again. 64 MiB of page cache for ingest.
    if (auto error = connection->exec("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
                                      "PRAGMA busy_timeout=5000",
                                      QStringLiteral("setting the connection's pragmas")))
        return *error;
    if (auto error = migrateStore(*connection, int(*version)))
        return *error;
    return WritableStore{std::move(lock).value(), std::move(connection)};
}

} // namespace dockpulse::store
