#pragma once

#include "EngineTypes.h"

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
    void reset()
    {
        m_carry.clear();
        m_skipping = false;
    }

private:
    void parseLine(QByteArrayView line, Output& out);

    QByteArray m_carry;
    bool m_skipping = false; // inside an over-long line, dropping until its newline
};

} // namespace dockpulse::docker
