#pragma once

// Shared by the cursor tests: a log message as a simulated engine keeps it, and the view of it
// the cursor is fed.

#include "LogMessage.h"

#include <QByteArray>

namespace cursortest {

struct Msg
{
    qint64 ts;
    dockpulse::docker::LogStreamKind stream;
    QByteArray text;
    bool endsLine = true; // false: a piece of a long line, continued by the next piece
    bool operator==(const Msg&) const = default;
};

inline dockpulse::docker::LogMessage view(const Msg& m)
{
    return dockpulse::docker::LogMessage{m.ts, m.stream, QByteArrayView(m.text), m.endsLine};
}

} // namespace cursortest
