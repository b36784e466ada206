#pragma once

#include "SettingsStore.h"

#include <QSet>

namespace dockpulse::ui {

// The settings one dashboard run uses: the stored ones, with the options given explicitly on
// the command line laid over them (CONTRACT.md: "in the dashboard they override the stored
// settings for that run"). Takes cli::RunOptions' fields rather than the struct because the ui
// library must not depend on the app's command line library:
//   effectiveSettings(stored, options.givenOptions, options.settings, options.hosts)
// - givenOptions: long option names as RunOptions::givenOptions holds them ("read-deadline",
//   "context-timeout", "heartbeat-every", "strategy", "task-timeout", "cleanup-every",
//   "sample-every", "threads", "tail", "max-line", "csv-raw"); only those fields come from cmdlineSettings.
// - cmdlineHosts: replace the stored hosts when not empty.
// - Without "tail" given, the tail is the log retention cap: the stored tail when it is a number
//   below the cap, else the cap itself (more lines than the log view keeps would only be read
//   to be dropped). A given --tail is used as given, "all" included.
// The result is not validated: a mix of stored and given values can break a rule that neither
// breaks alone (--read-deadline 40000 over a stored context timeout of 35000), so the caller
// runs validateSettings() on it and reports the problems.
DashboardSettings effectiveSettings(const DashboardSettings& stored, const QSet<QString>& givenOptions,
                                    const monitor::MonitorSettings& cmdlineSettings,
                                    const QStringList& cmdlineHosts);

// What the command line of this run lays over the stored settings; kept apart from them, so
// that saving the settings never stores a one-run override (CONTRACT.md).
struct RunOverrides
{
    QSet<QString> givenOptions;        // as effectiveSettings() reads them
    monitor::MonitorSettings settings; // the command line's values (only given ones count)
    QStringList hosts;                 // -H values; empty = none given
    bool isEmpty() const { return givenOptions.isEmpty() && hosts.isEmpty(); }
};

DashboardSettings effectiveSettings(const DashboardSettings& stored, const RunOverrides& overrides);

// The options of `overrides` as the user typed them ("--host", "--tail"), for the settings
// dialog to say which fields this run does not take from it.
QStringList overriddenOptions(const RunOverrides& overrides);

} // namespace dockpulse::ui
