#include "StreamProgress.h"

#include <utility>

namespace dockpulse::monitor {

void StreamProgress::streamBegan(qint64 delivered)
{
    m_deliveredAtBegin = delivered;
    m_windowMissed = false;
}

StreamProgress::Change StreamProgress::streamEnded(const StreamEnd& end)
{
    const bool advanced = end.delivered > m_deliveredAtBegin;
    // The backoff starts over only after a stream that did its job (new lines, or it lasted its
    // deadline): one that opened and ended at once, however it ended, lets it grow.
    m_lastFruitless = !advanced && !(end.lastedDeadline && end.opened);
    if (advanced) {
        m_noProgressSinceNs = 0;
        return std::exchange(m_stuck, false) ? Change::Advances : Change::None;
    }
    if (!end.opened)
        return Change::None;
    if (!m_windowMissed && end.repeatsDone) {
        m_noProgressSinceNs = 0; // a quiet log
        return Change::None;
    }
    if (m_noProgressSinceNs == 0)
        m_noProgressSinceNs = end.nowNs;
    if (m_stuck || noProgressForMs(end.nowNs) < m_stuckAfterMs)
        return Change::None;
    m_stuck = true;
    return Change::Stuck;
}

qint64 StreamProgress::noProgressForMs(qint64 nowNs) const
{
    return m_noProgressSinceNs == 0 ? 0 : (nowNs - m_noProgressSinceNs) / 1'000'000;
}

} // namespace dockpulse::monitor
