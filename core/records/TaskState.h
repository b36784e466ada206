#pragma once

#include <QString>

namespace dockpulse::monitor {

// The life of a monitoring task, as tasks.csv reports it.
enum class TaskState
{
    Starting,  // inspecting the container, opening the first stream
    Streaming, // a log stream is open and being read
    Stalled,   // the engine is not answering; opening is retried with backoff
    Exited,    // the container is not running and every line so far is read; resumes on start
    Stopped,   // the user stopped it, or the container was removed
    TimedOut,  // the task manager cancelled it for a stale heartbeat
    Failed,    // cannot be monitored (e.g. a logging driver that cannot be read back)
};

// "starting", "streaming", "stalled", "exited", "stopped", "timed_out", "failed"
QString taskStateName(TaskState state);
// Stopped, timed out and failed tasks are over: no reader, no heartbeat expected.
inline bool isFinal(TaskState state)
{
    return state == TaskState::Stopped || state == TaskState::TimedOut || state == TaskState::Failed;
}

enum class HeartbeatStrategy
{
    Ticker,
    Rotation,
    Hybrid,
    None
};
QString strategyName(HeartbeatStrategy strategy);
inline bool beatsOnTicker(HeartbeatStrategy s)
{
    return s == HeartbeatStrategy::Ticker || s == HeartbeatStrategy::Hybrid;
}
inline bool beatsOnRotation(HeartbeatStrategy s)
{
    return s == HeartbeatStrategy::Rotation || s == HeartbeatStrategy::Hybrid;
}

enum class HeartbeatSource
{
    Ticker,
    Rotation
};
QString heartbeatSourceName(HeartbeatSource source);

} // namespace dockpulse::monitor
