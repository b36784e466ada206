#pragma once

#include <QtGlobal>

#include <atomic>
#include <chrono>

namespace dockpulse::monitor {

// The engine's wall clock as seen from here: the offset between its clock and ours, measured by
// the engine's watcher from /info's SystemTime (halfway through the call) at every connection.
// Engines can be remote and clocks differ; asking every task to call /info itself would also
// make hundreds of tasks starting at once hammer the engine with its most expensive call.
class EngineClock
{
public:
    static qint64 localNowNs()
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    void setOffset(qint64 engineMinusLocalNs)
    {
        m_offset.store(engineMinusLocalNs, std::memory_order_relaxed);
        m_known.store(true, std::memory_order_release);
    }
    bool isKnown() const { return m_known.load(std::memory_order_acquire); }
    // The engine's clock now, estimated (meaningful once isKnown()).
    qint64 engineNowNs() const { return localNowNs() + m_offset.load(std::memory_order_relaxed); }
    qint64 offsetNs() const { return m_offset.load(std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_offset{0};
    std::atomic<bool> m_known{false};
};

} // namespace dockpulse::monitor
