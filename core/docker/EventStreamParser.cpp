#include "EventStreamParser.h"

#include "EngineJson.h"

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

void EventStreamParser::feed(QByteArrayView bytes, Output& out)
{
    m_lines.feed(
        bytes, [&](QByteArrayView line) { parseLine(line, out); },
        [&] { out.errors.append(u"an event longer than %1 bytes was skipped"_s.arg(kMaxLine)); });
}

void EventStreamParser::parseLine(QByteArrayView line, Output& out)
{
    auto event = parseContainerEvent(line);
    if (!event) {
        out.errors.append(event.error());
        return;
    }
    if (event.value())
        out.events.append(std::move(*event.value()));
}

} // namespace dockpulse::docker
