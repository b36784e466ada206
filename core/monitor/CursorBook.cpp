#include "CursorBook.h"

namespace dockpulse::monitor {

std::optional<LogCursor> CursorBook::find(const ContainerKey& key) const
{
    const auto it = m_cursors.constFind(key);
    if (it == m_cursors.cend())
        return std::nullopt;
    return *it;
}

void CursorBook::keep(const ContainerKey& key, const LogCursor& cursor)
{
    // A task that never opened a stream learnt nothing: it must not replace what an earlier
    // task of the container knew.
    if (cursor.hasOpened())
        m_cursors.insert(key, cursor);
}

} // namespace dockpulse::monitor
