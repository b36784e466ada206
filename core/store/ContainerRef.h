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

inline size_t qHash(const ContainerRef& ref, size_t seed = 0)
{
    return qHashMulti(seed, ref.host, ref.containerId);
}

} // namespace dockpulse::store
