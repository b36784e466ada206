#include "JsonLineSplitter.h"

namespace dockpulse::docker {

void JsonLineSplitter::feed(QByteArrayView bytes, const std::function<void(QByteArrayView)>& line,
                            const std::function<void()>& tooLong)
{
    const auto complete = [&](QByteArrayView whole) {
        whole = whole.trimmed();
        if (!whole.isEmpty())
            line(whole);
    };
    while (!bytes.isEmpty()) {
        const qsizetype newline = bytes.indexOf('\n');
        if (newline < 0) {
            if (!m_skipping)
                m_carry.append(bytes.data(), bytes.size());
            if (m_carry.size() > m_maxLine) {
                tooLong();
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
            complete(head);
        } else {
            m_carry.append(head.data(), head.size());
            complete(m_carry);
            m_carry.clear();
        }
    }
}

} // namespace dockpulse::docker
