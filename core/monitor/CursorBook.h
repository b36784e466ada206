#pragma once

#include "ContainerKey.h"
#include "LogCursor.h"
#include "ResumePoint.h"

#include <QHash>

#include <optional>

namespace dockpulse::monitor {

// Where each container's log has been read up to, by (host, container id). When a task ends
// its cursor is kept here; a later task of the same container (ticked again in the dashboard,
// re-added by monitor-all) continues from it instead of reading the history a second time.
// The durable store seeds it at start with the resume points of an earlier run.
class CursorBook
{
public:
    // Where that container's next task starts, if a task of it ever opened a stream.
    std::optional<ResumePoint> find(const ContainerKey& key) const;
    void keep(const ContainerKey& key, const LogCursor& cursor) { keep(key, ResumePoint{cursor, {}}); }
    void keep(const ContainerKey& key, const ResumePoint& point);
    // The container is gone for good (removed): its id never comes back.
    void forget(const ContainerKey& key) { m_points.remove(key); }
    qsizetype size() const { return m_points.size(); }

private:
    QHash<ContainerKey, ResumePoint> m_points;
};

} // namespace dockpulse::monitor
