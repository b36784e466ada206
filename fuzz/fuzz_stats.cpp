// The stats stream (one JSON sample a line, in arbitrary pieces): the same samples and errors fed
// whole or split, and figures from each sample against the one before that are never negative,
// infinite or NaN.
#include "FuzzSplit.h"
#include "StatsFigures.h"
#include "StatsStreamParser.h"

#include <cmath>

using namespace dockpulse::docker;
using namespace dockpulse::fuzz;

namespace {
QList<QString> summary(const StatsStreamParser::Output& out)
{
    QList<QString> s;
    for (const StatsSample& x : out.samples)
        s << QString::number(x.readNs) + u'|' + QString::number(x.cpu.totalNs) + u'|' +
                 QString::number(x.memUsage) + u'|' + QString::number(x.pids);
    s += out.errors;
    return s;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size)
{
    const auto [a, b] = feedWholeAndSplit<StatsStreamParser>(splitInput(bytes, size));
    require(summary(a) == summary(b));
    const StatsSample* previous = nullptr;
    for (const StatsSample& s : a.samples) {
        const StatsFigures f = statsFigures(s, previous);
        if (f.cpuPercent)
            require(std::isfinite(*f.cpuPercent) && *f.cpuPercent >= 0);
        require(f.memUsedBytes <= s.memUsage);
        previous = &s;
    }
    return 0;
}
