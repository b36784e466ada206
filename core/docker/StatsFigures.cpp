#include "StatsFigures.h"

namespace dockpulse::docker {

namespace {

// The CLI's formula: the container's CPU time over the host's, times the online CPUs.
std::optional<double> cpuShare(const CpuCounters& now, const CpuCounters& before)
{
    if (before.systemNs == 0 || now.totalNs < before.totalNs || now.systemNs <= before.systemNs)
        return std::nullopt;
    const double cpuDelta = double(now.totalNs - before.totalNs);
    const double systemDelta = double(now.systemNs - before.systemNs);
    return cpuDelta / systemDelta * double(now.onlineCpus) * 100.0;
}

quint64 memoryUsed(const StatsSample& s)
{
    if (s.totalInactiveFile && *s.totalInactiveFile < s.memUsage)
        return s.memUsage - *s.totalInactiveFile;
    if (!s.totalInactiveFile && s.inactiveFile && *s.inactiveFile < s.memUsage)
        return s.memUsage - *s.inactiveFile;
    return s.memUsage;
}

} // namespace

StatsFigures statsFigures(const StatsSample& now, const StatsSample* previous)
{
    StatsFigures f;
    if (!now.running)
        return f;
    const bool previousUsable = previous && previous->running && previous->readNs < now.readNs &&
                                previous->cpu.totalNs <= now.cpu.totalNs &&
                                previous->cpu.systemNs < now.cpu.systemNs;
    f.cpuPercent = previousUsable ? cpuShare(now.cpu, previous->cpu) : cpuShare(now.cpu, now.preCpu);
    f.memUsedBytes = memoryUsed(now);
    f.memLimitBytes = now.memLimit;
    f.netRxBytes = now.netRxBytes;
    f.netTxBytes = now.netTxBytes;
    f.blockReadBytes = now.blockReadBytes;
    f.blockWriteBytes = now.blockWriteBytes;
    f.pids = now.pids;
    return f;
}

} // namespace dockpulse::docker
