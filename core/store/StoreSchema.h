#pragma once

#include "SqliteConnection.h"

#include <optional>

namespace dockpulse::store {

// The schema version this build writes and reads (PRAGMA user_version); docs/STORE.md.
inline constexpr int kStoreSchemaVersion = 3;
// The oldest version StoreReader still reads: version 1 has no search index (a search scans),
// versions 1 and 2 no metric samples (an export's metrics.csv is its header).
inline constexpr int kOldestReadableSchemaVersion = 1;

// Brings a store from its user_version up to kStoreSchemaVersion, one transaction per step (the
// version is set inside the step's transaction, so a crash leaves either version, never half of
// one). A newer version is refused by the caller before this runs.
std::optional<StoreError> migrateStore(SqliteConnection& connection, int fromVersion);

} // namespace dockpulse::store
