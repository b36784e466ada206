#include "RunHealth.h"

using namespace Qt::StringLiterals;

namespace dockpulse::telemetry {

HealthVerdict runHealth(const ScrapeSnapshot& scrape)
{
    HealthVerdict verdict;
    for (const EngineStatus& e : scrape.engines)
        if (!e.up)
            verdict.reasons << u"engine %1 does not answer: %2"_s.arg(e.host, e.problem);
    for (const monitor::TaskSnapshot& t : scrape.tasks) {
        const QString who = u"task %1 (%2 on %3)"_s.arg(t.task, t.containerName, t.host);
        if (t.state == monitor::TaskState::TimedOut)
            verdict.reasons << u"%1: timed out: no heartbeat for %2 ms (task timeout %3 ms)"_s.arg(who)
                                   .arg(t.heartbeatAgeMs)
                                   .arg(scrape.taskTimeoutMs);
        else if (!monitor::isFinal(t.state) && t.heartbeatAgeMs >= scrape.taskTimeoutMs)
            verdict.reasons << u"%1: no heartbeat for %2 ms (task timeout %3 ms)"_s.arg(who)
                                   .arg(t.heartbeatAgeMs)
                                   .arg(scrape.taskTimeoutMs);
    }
    return verdict;
}

} // namespace dockpulse::telemetry
