#include "ProcessStats.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdio>

namespace dockpulse::telemetry {

int ProcessStats::threadCount()
{
    DIR* dir = ::opendir("/proc/self/task");
    if (!dir)
        return -1;
    int n = 0;
    while (const dirent* entry = ::readdir(dir))
        n += entry->d_name[0] != '.' ? 1 : 0;
    ::closedir(dir);
    return n;
}

qint64 ProcessStats::residentBytes()
{
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    long long size = 0;
    long long resident = 0;
    const int read = std::fscanf(f, "%lld %lld", &size, &resident);
    std::fclose(f);
    if (read != 2)
        return -1;
    return qint64(resident) * ::sysconf(_SC_PAGESIZE);
}

} // namespace dockpulse::telemetry
