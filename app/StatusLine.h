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

} // namespace dockpulse::cli
