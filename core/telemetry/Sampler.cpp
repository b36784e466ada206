#include "Sampler.h"

#include "ProcessStats.h"

#include <QDateTime>

namespace dockpulse::telemetry {

Sampler::Sampler(Sources sources, qint64 periodMs, QObject* parent)
    : QObject(parent), m_sources(std::move(sources))
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(int(periodMs));
    connect(&m_timer, &QTimer::timeout, this, [this] { Q_EMIT sampled(sampleNow()); });
}

void Sampler::start()
{
    m_timer.start();
}

void Sampler::setPeriod(qint64 periodMs)
{
    m_timer.setInterval(int(periodMs));
}

monitor::MetricSample Sampler::sampleNow() const
{
    monitor::MetricSample s;
    s.wallMs = QDateTime::currentMSecsSinceEpoch();
    s.threads = ProcessStats::threadCount();
    s.readers = m_sources.readers ? m_sources.readers() : 0;
    s.monitored = m_sources.monitored ? m_sources.monitored() : 0;
    s.lateReaders = m_sources.lateReaders ? m_sources.lateReaders() : 0;
    if (m_sources.ages)
        s.ages = m_sources.ages();
    for (const auto& a : std::as_const(s.ages))
        s.maxHeartbeatAgeMs = std::max(s.maxHeartbeatAgeMs, a.ageMs);
    return s;
}

} // namespace dockpulse::telemetry
