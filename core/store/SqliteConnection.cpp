#include "SqliteConnection.h"

#include <sqlite3.h>

namespace dockpulse::store {

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept : m_statement(other.m_statement)
{
    other.m_statement = nullptr;
}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_statement = other.m_statement;
        other.m_statement = nullptr;
    }
    return *this;
}

void SqliteStatement::bindInt64(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

void SqliteStatement::bindText(int index, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindBlobNoCopy(int index, QByteArrayView bytes)
{
    // A zero-length blob, never NULL: an empty line is a line.
    static const char empty = 0;
    sqlite3_bind_blob64(m_statement, index, bytes.isEmpty() ? &empty : bytes.data(),
                        sqlite3_uint64(bytes.size()), SQLITE_STATIC);
}

void SqliteStatement::bindBlob(int index, const QByteArray& bytes)
{
    static const char empty = 0;
    sqlite3_bind_blob64(m_statement, index, bytes.isEmpty() ? &empty : bytes.constData(),
                        sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
}

int SqliteStatement::step()
{
    return sqlite3_step(m_statement);
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

qint64 SqliteStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QByteArray SqliteStatement::columnBlob(int column) const
{
    const void* data = sqlite3_column_blob(m_statement, column);
    const int size = sqlite3_column_bytes(m_statement, column);
    return QByteArray(static_cast<const char*>(data), size);
}

QString SqliteStatement::columnText(int column) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(text, sqlite3_column_bytes(m_statement, column));
}

bool SqliteStatement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

Expected<std::unique_ptr<SqliteConnection>, StoreError> SqliteConnection::open(const QString& path, int flags)
{
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        StoreError error =
            sqliteError(rc, path, QStringLiteral("opening"), db ? sqlite3_errmsg(db) : nullptr);
        sqlite3_close(db);
        return error;
    }
    sqlite3_extended_result_codes(db, 1);
    return std::unique_ptr<SqliteConnection>(new SqliteConnection(db, path));
}

SqliteConnection::~SqliteConnection()
{
    // Every statement is finalized by its owner before; close_v2 would otherwise wait for them.
    sqlite3_close_v2(m_db);
}

StoreError SqliteConnection::error(int resultCode, const QString& doing) const
{
    return sqliteError(resultCode, m_path, doing, sqlite3_errmsg(m_db));
}

bool SqliteConnection::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

bool SqliteConnection::isReadOnly() const
{
    return sqlite3_db_readonly(m_db, "main") == 1;
}

qint64 SqliteConnection::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

qint64 SqliteConnection::changes() const
{
    return sqlite3_changes64(m_db);
}

std::optional<StoreError> SqliteConnection::exec(const char* sql, const QString& doing)
{
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return error(rc, doing);
    return std::nullopt;
}

std::optional<StoreError>
SqliteConnection::transaction(const QString& doing, const std::function<std::optional<StoreError>()>& work)
{
    std::optional<StoreError> error = exec("BEGIN IMMEDIATE", doing);
    if (!error)
        error = work();
    if (!error)
        error = exec("COMMIT", doing);
    if (error && inTransaction())
        exec("ROLLBACK", doing);
    return error;
}

std::optional<StoreError> SqliteConnection::prepareAll(std::initializer_list<StatementSlot> statements)
{
    for (const StatementSlot& slot : statements) {
        auto prepared = prepare(slot.sql);
        if (!prepared)
            return prepared.error();
        *slot.statement = std::move(prepared).value();
    }
    return std::nullopt;
}

Expected<SqliteStatement, StoreError> SqliteConnection::prepare(const char* sql)
{
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK)
        return error(rc, QStringLiteral("preparing \"%1\"").arg(QString::fromUtf8(sql).simplified()));
    return SqliteStatement(statement);
}

Expected<qint64, StoreError> SqliteConnection::queryInt64(const char* sql, const QString& doing)
{
    auto statement = prepare(sql);
    if (!statement)
        return statement.error();
    const int rc = statement.value().step();
    if (rc == SQLITE_ROW)
        return statement.value().columnInt64(0);
    if (rc == SQLITE_DONE)
        return qint64(0);
    return error(rc, doing);
}

Expected<QString, StoreError> SqliteConnection::queryText(const char* sql, const QString& doing)
{
    auto statement = prepare(sql);
    if (!statement)
        return statement.error();
    const int rc = statement.value().step();
    if (rc == SQLITE_ROW)
        return statement.value().columnText(0);
    if (rc == SQLITE_DONE)
        return QString();
    return error(rc, doing);
}

} // namespace dockpulse::store
