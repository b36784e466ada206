#include "EventStreamParser.h"

#include "EngineJson.h"

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

void EventStreamParser::feed(QByteArrayView bytes, Output& out)
{
    while (!bytes.isEmpty()) {
        const qsizetype newline = bytes.indexOf('\n');
        if (newline < 0) {
            if (!m_skipping)
                m_carry.append(bytes.data(), bytes.size());
            if (m_carry.size() > kMaxLine) {
                out.errors.append(u"an event longer than %1 bytes was skipped"_s.arg(kMaxLine));
                m_carry.clear();
                m_skipping = true;
            }
            return;
        }
        const QByteArrayView head = bytes.first(newline);
        bytes = bytes.sliced(newline + 1);
        if (m_skipping) {
            m_skipping = false;
            continue;
        }
        if (m_carry.isEmpty()) {
            parseLine(head, out);
        } else {
            m_carry.append(head.data(), head.size());
            parseLine(m_carry, out);
            m_carry.clear();
        }
    }
}

void EventStreamParser::parseLine(QByteArrayView line, Output& out)
{
    line = line.trimmed();
    if (line.isEmpty())
        return;
    auto event = parseContainerEvent(line);
    if (!event) {
        out.errors.append(event.error());
        return;
    }
    if (event.value())
        out.events.append(std::move(*event.value()));
}

} // namespace dockpulse::docker
