#pragma once

#include "Expected.h"
#include "SqliteConnection.h"
#include "StoreError.h"
#include "StoreLock.h"

#include <memory>

namespace dockpulse::store {

// The writing side of a store, opened: its lock and its one writing connection.
struct WritableStore
{
    StoreLock lock;
    std::unique_ptr<SqliteConnection> connection;
};

// Opens (creating it and its folder if need be) the store at path for writing, in this order:
// the lock (one process per store), PRAGMA quick_check (a corrupt or truncated file, or one that
// is no database, is moved aside to "<path>.corrupt-<UTC time>" and refused: the next open
// starts a fresh store), the schema version (a newer one is refused, the file left alone), WAL
// and synchronous=NORMAL, then the migrations up to kStoreSchemaVersion.
Expected<WritableStore, StoreError> openWritableStore(const QString& path);

// The name a corrupt store is moved to: "<path>.corrupt-20261202T010203.456Z".
QString corruptAsideName(const QString& path);

} // namespace dockpulse::store
