#pragma once

#include "ContainerKey.h"
#include "LogCursor.h"

#include <QHash>

#include <optional>

namespace dockpulse::monitor {

// Where each container's log has been read up to, by (host, container id). When a task ends
// its cursor is kept here; a later task of the same container (ticked again in the dashboard,
// re-added by monitor-all) continues from it instead of reading the history a second time.
// A plain value store: the durable history later persists exactly these values.
class CursorBook
{
public:
    // The cursor of that container, if a task of it ever opened a stream.
    std::optional<LogCursor> find(const ContainerKey& key) const;
    void keep(const ContainerKey& key, const LogCursor& cursor);
    // The container is gone for good (removed): its id never comes back.
    void forget(const ContainerKey& key) { m_cursors.remove(key); }
    qsizetype size() const { return m_cursors.size(); }

private:
    QHash<ContainerKey, LogCursor> m_cursors;
};

} // namespace dockpulse::monitor
