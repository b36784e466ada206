#pragma once

#include "StatsSample.h"

#include <optional>

namespace dockpulse::docker {

// What `docker stats` shows for a container, computed as the docker CLI computes it.
struct StatsFigures
{
    // The container's share of the host's CPU time times the online CPUs, in percent: 100 is one
    // core busy, 200 two. None for a first sample without an earlier one, or after a restart
    // (the counters went back).
    std::optional<double> cpuPercent;
    // Usage less the inactive file cache (cgroup v1: total_inactive_file; v2: inactive_file),
    // which the kernel can drop at once; usage itself where the engine gives neither.
    quint64 memUsedBytes = 0;
    quint64 memLimitBytes = 0;
    quint64 netRxBytes = 0;
    quint64 netTxBytes = 0;
    quint64 blockReadBytes = 0;
    quint64 blockWriteBytes = 0;
    qint64 pids = 0;
};

// previous: our own earlier sample of the same container (a stats stream that rotates at its
// read deadline begins without the engine's previous reading), or nullptr. The CPU share is taken
// against previous when it is older and its counters are not ahead, else against the sample's own
// previous reading.
StatsFigures statsFigures(const StatsSample& now, const StatsSample* previous);

} // namespace dockpulse::docker
