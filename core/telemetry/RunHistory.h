#pragma once

#include "BoundedHistory.h"
#include "Records.h"

#include <limits>

namespace dockpulse::telemetry {

// Everything a run records besides log lines: heartbeats, task events and metric samples, for
// the dashboard's File → Export. Held within a byte budget over all three (a setting), so a
// dashboard left open for weeks keeps flat memory: past it the oldest records of the run go,
// whichever kind they are, and dropped() / droppedUntilMs() say what the export lacks.
// Metric samples are kept without their per-task ages (the charts' rings hold those).
class RunHistory
{
public:
    static constexpr qint64 kDefaultBudgetBytes = qint64(64) * 1024 * 1024;

    explicit RunHistory(qint64 budgetBytes = kDefaultBudgetBytes);

    void add(const monitor::HeartbeatRecord& r);
    void add(const monitor::TaskEventRecord& r);
    void add(monitor::MetricSample s);

    // Trims at once when the history holds more; at least 1 byte.
    void setBudget(qint64 bytes);
    qint64 budget() const { return m_budget; }
    // What the kept records cost: their structs and their strings' buffers (a shared string is
    // counted in each record that holds it, so this is an upper bound of the memory).
    qint64 bytes() const { return m_bytes; }

    const BoundedHistory<monitor::HeartbeatRecord>& heartbeats() const { return m_heartbeats; }
    const BoundedHistory<monitor::TaskEventRecord>& events() const { return m_events; }
    const BoundedHistory<monitor::MetricSample>& metrics() const { return m_metrics; }
    qint64 dropped() const { return m_heartbeats.dropped() + m_events.dropped() + m_metrics.dropped(); }
    // The wall time of the newest record the budget dropped (0 when none): the history is
    // whole after it.
    qint64 droppedUntilMs() const { return m_droppedUntilMs; }

    static qint64 costOf(const monitor::HeartbeatRecord& r);
    static qint64 costOf(const monitor::TaskEventRecord& r);
    static qint64 costOf(const monitor::MetricSample& s);

private:
    // Drops the oldest records, of any kind, until the kept ones fit the budget.
    void trim();

    static constexpr qsizetype kUncapped = std::numeric_limits<qsizetype>::max();
    BoundedHistory<monitor::HeartbeatRecord> m_heartbeats{kUncapped};
    BoundedHistory<monitor::TaskEventRecord> m_events{kUncapped};
    BoundedHistory<monitor::MetricSample> m_metrics{kUncapped};
    qint64 m_budget;
    qint64 m_bytes = 0;
    qint64 m_droppedUntilMs = 0;
};

} // namespace dockpulse::telemetry
