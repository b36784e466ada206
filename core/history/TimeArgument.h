#pragma once

#include "Expected.h"

#include <QString>

namespace dockpulse::history {

// A --since/--until value as the docker CLI takes it (`docker logs --since`), in nanoseconds
// since the epoch (UTC):
//   - a Go duration before nowNs: "90s", "30m", "2h", "1h30m", "1.5h", "250ms";
//   - RFC 3339 with or without fraction and zone ("2026-12-01T10:00:00Z",
//     "2026-12-01T10:00:00.5+01:00", "2026-12-01T10:00:00", "2026-12-01T10:00", "2026-12-01");
//     without a zone the time is local, as the docker CLI reads it;
//   - Unix seconds with an optional fraction of up to 9 digits ("1764633600.25").
// Anything else is an error that says what was expected.
Expected<qint64, QString> parseTimeArgument(const QString& text, qint64 nowNs);

} // namespace dockpulse::history
