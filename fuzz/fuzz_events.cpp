// The events stream (newline-delimited JSON in arbitrary pieces): the same events and errors fed
// whole or split.
#include "EventStreamParser.h"
#include "FuzzSplit.h"

using namespace dockpulse::docker;
using namespace dockpulse::fuzz;

namespace {
QList<QString> summary(const EventStreamParser::Output& out)
{
    QList<QString> s;
    for (const ContainerEvent& e : out.events)
        s << e.action + u'|' + e.id + u'|' + e.name + u'|' + e.oldName + u'|' + QString::number(e.timeNs);
    s += out.errors;
    return s;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size)
{
    const auto [a, b] = feedWholeAndSplit<EventStreamParser>(splitInput(bytes, size));
    require(summary(a) == summary(b));
    return 0;
}
