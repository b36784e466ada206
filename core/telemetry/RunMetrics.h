#pragma once

#include "OpenMetricsText.h"
#include "ScrapeSnapshot.h"

namespace dockpulse::telemetry {

// The metric families of GET /metrics (docs/CONTRACT.md, "Metrics and health"): the process's
// readers and threads, each task's heartbeat age, counts and state, the engines, the store.
//
// Tasks are labelled {host, container} (the container's name). When two listed tasks share
// them (a container re-created under its name), the later one, the newest, is the one exported.
QList<MetricFamily> runMetricFamilies(const ScrapeSnapshot& scrape);

} // namespace dockpulse::telemetry
