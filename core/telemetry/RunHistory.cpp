#include "RunHistory.h"

namespace dockpulse::telemetry {

namespace {

// A string's heap buffer: Qt's header and the UTF-16 payload it reserved. Empty strings share
// Qt's static empty data.
qint64 stringCost(const QString& s)
{
    return s.capacity() == 0 ? 0 : 16 + qint64(s.capacity()) * qint64(sizeof(QChar));
}

// The deque's slot for one record.
template <typename T>
constexpr qint64 slotCost = qint64(sizeof(T));

} // namespace

RunHistory::RunHistory(qint64 budgetBytes) : m_budget(std::max<qint64>(1, budgetBytes)) {}

qint64 RunHistory::costOf(const monitor::HeartbeatRecord& r)
{
    return slotCost<monitor::HeartbeatRecord> + stringCost(r.task) + stringCost(r.containerName);
}

qint64 RunHistory::costOf(const monitor::TaskEventRecord& r)
{
    return slotCost<monitor::TaskEventRecord> + stringCost(r.task) + stringCost(r.event) +
           stringCost(r.detail) + stringCost(r.containerName);
}

qint64 RunHistory::costOf(const monitor::MetricSample& /*sample*/)
{
    return slotCost<monitor::MetricSample>; // kept without ages
}

void RunHistory::add(const monitor::HeartbeatRecord& r)
{
    m_heartbeats.push(r);
    m_bytes += costOf(r);
    trim();
}

void RunHistory::add(const monitor::TaskEventRecord& r)
{
    m_events.push(r);
    m_bytes += costOf(r);
    trim();
}

void RunHistory::add(monitor::MetricSample s)
{
    s.ages = {};
    m_bytes += costOf(s);
    m_metrics.push(std::move(s));
    trim();
}

void RunHistory::setBudget(qint64 bytes)
{
    m_budget = std::max<qint64>(1, bytes);
    trim();
}

void RunHistory::trim()
{
    while (m_bytes > m_budget) {
        // The oldest first record of the three (records of one kind arrive in time order).
        qint64 oldest = std::numeric_limits<qint64>::max();
        int kind = -1;
        const auto consider = [&](const auto& history, int k) {
            if (!history.isEmpty() && history.first().wallMs < oldest) {
                oldest = history.first().wallMs;
                kind = k;
            }
        };
        consider(m_heartbeats, 0);
        consider(m_events, 1);
        consider(m_metrics, 2);
        if (kind < 0)
            return; // nothing kept: cannot be over
        const auto drop = [this](auto& history) {
            m_bytes -= costOf(history.first());
            history.dropOldest();
        };
        if (kind == 0)
            drop(m_heartbeats);
        else if (kind == 1)
            drop(m_events);
        else
            drop(m_metrics);
        m_droppedUntilMs = std::max(m_droppedUntilMs, oldest);
    }
}

} // namespace dockpulse::telemetry
