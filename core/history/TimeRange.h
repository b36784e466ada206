#pragma once

#include <QtGlobal>

#include <limits>

namespace dockpulse::history {

// --since and --until, both included, in nanoseconds since the epoch: log lines carry Docker's
// nanosecond times, events and heartbeats our own milliseconds.
struct TimeRange
{
    qint64 sinceNs = std::numeric_limits<qint64>::min();
    qint64 untilNs = std::numeric_limits<qint64>::max();

    bool holdsNs(qint64 ns) const { return ns >= sinceNs && ns <= untilNs; }
    bool holdsMs(qint64 ms) const { return ms >= sinceMs() && ms <= untilMs(); }
    // The milliseconds that hold a time of the range (rounded outwards, so nothing at an edge is lost).
    qint64 sinceMs() const
    {
        return sinceNs == std::numeric_limits<qint64>::min() ? sinceNs : floorMs(sinceNs);
    }
    qint64 untilMs() const
    {
        return untilNs == std::numeric_limits<qint64>::max() ? untilNs : floorMs(untilNs);
    }

private:
    static qint64 floorMs(qint64 ns) { return ns >= 0 ? ns / 1'000'000 : -((-ns + 999'999) / 1'000'000); }
};

} // namespace dockpulse::history
