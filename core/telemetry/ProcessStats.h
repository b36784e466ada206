#pragma once

#include <QtGlobal>

namespace dockpulse::telemetry {

// Facts about this process as the kernel counts them, not as we think they are.
struct ProcessStats
{
    // Entries of /proc/self/task: every OS thread of the process; -1 if unreadable.
    static int threadCount();
    // Resident set size from /proc/self/statm, in bytes; -1 if unreadable.
    static qint64 residentBytes();
};

} // namespace dockpulse::telemetry
