#include "ChartHistory.h"

#include <algorithm>

namespace dockpulse::ui {

ChartHistory::ChartHistory(qsizetype sampleCap, qsizetype heartbeatCap, qsizetype taskCap)
    : m_counts(sampleCap), m_heartbeats(heartbeatCap), m_taskCap(std::max<qsizetype>(1, taskCap)),
      m_sampleCap(std::max<qsizetype>(1, sampleCap))
{}

void ChartHistory::addSample(const monitor::MetricSample& sample)
{
    const bool dropsOldest = m_counts.size() == m_counts.capacity();
    m_counts.push({sample.wallMs, sample.threads, sample.readers, sample.monitored});
    m_latestMs = std::max(m_latestMs, sample.wallMs);
    for (const auto& a : sample.ages)
        touch(a.task, sample.wallMs).ages.push({sample.wallMs, a.ageMs});
    if (dropsOldest)
        prune();
}

void ChartHistory::addHeartbeat(const monitor::HeartbeatRecord& heartbeat)
{
    QString dropped;
    if (m_heartbeats.size() == m_heartbeats.capacity()) {
        dropped = m_heartbeats.at(0).task;
        if (auto it = m_tasks.find(dropped); it != m_tasks.end())
            it->heartbeatsKept = std::max<qsizetype>(0, it->heartbeatsKept - 1);
    }
    m_heartbeats.push(heartbeat);
    m_latestMs = std::max(m_latestMs, heartbeat.wallMs);
    ++touch(heartbeat.task, heartbeat.wallMs).heartbeatsKept;
    if (!dropped.isNull())
        prune();
}

ChartHistory::Task& ChartHistory::touch(const QString& name, qint64 wallMs)
{
    auto it = m_tasks.find(name);
    if (it == m_tasks.end()) {
        if (m_tasks.size() >= m_taskCap) {
            // Past the cap the task seen longest ago gives way: the charts follow the present.
            auto stalest = std::min_element(m_tasks.begin(), m_tasks.end(), [](const Task& a, const Task& b) {
                return a.lastSeenMs < b.lastSeenMs;
            });
            m_tasks.erase(stalest);
        }
        Task t{name, m_nextOrdinal++, wallMs, 0, telemetry::BoundedHistory<Age>(m_sampleCap)};
        it = m_tasks.insert(name, std::move(t));
    }
    it->lastSeenMs = std::max(it->lastSeenMs, wallMs);
    return *it;
}

// A task goes once nothing kept mentions it: no heartbeat in the ring and no age point as recent
// as the oldest sample kept (so its line and row last exactly as long as the data behind them).
void ChartHistory::prune()
{
    const qint64 oldestSampleMs = m_counts.isEmpty() ? 0 : m_counts.at(0).wallMs;
    m_tasks.removeIf([oldestSampleMs](const QHash<QString, Task>::iterator& it) {
        const Task& t = it.value();
        if (t.heartbeatsKept > 0)
            return false;
        return t.ages.isEmpty() || t.ages.last().wallMs < oldestSampleMs;
    });
}

QList<const ChartHistory::Task*> ChartHistory::tasks() const
{
    QList<const Task*> out;
    out.reserve(m_tasks.size());
    for (const Task& t : m_tasks)
        out.append(&t);
    std::sort(out.begin(), out.end(), [](const Task* a, const Task* b) { return a->ordinal < b->ordinal; });
    return out;
}

const ChartHistory::Task* ChartHistory::task(const QString& name) const
{
    auto it = m_tasks.constFind(name);
    return it == m_tasks.cend() ? nullptr : &it.value();
}

} // namespace dockpulse::ui
