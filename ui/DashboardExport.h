#pragma once

#include "MonitorEngine.h"

#include <QString>

namespace dockpulse::ui {

class LogStore;

// File → Export CSV: the five files of CONTRACT.md, through the same writers as headless mode.
// logs.csv holds the lines the dashboard retained (the log retention cap per task). Returns the
// error text (naming the file and the reason), or empty on success.
QString exportDashboard(const QString& dir, monitor::MonitorEngine& engine, const LogStore& logs,
                        bool rawMode);

} // namespace dockpulse::ui
