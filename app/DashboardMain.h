#pragma once

#include "CommandLine.h"

namespace dockpulse::cli {

// `dockpulse` without --headless: the window, over the same engine headless mode drives.
int runDashboard(int argc, char* argv[], const RunOptions& options);

} // namespace dockpulse::cli
