#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace dockpulse::docker {

// Docker's log timestamps: RFC 3339 with 0 to 9 fraction digits ("2026-11-29T05:04:10.206123456Z"
// or with a numeric offset), kept as exact integer nanoseconds since the Unix epoch (UTC).
// Rejects second 60 (the engine never writes leap seconds) and times qint64 cannot hold.
std::optional<qint64> parseRfc3339Nanos(QByteArrayView text);

// "2026-11-29T05:04:10.206123456Z": always 9 fraction digits, UTC.
QByteArray formatRfc3339Nanos(qint64 nanosSinceEpoch);

// The engine API's "since"/"until" form: "<seconds>.<9 digits>".
QByteArray formatUnixNanosParam(qint64 nanosSinceEpoch);

// "2026-11-29T05:04:10.206Z": the times dockpulse itself produces, UTC with milliseconds.
QByteArray formatIsoMillis(qint64 msecsSinceEpoch);

} // namespace dockpulse::docker
