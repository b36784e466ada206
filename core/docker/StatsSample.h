#pragma once

#include "Expected.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace dockpulse::docker {

// The CPU counters of one stats sample, in nanoseconds.
struct CpuCounters
{
    quint64 totalNs = 0;  // the container's CPU time (cpu_usage.total_usage)
    quint64 systemNs = 0; // the host's CPU time, all CPUs together (system_cpu_usage); 0: none
    int onlineCpus = 0;   // online_cpus, or the length of percpu_usage where the engine gives none
};

// One answer of GET /containers/{id}/stats, one line of its stream: the engine's counters as they
// are, for cgroup v1 and v2 alike (the field names of memory_stats.stats differ between the two).
// The figures a user reads (CPU %, memory used) come from two samples: StatsFigures.h.
struct StatsSample
{
    bool running = false; // a stopped container's sample has "read" in year 1 and no counters
    qint64 readNs = 0;    // when the engine read the counters, on its clock
    CpuCounters cpu;
    CpuCounters preCpu; // the engine's previous reading, if it kept one (systemNs 0 if not)
    quint64 memUsage = 0;
    quint64 memLimit = 0;
    std::optional<quint64> totalInactiveFile; // cgroup v1: memory_stats.stats.total_inactive_file
    std::optional<quint64> inactiveFile;      // cgroup v2 (v1 has it too): stats.inactive_file
    quint64 netRxBytes = 0;                   // summed over the container's networks
    quint64 netTxBytes = 0;
    quint64 blockReadBytes = 0; // blkio_stats.io_service_bytes_recursive, "read" and "write"
    quint64 blockWriteBytes = 0;
    qint64 pids = 0;
};

// A malformed answer is an error that says what was wrong; fields the engine left out are 0.
Expected<StatsSample, QString> parseStatsSample(QByteArrayView json);

} // namespace dockpulse::docker
