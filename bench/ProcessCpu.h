#pragma once

#include <sys/resource.h>

// CPU seconds this process has used so far, user and system: the benchmarks print it beside wall
// time (a figure that waits on the engine or the disk says little about our own cost alone).
inline double cpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}
