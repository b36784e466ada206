#pragma once

#include <QString>

namespace dockpulse::store {

enum class StoreErrorKind
{
    CannotOpen,  // no such directory, no permission, not a file
    Corrupt,     // quick_check failed or not a database: the file was moved aside
    NewerSchema, // written by a newer dockpulse: left as it is
    InUse,       // another process holds the store's lock
    DiskFull,    // SQLITE_FULL: writing stops and is retried
    ReadOnly,    // the file or its directory cannot be written
    Io           // any other failure of the file or of SQLite
};

// What went wrong, as a sentence that names the store's file: shown as is in the dashboard's
// banner and on stderr.
struct StoreError
{
    StoreErrorKind kind = StoreErrorKind::Io;
    QString message;
};

// The error for a failed SQLite call: its kind from the result code, its message
// "store FILE: DOING failed: SQLITE'S MESSAGE".
StoreError sqliteError(int resultCode, const QString& file, const QString& doing, const char* sqliteMessage);

} // namespace dockpulse::store
