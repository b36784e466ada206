#include "TaskState.h"

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

QString taskStateName(TaskState state)
{
    switch (state) {
    case TaskState::Starting:
        return u"starting"_s;
    case TaskState::Streaming:
        return u"streaming"_s;
    case TaskState::Stalled:
        return u"stalled"_s;
    case TaskState::Exited:
        return u"exited"_s;
    case TaskState::Stopped:
        return u"stopped"_s;
    case TaskState::TimedOut:
        return u"timed_out"_s;
    case TaskState::Failed:
        return u"failed"_s;
    }
    return u"failed"_s;
}

QString strategyName(HeartbeatStrategy strategy)
{
    switch (strategy) {
    case HeartbeatStrategy::Ticker:
        return u"ticker"_s;
    case HeartbeatStrategy::Rotation:
        return u"rotation"_s;
    case HeartbeatStrategy::Hybrid:
        return u"hybrid"_s;
    case HeartbeatStrategy::None:
        return u"none"_s;
    }
    return u"none"_s;
}

QString heartbeatSourceName(HeartbeatSource source)
{
    return source == HeartbeatSource::Ticker ? u"ticker"_s : u"rotation"_s;
}

} // namespace dockpulse::monitor
