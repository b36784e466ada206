#pragma once

#include "Records.h"

#include <QList>
#include <QString>

namespace dockpulse::cli {

// Headless mode's one-line status for stderr:
//   "dockpulse: 3 tasks (2 streaming, 1 exited) | 120,433 lines | max heartbeat age 1.2 s | readers 2 |
//   threads 7"
// Only our own words and numbers: container text never reaches the terminal this way.
QString formatStatusLine(const QList<monitor::TaskSnapshot>& tasks, const monitor::MetricSample& sample);

// A message for the terminal with every control character (C0 but tab and newline, DEL, C1) written as
// \xNN: error texts can carry an engine's or a container's words, and an escape sequence in them
// must not drive the user's terminal.
QString terminalSafe(const QString& message);

} // namespace dockpulse::cli
