#pragma once

#include "LogCursor.h"

#include <QString>

#include <optional>

namespace dockpulse::monitor {

// The details of the task events about the cursor (CONTRACT.md quotes them).
QString gapDetail(const LogCursor::Gap& gap);
QString engineRepeatDetail(qint64 lines, qint64 fromNs);
QString cursorStuckDetail(qint64 forMs, std::optional<qint64> sinceNs);

} // namespace dockpulse::monitor
