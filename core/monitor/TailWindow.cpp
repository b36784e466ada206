#include "TailWindow.h"

#include <algorithm>

namespace dockpulse::monitor {

qint64 TailWindow::next() const
{
    if (!m_hi) // no upper bound yet: grow fast, a miss is cheap
        return std::min(kMaximum, std::max(kMinimum, m_lo * 4));
    const qint64 hi = *m_hi;
    // Close enough: take the bound (the engine then decodes at most 2 * kMinimum lines it
    // filters out). Otherwise bisect: a short window costs one quick retry.
    if (hi - m_lo <= 2 * kMinimum)
        return hi;
    return m_lo + (hi - m_lo) / 2;
}

void TailWindow::missed(qint64 window)
{
    m_lo = std::max(m_lo, window);
    // More lines arrived than allowed for (or the bound was low to begin with).
    m_allowance = std::min(kMaximum, m_allowance * 2);
    if (m_hi && *m_hi <= m_lo)
        m_hi.reset(); // the bound was wrong (more lines arrived than allowed for)
}

void TailWindow::reached(qint64 window)
{
    m_hi = m_hi ? std::min(*m_hi, window) : window;
    if (*m_hi < m_lo)
        m_lo = 0;
    m_allowance = std::max(kMinimum, m_allowance / 2);
}

void TailWindow::measured(qint64 lines, qint64 window)
{
    m_lo = std::max<qint64>(0, lines - 1);
    m_hi = std::max<qint64>(lines, 1);
    if (lines > window)
        m_allowance = std::min(kMaximum, m_allowance * 2);
    else
        m_allowance = std::max(kMinimum, m_allowance / 2);
}

void TailWindow::consumed(qint64 lines)
{
    m_lo = std::max<qint64>(0, m_lo - lines);
    if (m_hi)
        m_hi = std::max(kMinimum, *m_hi - lines);
}

void TailWindow::newStream()
{
    if (m_hi)
        m_hi = std::min(kMaximum, *m_hi + m_allowance);
}

} // namespace dockpulse::monitor
