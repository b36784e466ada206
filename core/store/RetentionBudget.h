#pragma once

#include <QString>
#include <QtGlobal>

namespace dockpulse::store {

// The store's retention limits (docs/STORE.md, "Retention"); 0 = no limit.
struct RetentionBudget
{
    qint64 maxBytes = 0; // the database's used pages, (page_count - freelist_count) * page_size
    qint64 maxAgeMs = 0; // by the lines' own timestamps, the records' wall times
    qsizetype linesPerTransaction = 50'000; // one prune transaction removes about this many at most

    bool isEmpty() const { return maxBytes <= 0 && maxAgeMs <= 0; }
    // A size pass that starts above maxBytes goes down to this, so that passes (and their
    // events) come one per twentieth of the budget ingested, not one per commit.
    qint64 lowWaterBytes() const { return maxBytes - maxBytes / 20; }
};

// "2 GiB", "4 MiB", "1536 KiB", "1000 bytes": as a pruned event's reason says it.
QString describeBytes(qint64 bytes);
// "30 days", "1 hour", "20 minutes", "90 seconds", "1500 ms".
QString describeAge(qint64 ms);

} // namespace dockpulse::store
