#include "LineCoalescer.h"

#include "TaskLiveness.h"

namespace dockpulse::monitor {

LineCoalescer::LineCoalescer(QObject* timerParent, Sink sink) : m_sink(std::move(sink)), m_timer(timerParent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { flush(); });
}

void LineCoalescer::chunkDecoded()
{
    if (m_batch.isEmpty() || m_timer.isActive())
        return;
    const qint64 sinceLastMs = (steadyNowNs() - m_lastFlushNs) / 1'000'000;
    if (m_batch.size() >= kFlushLines || m_batch.byteSize() >= kFlushBytes || sinceLastMs >= kCoalesceMs)
        flush();
    else
        m_timer.start(int(kCoalesceMs - sinceLastMs));
}

void LineCoalescer::flush()
{
    m_timer.stop();
    if (m_batch.isEmpty())
        return;
    m_lastFlushNs = steadyNowNs();
    m_sink(m_batch);
    m_batch.clear();
}

} // namespace dockpulse::monitor
