#pragma once

#include "TaskState.h"

#include <QString>
#include <QStringList>

namespace dockpulse::monitor {

// Limits that validateSettings() enforces; the settings dialog uses them for its ranges.
inline constexpr qint64 kMaxDurationMs = 2147483647; // Qt timers take int milliseconds
inline constexpr int kMaxThreads = 256;
inline constexpr qint64 kMinLogRetentionLines = 1000;
inline constexpr qint64 kMaxLogRetentionLines = 10000000;
inline constexpr qint64 kMinLogBudgetMiB = 16;
inline constexpr qint64 kMaxLogBudgetMiB = 1024 * 1024;
inline constexpr qint64 kMinHistoryBudgetMiB = 1;
inline constexpr qint64 kMaxHistoryBudgetMiB = 1024 * 1024;
// The longest log line delivered as one row; longer ones are cut into pieces of this size.
inline constexpr qint64 kMinMaxLineBytes = 1024;
inline constexpr qint64 kMaxMaxLineBytes = qint64(256) << 20; // so a row's size fits 32 bits, escaped too

// The engine's tunables, with the seed design's numbers as defaults (CONTRACT.md). Every
// duration is a setting so that tests can run the seed's timelines compressed.
struct MonitorSettings
{
    qint64 readDeadlineMs = 30000;                          // --read-deadline: lifetime of one log stream
    qint64 contextTimeoutMs = 35000;                        // --context-timeout: safety net of one stream
    qint64 heartbeatEveryMs = 30000;                        // --heartbeat-every: ticker period
    HeartbeatStrategy strategy = HeartbeatStrategy::Hybrid; // --strategy
    qint64 taskTimeoutMs = 300000;                          // --task-timeout
    qint64 cleanupEveryMs = 60000;                          // --cleanup-every
    qint64 sampleEveryMs = 1000;                            // --sample-every
    int threads = 0;                       // --threads; 0 means the machine's ideal thread count
    qint64 tail = -1;                      // --tail: lines of history a task starts with; -1 = all
    bool csvRaw = false;                   // --csv-raw
    qint64 logRetentionLines = 100000;     // dashboard: lines kept per task in the log view
    qint64 logBudgetMiB = 256;             // dashboard: log view memory over every task (oldest go)
    qint64 releaseAfterMs = 300000;        // a finished task is forgotten (row, logs) this long after
    qint64 maxLineBytes = qint64(1) << 20; // --max-line: longer log lines go out in pieces of this size
    qint64 historyBudgetMiB = 64;          // dashboard: heartbeats, events and samples kept for export

    bool operator==(const MonitorSettings&) const = default;

    int effectiveThreads() const;
};

// Every problem with the settings, one sentence each, naming the option and why
// ("--context-timeout (300 ms) must be greater than --read-deadline (300 ms): ..."). Empty when
// the settings can be used. The command line and the settings dialog share this check.
QStringList validateSettings(const MonitorSettings& settings);

// Parses a --strategy value; false for anything else.
bool parseStrategy(const QString& text, HeartbeatStrategy* out);

} // namespace dockpulse::monitor
