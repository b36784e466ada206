#include "CursorBook.h"

namespace dockpulse::monitor {

std::optional<ResumePoint> CursorBook::find(const ContainerKey& key) const
{
    const auto it = m_points.constFind(key);
    if (it == m_points.cend())
        return std::nullopt;
    return *it;
}

void CursorBook::keep(const ContainerKey& key, const ResumePoint& point)
{
    // A task that never opened a stream learnt nothing: it must not replace what an earlier
    // task of the container knew.
    if (point.cursor.hasOpened())
        m_points.insert(key, point);
}

} // namespace dockpulse::monitor
