#pragma once

#include "Records.h"

#include <QList>
#include <QString>

#include <optional>

namespace dockpulse::telemetry {

// One engine as a scrape sees it.
struct EngineStatus
{
    QString host; // as in tables and CSV (its URL)
    bool up = false;
    QString problem; // when not up: why ("reconnecting: no Docker socket at ..."), for /healthz
};

// What GET /metrics and GET /healthz read: the run at the moment of a scrape, gathered on the
// owner's thread from what the engine already keeps (task snapshots, the last metrics sample,
// the engines' states). Plain values, so that the text format and the health verdict are pure
// functions of it.
struct ScrapeSnapshot
{
    QList<monitor::TaskSnapshot> tasks; // every listed task, in the task list's order
    monitor::MetricSample sample;       // the last one taken (readers, threads, monitored)
    QList<EngineStatus> engines;
    qint64 safetyNets = 0;            // safety_net events since the run began
    std::optional<qint64> storeBytes; // the store's files on disk; none without a store
    qint64 taskTimeoutMs = 0;         // --task-timeout now
};

} // namespace dockpulse::telemetry
