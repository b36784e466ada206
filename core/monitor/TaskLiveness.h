#pragma once

#include <QtGlobal>

#include <atomic>
#include <chrono>

namespace dockpulse::monitor {

// The steady clock every heartbeat is stamped with, in nanoseconds.
inline qint64 steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// A task's heartbeat clock, shared by its monitor (which beats, in a worker thread) and the task
// manager (which reads the age in its cleanup). Atomic, so that the cleanup sees a beat the
// moment it happens, however busy the thread that will later process its record.
class TaskLiveness
{
public:
    // The task's start counts as its first heartbeat (as in the seed).
    explicit TaskLiveness(qint64 startNs) : m_lastNs(startNs) {}

    // Records a beat at nowNs; returns the heartbeat age just before it.
    qint64 beat(qint64 nowNs)
    {
        m_count.fetch_add(1, std::memory_order_relaxed);
        return nowNs - m_lastNs.exchange(nowNs, std::memory_order_acq_rel);
    }
    qint64 ageNs(qint64 nowNs) const { return nowNs - m_lastNs.load(std::memory_order_acquire); }
    qint64 lastBeatNs() const { return m_lastNs.load(std::memory_order_acquire); }
    qint64 beats() const { return m_count.load(std::memory_order_relaxed); }

    // The task is over (stopped, timed out, failed): no reader may open for it any more. Set by
    // whichever side learns it first, the monitor or the task manager's cleanup.
    void markEnded() { m_ended.store(true, std::memory_order_release); }
    bool hasEnded() const { return m_ended.load(std::memory_order_acquire); }

private:
    std::atomic<qint64> m_lastNs;
    std::atomic<qint64> m_count{0};
    std::atomic<bool> m_ended{false};
};

} // namespace dockpulse::monitor
