#pragma once

#include "ListenAddress.h"
#include "MonitorSettings.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockpulse::cli {

// What one run of dockpulse was asked to do (docs/CONTRACT.md, "Command line").
struct RunOptions
{
    bool headless = false;               // --headless; otherwise the dashboard opens
    QStringList hosts;                   // -H/--host, in order; empty: resolve like the docker CLI
    QStringList monitor;                 // -m/--monitor, in order, as typed; "all": every container
    std::optional<qint64> durationMs;    // --duration (seconds on the command line); headless only
    bool untilExit = false;              // --until-exit; headless only
    QString exportDir;                   // --export-dir, as typed; empty: no export
    QString storePath;                   // --store, as typed; empty: the mode's default
    bool noStore = false;                // --no-store
    std::optional<qint64> storeMaxBytes; // --store-max-size; 0: no limit; unset: the store's default
    std::optional<qint64> storeMaxAgeMs; // --store-max-age; 0: no limit
    std::optional<metrics::ListenAddress> metricsListen; // --metrics-listen; none: no HTTP endpoint
    monitor::MonitorSettings settings;
    // Long names (no dashes) of the settings options given explicitly: "read-deadline",
    // "context-timeout", "heartbeat-every", "strategy", "task-timeout", "cleanup-every",
    // "sample-every", "threads", "tail", "max-line", "csv-raw". The dashboard overrides its stored settings
    // with these only (and, without "tail", uses its log retention cap as the tail).
    QSet<QString> givenOptions;
    bool showHelp = false;    // --help: print helpText() and exit 0
    bool showVersion = false; // --version: print versionText() and exit 0
};

struct CommandLineResult
{
    int exitCode = 0;     // 0: use options; 2: bad usage or an invalid setting; 5: --export-dir is a file
    QStringList messages; // when exitCode is not 0: lines for stderr, each starting "dockpulse: "
    RunOptions options;
};

// arguments: the whole argv, program name first. Never exits and never prints. --help and
// --version win over any other problem on the line.
CommandLineResult parseCommandLine(const QStringList& arguments);

// The --help text: plain text, lines of at most 80 columns, ends with a newline.
QString helpText();
// "dockpulse <version>\n"
QString versionText();

} // namespace dockpulse::cli
