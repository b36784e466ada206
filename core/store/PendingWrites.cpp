#include "PendingWrites.h"

namespace dockpulse::store {

void PendingWrites::absorb(PendingWrites&& newer)
{
    engines.append(std::move(newer.engines));
    containers.append(std::move(newer.containers));
    lines.append(std::move(newer.lines));
    for (auto it = newer.latestCursors.begin(); it != newer.latestCursors.end(); ++it)
        latestCursors.insert(it.key(), std::move(it.value()));
    events.append(std::move(newer.events));
    heartbeats.append(std::move(newer.heartbeats));
    samples.append(std::move(newer.samples));
    retiredCursors.append(std::move(newer.retiredCursors));
    lineCount += newer.lineCount;
    byteCount += newer.byteCount;
    newer = PendingWrites();
}

} // namespace dockpulse::store
