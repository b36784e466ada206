#include "RunDeadline.h"

#include <algorithm>
#include <chrono>

namespace dockpulse::cli {

RunDeadline::RunDeadline(QObject* parent, qint64 chunkMs)
    : QObject(parent), m_chunkMs(std::max<qint64>(1, chunkMs))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RunDeadline::armOrReach);
}

void RunDeadline::start(qint64 durationMs)
{
    m_durationMs = std::max<qint64>(1, durationMs);
    m_clock.start();
    armOrReach();
}

void RunDeadline::stop()
{
    m_timer.stop();
}

qint64 RunDeadline::remainingMs() const
{
    if (!m_timer.isActive())
        return -1;
    return std::max<qint64>(0, m_durationMs - m_clock.elapsed());
}

void RunDeadline::armOrReach()
{
    const qint64 left = m_durationMs - m_clock.elapsed();
    if (left <= 0) {
        Q_EMIT reached();
        return;
    }
    // A precise timer may fire a little early; the next chunk covers what is left.
    m_timer.start(std::chrono::milliseconds(std::min(left, m_chunkMs)));
}

} // namespace dockpulse::cli
