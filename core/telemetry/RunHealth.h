#pragma once

#include "ScrapeSnapshot.h"

#include <QStringList>

namespace dockpulse::telemetry {

// GET /healthz: healthy while every engine answers and no task has gone without a heartbeat for
// the task timeout (a task that timed out stays a reason while it is listed).
struct HealthVerdict
{
    QStringList reasons; // one line each; none when healthy
    bool healthy() const { return reasons.isEmpty(); }
};

HealthVerdict runHealth(const ScrapeSnapshot& scrape);

} // namespace dockpulse::telemetry
