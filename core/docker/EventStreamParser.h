#pragma once

#include "EngineTypes.h"
#include "JsonLineSplitter.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace dockpulse::docker {

// Splits the body of GET /events (newline-delimited JSON, arriving in arbitrary pieces) into
// container events. A line that is not valid JSON is reported and skipped: one bad event must
// not end the stream that tells us about every container.
class EventStreamParser
{
public:
    static constexpr qsizetype kMaxLine = 1024 * 1024;

    struct Output
    {
        QList<ContainerEvent> events;
        QStringList errors;
    };

    void feed(QByteArrayView bytes, Output& out);
    void reset() { m_lines.reset(); }

private:
    void parseLine(QByteArrayView line, Output& out);

    JsonLineSplitter m_lines{kMaxLine};
};

} // namespace dockpulse::docker
