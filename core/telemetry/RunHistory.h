#pragma once

#include "BoundedHistory.h"
#include "Records.h"

namespace dockpulse::telemetry {

// Everything a run records besides log lines: heartbeats, task events and metric samples, for
// the charts and the exported CSV files. Bounded so that a run of any length keeps flat memory:
// the caps hold days of a typical run (a heartbeat is ~100 bytes); past them the oldest go, and
// dropped() says how many. Metric samples are kept without their per-task ages.
class RunHistory
{
public:
    static constexpr qsizetype kHeartbeatCap = 1'000'000;
    static constexpr qsizetype kEventCap = 500'000;
    static constexpr qsizetype kMetricCap = 500'000; // ~6 days at one sample a second

    void add(const monitor::HeartbeatRecord& r) { m_heartbeats.push(r); }
    void add(const monitor::TaskEventRecord& r) { m_events.push(r); }
    // Keeps the sample's counts only: its per-task ages are the charts' (ChartHistory keeps a
    // bounded ring per task) and no export uses them, so a run keeps a fixed size per sample
    // rather than one that grows with the number of tasks.
    void add(monitor::MetricSample s)
    {
        s.ages = {};
        m_metrics.push(std::move(s));
    }

    const BoundedHistory<monitor::HeartbeatRecord>& heartbeats() const { return m_heartbeats; }
    const BoundedHistory<monitor::TaskEventRecord>& events() const { return m_events; }
    const BoundedHistory<monitor::MetricSample>& metrics() const { return m_metrics; }
    qint64 dropped() const { return m_heartbeats.dropped() + m_events.dropped() + m_metrics.dropped(); }

private:
    BoundedHistory<monitor::HeartbeatRecord> m_heartbeats{kHeartbeatCap};
    BoundedHistory<monitor::TaskEventRecord> m_events{kEventCap};
    BoundedHistory<monitor::MetricSample> m_metrics{kMetricCap};
};

} // namespace dockpulse::telemetry
