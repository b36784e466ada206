#pragma once

#include <QHash>
#include <QString>

namespace dockpulse::store {

// A container on its engine, as the store keys its history: the same two fields as
// monitor::ContainerKey, which the store cannot include (store links docker and records, not
// monitor; core/CMakeLists.txt). A container re-created under the same name has another id and
// so a history of its own.
struct ContainerRef
{
    QString host; // the engine's endpoint as shown in tables and CSV
    QString containerId;

    bool operator==(const ContainerRef&) const = default;
};

// The name of the task that monitors a container (CONTRACT.md): "container_" and the first 12
// characters of its id. The events the store writes itself (gap, pruned) carry it too.
inline QString taskNameOf(const ContainerRef& ref)
{
    return QStringLiteral("container_") + ref.containerId.left(12);
}

inline size_t qHash(const ContainerRef& ref, size_t seed = 0)
{
    return qHashMulti(seed, ref.host, ref.containerId);
}

} // namespace dockpulse::store
