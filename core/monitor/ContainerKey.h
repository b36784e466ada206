#pragma once

#include <QHash>
#include <QString>

namespace dockpulse::monitor {

// A container on its engine: what a log cursor and a re-monitoring backoff belong to. Task
// names ("container_" + 12 hex digits) are neither unique across engines nor stable across
// tasks, so nothing that must outlive a task is keyed by them.
struct ContainerKey
{
    QString host; // as shown in tables and CSV
    QString containerId;

    bool operator==(const ContainerKey&) const = default;
};

inline size_t qHash(const ContainerKey& key, size_t seed = 0)
{
    return qHashMulti(seed, key.host, key.containerId);
}

} // namespace dockpulse::monitor
