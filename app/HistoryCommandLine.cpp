#include "HistoryCommandLine.h"

#include "HelpText.h"

#include "TimeArgument.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

namespace {

using Command = HistoryOptions::Command;

struct HistoryOption
{
    QString shortName = {};
    QString longName = {};
    QString valueName = {}; // empty: a flag
    QString meaning = {};
    bool forExport = true;
    bool forSearch = true;

    bool takesValue() const { return !valueName.isEmpty(); }
    bool belongsTo(Command c) const { return c == Command::Export ? forExport : forSearch; }
    QString display() const
    {
        return shortName.isEmpty() ? QString(u"--"_s + longName) : u"-%1/--%2"_s.arg(shortName, longName);
    }
};

const QList<HistoryOption>& historyOptions()
{
    static const QList<HistoryOption> options = {
        {.longName = u"store"_s,
         .valueName = u"PATH"_s,
         .meaning = u"the store to read (a --store file or the dashboard's history); required. It may be "
                    u"read while dockpulse writes it."_s},
        {.longName = u"export-dir"_s,
         .valueName = u"DIR"_s,
         .meaning = u"write the five CSV files into DIR (created if missing); required"_s,
         .forSearch = false},
        {.shortName = u"m"_s,
         .longName = u"monitor"_s,
         .valueName = u"NAME|ID"_s,
         .meaning = u"only this container's history: its name (every container that had it), a full or "
                    u"short id. Repeatable. Default: every container of the store."_s},
        {.longName = u"since"_s,
         .valueName = u"TIME"_s,
         .meaning = u"from this time: RFC 3339 (2026-12-01T10:00:00Z; without a zone, local time), a date, "
                    u"Unix seconds, or a duration before now (90s, 30m, 2h). Default: the beginning."_s},
        {.longName = u"until"_s,
         .valueName = u"TIME"_s,
         .meaning = u"up to this time, included; the same forms. Default: the end."_s},
        {.longName = u"regex"_s,
         .meaning = u"QUERY is a regular expression (Perl syntax) rather than plain text"_s,
         .forExport = false},
        {.shortName = u"i"_s,
         .longName = u"ignore-case"_s,
         .meaning = u"match letters of either case"_s,
         .forExport = false},
        {.shortName = u"w"_s,
         .longName = u"word"_s,
         .meaning = u"QUERY must stand as whole words (as grep -w): the characters just before and after "
                    u"a match are not letters, digits or '_' (any character that is not ASCII counts as a "
                    u"letter). A single word is then looked up in the store's search index."_s,
         .forExport = false},
        {.longName = u"stream"_s,
         .valueName = u"S"_s,
         .meaning = u"only lines of this stream: stdout or stderr"_s,
         .forExport = false},
        {.longName = u"csv"_s,
         .meaning = u"print logs.csv rows (with its header) instead of TIME CONTAINER STREAM MESSAGE lines"_s,
         .forExport = false},
        {.longName = u"csv-raw"_s,
         .meaning = u"CSV keeps container text exactly as received (no formula guard, ANSI sequences and "
                    u"bytes that are not UTF-8 kept)"_s},
        {.longName = u"help"_s, .meaning = u"print this help and exit"_s},
    };
    return options;
}

const HistoryOption* find(Command command, QStringView longName, QStringView shortName)
{
    for (const HistoryOption& o : historyOptions()) {
        if (!o.belongsTo(command))
            continue;
        if ((!longName.isEmpty() && o.longName == longName) ||
            (!shortName.isEmpty() && !o.shortName.isEmpty() && o.shortName == shortName))
            return &o;
    }
    return nullptr;
}

QString commandName(Command command)
{
    return command == Command::Export ? u"export"_s : u"search"_s;
}

// Applies one option's value; an error message, or empty.
QString apply(HistoryOptions& o, const HistoryOption& spec, const QString& value, qint64 nowNs)
{
    const QString& name = spec.longName;
    if (name == u"store"_s)
        o.storePath = value;
    else if (name == u"export-dir"_s)
        o.exportDir = value;
    else if (name == u"monitor"_s)
        o.containers << value;
    else if (name == u"since"_s || name == u"until"_s) {
        const auto at = history::parseTimeArgument(value, nowNs);
        if (!at)
            return u"--%1: %2."_s.arg(name, at.error());
        (name == u"since"_s ? o.sinceNs : o.untilNs) = *at;
    } else if (name == u"stream"_s) {
        if (value != u"stdout"_s && value != u"stderr"_s)
            return u"--stream: \"%1\" is not stdout or stderr."_s.arg(value);
        o.stream = value;
    } else if (name == u"regex"_s)
        o.regex = true;
    else if (name == u"ignore-case"_s)
        o.ignoreCase = true;
    else if (name == u"word"_s)
        o.words = true;
    else if (name == u"csv"_s)
        o.csv = true;
    else if (name == u"csv-raw"_s)
        o.csvRaw = true;
    else if (name == u"help"_s)
        o.showHelp = true;
    if (spec.takesValue() && value.isEmpty() && name != u"monitor"_s)
        return u"%1 needs a value that is not empty."_s.arg(spec.display());
    return {};
}

} // namespace

std::optional<HistoryOptions::Command> historyCommandOf(const QStringList& arguments)
{
    if (arguments.size() < 2)
        return std::nullopt;
    if (arguments[1] == u"export"_s)
        return Command::Export;
    if (arguments[1] == u"search"_s)
        return Command::Search;
    return std::nullopt;
}

HistoryCommandLine parseHistoryCommandLine(const QStringList& arguments, qint64 nowNs)
{
    HistoryCommandLine result;
    HistoryOptions& o = result.options;
    o.command = historyCommandOf(arguments).value_or(Command::Export);
    const QString prefix = u"dockpulse %1: "_s.arg(commandName(o.command));
    QStringList errors;
    QStringList positional;
    bool optionsEnded = false;
    for (qsizetype i = 2; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (optionsEnded || a.size() < 2 || !a.startsWith(u'-')) {
            positional << a;
            continue;
        }
        if (a == u"--"_s) {
            optionsEnded = true;
            continue;
        }
        const bool isLong = a.startsWith(u"--"_s);
        const QString typed = isLong ? a.section(u'=', 0, 0) : a.left(2);
        const HistoryOption* spec = isLong ? find(o.command, QStringView(typed).mid(2), {})
                                           : find(o.command, {}, QStringView(typed).mid(1));
        if (!spec) {
            errors << u"unknown option \"%1\"."_s.arg(typed);
            continue;
        }
        QString value;
        const bool inlineValue = isLong ? a.contains(u'=') : a.size() > 2;
        if (spec->takesValue()) {
            if (inlineValue)
                value = isLong ? a.section(u'=', 1) : a.mid(a.at(2) == u'=' ? 3 : 2);
            else if (i + 1 < arguments.size())
                value = arguments[++i];
            else {
                errors << u"%1 needs a value: %2."_s.arg(typed, spec->valueName);
                continue;
            }
        } else if (inlineValue) {
            errors << u"%1 takes no value (\"%2\")."_s.arg(typed, a);
            continue;
        }
        if (const QString error = apply(o, *spec, value, nowNs); !error.isEmpty())
            errors << error;
    }
    if (o.showHelp)
        return result;
    if (o.command == Command::Search) {
        if (positional.size() == 1)
            o.query = positional.front();
        else if (positional.isEmpty())
            errors << u"give the text to search for (QUERY)."_s;
        else
            errors << u"one QUERY only (quote a query with spaces): got %1."_s.arg(positional.size());
    } else {
        for (const QString& p : std::as_const(positional))
            errors << u"unexpected argument \"%1\": export takes options only."_s.arg(p);
        if (o.exportDir.isEmpty() && errors.isEmpty())
            errors << u"--export-dir DIR is required: the folder for the five CSV files."_s;
    }
    if (o.storePath.isEmpty() && errors.isEmpty())
        errors << u"--store PATH is required: the store to read."_s;
    if (o.sinceNs && o.untilNs && *o.untilNs < *o.sinceNs)
        errors << u"--until is before --since: nothing could match."_s;
    if (!errors.isEmpty()) {
        result.exitCode = 2;
        for (const QString& e : std::as_const(errors))
            result.messages << prefix + e;
        result.messages << prefix +
                               u"\"dockpulse %1 --help\" lists its options."_s.arg(commandName(o.command));
    }
    return result;
}

QString historyHelpText(HistoryOptions::Command command)
{
    QString text =
        command == Command::Export
            ? u"Usage: dockpulse export --store PATH --export-dir DIR [--since TIME] [--until TIME]\n"
              u"                        [-m NAME|ID ...] [--csv-raw]\n\n"
              u"Writes tasks.csv, heartbeats.csv, events.csv, metrics.csv and logs.csv for a\n"
              u"stretch of the store's history, as a run's --export-dir would. No engine needed.\n\n"_s
            : u"Usage: dockpulse search --store PATH [-m NAME|ID ...] [--since TIME] [--until TIME]\n"
              u"                        [--regex] [-i] [-w] [--stream stdout|stderr] [--csv] QUERY\n\n"
              u"Prints the stored log lines that hold QUERY, oldest first, one per line:\n"
              u"TIME CONTAINER STREAM MESSAGE (control characters as \\xNN). No engine needed.\n\n"_s;
    text += u"Options:\n"_s;
    for (const HistoryOption& o : historyOptions()) {
        if (!o.belongsTo(command))
            continue;
        text += u"  "_s + (o.shortName.isEmpty() ? u"    "_s : u"-%1, "_s.arg(o.shortName)) + u"--"_s +
                o.longName + (o.takesValue() ? u" "_s + o.valueName : QString()) + u'\n';
        appendWrapped(text, {}, 8, o.meaning);
    }
    text += u'\n';
    appendWrapped(text, {}, 0,
                  u"Exit status: 0 done (a search that matched nothing included); 2 bad usage; 4 a -m "
                  u"container the store has no history of; 5 the store cannot be read or the files cannot "
                  u"be written, with a line on stderr that names the file and the cause."_s);
    return text;
}

} // namespace dockpulse::cli
