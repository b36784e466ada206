#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace dockpulse::cli {

// `dockpulse export` and `dockpulse search` (CONTRACT.md, "Reading the store"): what they read
// from the store, as parsed.
struct HistoryOptions
{
    enum class Command
    {
        Export,
        Search
    };
    Command command = Command::Export;
    QString storePath;             // --store, required
    QStringList containers;        // -m/--monitor, as typed; empty: every container of the store
    std::optional<qint64> sinceNs; // --since, resolved against the time of parsing
    std::optional<qint64> untilNs; // --until
    bool csvRaw = false;           // --csv-raw
    QString exportDir;             // export: --export-dir, required
    QString query;                 // search: QUERY
    bool regex = false;            // search: --regex
    bool ignoreCase = false;       // search: -i/--ignore-case
    bool words = false;            // search: -w/--word, whole words
    QString stream;                // search: --stream stdout|stderr; empty: both
    bool csv = false;              // search: --csv
    bool showHelp = false;         // --help: print historyHelpText(command) and exit 0
};

struct HistoryCommandLine
{
    int exitCode = 0;     // 0: use options; 2: bad usage
    QStringList messages; // when exitCode is 2: lines for stderr, each starting "dockpulse: "
    HistoryOptions options;
};

// The command that arguments[1] names, if it is one of these.
std::optional<HistoryOptions::Command> historyCommandOf(const QStringList& arguments);
// arguments: the whole argv, program name first, then "export" or "search". nowNs resolves
// relative times ("2h": two hours before nowNs).
HistoryCommandLine parseHistoryCommandLine(const QStringList& arguments, qint64 nowNs);
QString historyHelpText(HistoryOptions::Command command);

} // namespace dockpulse::cli
