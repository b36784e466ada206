#include "LogCursor.h"

#include <algorithm>

namespace dockpulse::monitor {

using docker::LogMessage;

namespace {
// FNV-1a: cheap, and only ever compared against the same text seen moments earlier.
quint32 fnv1a(QByteArrayView bytes)
{
    quint32 h = 2166136261u;
    for (const char c : bytes)
        h = (h ^ quint8(c)) * 16777619u;
    return h;
}
} // namespace

LogCursor::Seen LogCursor::fingerprint(const LogMessage& m)
{
    return Seen{m.timestampNs, quint32(m.content.size()), fnv1a(m.content), m.stream};
}

qint64 LogCursor::sinceNs() const
{
    if (m_delivered == 0)
        return m_engineStartNs;
    qint64 since = m_newestNs - kReorderMarginNs;
    // Lines older than the first tail line were left out on purpose; never ask for them again.
    if (m_tailLimited)
        since = std::max(since, m_firstNs);
    return since;
}

std::optional<qint64> LogCursor::nextSince() const
{
    if (!m_opened)
        return std::nullopt;
    return sinceNs();
}

void LogCursor::beginStream()
{
    m_expected.clear();
    m_matched = 0;
    m_skipped = 0;
    m_resynced = false;
    m_preTailNs.reset();
    if (m_opened) {
        const qint64 since = sinceNs();
        for (const Seen& s : m_recent)
            if (s.ts >= since)
                m_expected.append(s);
        // The engine will also repeat lines older than the tail window that share the first
        // tail line's timestamp; they come first and are dropped until the match begins.
        if (m_tailLimited && m_delivered > 0 && since == m_firstNs)
            m_preTailNs = m_firstNs;
    }
}

LogCursor::Verdict LogCursor::accept(const LogMessage& message)
{
    const Seen seen = fingerprint(message);
    if (m_matched < m_expected.size()) {
        if (seen == m_expected[m_matched]) {
            ++m_matched;
            ++m_skipped;
            return Verdict::Skip;
        }
        if (m_matched == 0 && m_preTailNs && seen.ts == *m_preTailNs) {
            ++m_skipped;
            return Verdict::Skip;
        }
        m_resynced = true;
        m_expected.clear();
        m_matched = 0;
    }

    if (m_delivered == 0)
        m_firstNs = seen.ts;
    ++m_delivered;
    m_newestNs = std::max(m_newestNs, seen.ts);
    m_recent.push_back(seen);
    // Forget what can no longer be at or after a future since.
    const qint64 horizon = m_newestNs - kReorderMarginNs;
    while (!m_recent.empty() && m_recent.front().ts < horizon)
        m_recent.pop_front();
    return Verdict::Deliver;
}

} // namespace dockpulse::monitor
