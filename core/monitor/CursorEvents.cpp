#include "CursorEvents.h"

#include "LogTimestamp.h"

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

namespace {
QString stamp(qint64 ns)
{
    return QString::fromLatin1(docker::formatRfc3339Nanos(ns));
}
} // namespace

QString gapDetail(const LogCursor::Gap& gap)
{
    return u"the engine's log no longer holds the lines at the cursor (rotated away or truncated before they "
           u"were read): lines stamped from %1 to %2 may be missing"_s.arg(stamp(gap.fromNs),
                                                                           stamp(gap.toNs));
}

QString engineRepeatDetail(qint64 lines, qint64 fromNs)
{
    return u"%1 lines the engine sent again (from %2, older than the newest line of their stream): dropped"_s
        .arg(lines)
        .arg(stamp(fromNs));
}

QString cursorStuckDetail(qint64 forMs, std::optional<qint64> sinceNs)
{
    return u"the cursor has not advanced for %1 ms while the engine has lines after it (since %2)"_s
        .arg(forMs)
        .arg(sinceNs ? stamp(*sinceNs) : u"the start"_s);
}

} // namespace dockpulse::monitor
