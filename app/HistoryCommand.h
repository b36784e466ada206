#pragma once

#include "HistoryCommandLine.h"

#include <cstdio>

namespace dockpulse::cli {

inline constexpr int kExitUnknownContainer = 4;
inline constexpr int kExitStoreUnusable = 5;

// Runs `dockpulse export` or `dockpulse search` on the store: matches or a summary to out,
// problems to err (each line naming the file and the cause). Returns the exit status
// (CONTRACT.md): 0 done, 4 a -m container the store has no history of, 5 the store cannot be
// read or the export cannot be written.
int runHistoryCommand(const HistoryOptions& options, std::FILE* out, std::FILE* err);

} // namespace dockpulse::cli
