#include "StoreError.h"

#include <sqlite3.h>

namespace dockpulse::store {

namespace {

StoreErrorKind kindOf(int resultCode)
{
    switch (resultCode & 0xff) { // the primary code: SQLITE_IOERR_WRITE is an SQLITE_IOERR
    case SQLITE_FULL:
        return StoreErrorKind::DiskFull;
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return StoreErrorKind::ReadOnly;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return StoreErrorKind::Corrupt;
    case SQLITE_CANTOPEN:
        return StoreErrorKind::CannotOpen;
    default:
        return StoreErrorKind::Io;
    }
}

} // namespace

StoreError sqliteError(int resultCode, const QString& file, const QString& doing, const char* sqliteMessage)
{
    const QString cause =
        sqliteMessage ? QString::fromUtf8(sqliteMessage) : QString::fromUtf8(sqlite3_errstr(resultCode));
    return StoreError{kindOf(resultCode), QStringLiteral("store %1: %2 failed: %3").arg(file, doing, cause)};
}

} // namespace dockpulse::store
