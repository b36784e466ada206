#pragma once

#include "JsonLineSplitter.h"
#include "StatsSample.h"

#include <QList>
#include <QStringList>

namespace dockpulse::docker {

// Splits the body of GET /containers/{id}/stats?stream=1 (one JSON sample a line, about one a
// second, arriving in arbitrary pieces) into samples. A malformed sample is reported and skipped:
// the next one a second later is as good.
class StatsStreamParser
{
public:
    // A sample is a few kB (more with many networks or disks).
    static constexpr qsizetype kMaxLine = 1024 * 1024;

    struct Output
    {
        QList<StatsSample> samples;
        QStringList errors;
    };

    void feed(QByteArrayView bytes, Output& out);
    void reset() { m_lines.reset(); }

private:
    JsonLineSplitter m_lines{kMaxLine};
};

} // namespace dockpulse::docker
