#pragma once

#include "Expected.h"
#include "StoreError.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <initializer_list>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace dockpulse::store {

// One prepared statement of a SqliteConnection (SQLite's C API, thinly): prepared once, then
// bound, stepped and reset for each row, which is what makes ingest fast.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    explicit SqliteStatement(sqlite3_stmt* statement) : m_statement(statement) {}
    ~SqliteStatement();
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    bool isValid() const { return m_statement != nullptr; }

    // Parameters count from 1, as in SQL's ?1.
    void bindInt64(int index, qint64 value);
    void bindNull(int index);
    void bindText(int index, const QString& text); // copied
    // Not copied: bytes must stay valid until the next step() or reset().
    void bindBlobNoCopy(int index, QByteArrayView bytes);
    void bindBlob(int index, const QByteArray& bytes); // copied

    int step();   // SQLITE_ROW, SQLITE_DONE or an error code
    void reset(); // ready for the next row; bindings cleared

    qint64 columnInt64(int column) const;
    QByteArray columnBlob(int column) const;
    QString columnText(int column) const;
    bool columnIsNull(int column) const;

private:
    sqlite3_stmt* m_statement = nullptr;
};

// A connection to a store's file. Errors come back as StoreError naming the file; nothing throws.
class SqliteConnection
{
public:
    // flags: SQLITE_OPEN_READWRITE, SQLITE_OPEN_CREATE, ... (SQLITE_OPEN_NOMUTEX is added: a
    // connection is used by one thread at a time).
    static Expected<std::unique_ptr<SqliteConnection>, StoreError> open(const QString& path, int flags);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    const QString& path() const { return m_path; }

    // SQL without results (several statements may follow each other); doing says what for the
    // message.
    std::optional<StoreError> exec(const char* sql, const QString& doing);
    Expected<SqliteStatement, StoreError> prepare(const char* sql);
    // Prepares each statement into its slot; the first failure is returned, the slots before it
    // stay prepared.
    struct StatementSlot
    {
        SqliteStatement* statement;
        const char* sql;
    };
    std::optional<StoreError> prepareAll(std::initializer_list<StatementSlot> statements);
    // BEGIN IMMEDIATE, work, COMMIT; on any error a ROLLBACK (nothing of it stays) and the error.
    std::optional<StoreError> transaction(const QString& doing,
                                          const std::function<std::optional<StoreError>()>& work);
    // The first column of the first row: PRAGMA user_version, SELECT count(*), ...
    Expected<qint64, StoreError> queryInt64(const char* sql, const QString& doing);
    Expected<QString, StoreError> queryText(const char* sql, const QString& doing);

    StoreError error(int resultCode, const QString& doing) const;
    // False in autocommit mode: after COMMIT, after ROLLBACK, and after an error such as
    // SQLITE_FULL that made SQLite roll the transaction back itself.
    bool inTransaction() const;
    qint64 lastInsertRowId() const;
    qint64 changes() const; // rows the last INSERT, UPDATE or DELETE changed
    // SQLITE_OPEN_READWRITE opens a write-protected file read-only without a word: this says so.
    bool isReadOnly() const;
    // The handle itself, for what this class does not wrap (the FTS5 tokenizer API).
    sqlite3* handle() const { return m_db; }

private:
    SqliteConnection(sqlite3* db, QString path) : m_db(db), m_path(std::move(path)) {}

    sqlite3* m_db = nullptr;
    QString m_path;
};

} // namespace dockpulse::store
