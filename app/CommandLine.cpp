#include "CommandLine.h"

#include "HelpText.h"
#include "Version.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <climits>
#include <cmath>

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

namespace {

// One option, described once: the parser, the error messages and --help all read this table,
// so the help cannot drift from what is parsed. Meanings and defaults are CONTRACT.md's words.
struct OptionSpec
{
    // Every member has an initializer: GCC 12 warns when a designated initializer leaves out one without.
    QString shortName = {}; // "H", or empty
    QString longName = {};  // "host"
    QString valueName = {}; // "URL"; empty for a flag
    QString meaning = {};
    QString defaultText = {}; // empty: no "Default:" line
    QString expect = {};      // what a value must be, for error messages
    bool isSetting = false;   // a MonitorSettings field: reported in RunOptions::givenOptions

    bool takesValue() const { return !valueName.isEmpty(); }
    // How messages name it: "-H/--host", "--read-deadline".
    QString display() const
    {
        return shortName.isEmpty() ? QString(u"--"_s + longName) : u"-%1/--%2"_s.arg(shortName, longName);
    }
};

const QList<OptionSpec>& optionSpecs()
{
    static const QString ms = u"a whole number of milliseconds"_s;
    static const QList<OptionSpec> specs = {
        {.shortName = u"H"_s,
         .longName = u"host"_s,
         .valueName = u"URL"_s,
         .meaning =
             u"Docker engine: unix:///path, tcp://host:port (TLS as DOCKER_TLS_VERIFY/DOCKER_CERT_PATH "
             u"say), ssh://[user@]host[:port] (ssh options from ~/.ssh/config, more in DOCKPULSE_SSH_OPTS). "
             u"Repeatable: several engines at once. Plain tcp:// prints a warning on stderr."_s,
         .defaultText = u"DOCKER_HOST, then the current docker context, then unix:///var/run/docker.sock"_s,
         .expect = u"an engine URL such as unix:///var/run/docker.sock"_s},
        {.shortName = u"m"_s,
         .longName = u"monitor"_s,
         .valueName = u"NAME|ID"_s,
         .meaning = u"a container to monitor: name (with or without the leading /), full or short id. "
                    u"Repeatable. all: every running container, and each that starts later."_s,
         .defaultText = u"none"_s,
         .expect = u"a container name or id, or \"all\""_s},
        {.longName = u"duration"_s,
         .valueName = u"SECONDS"_s,
         .meaning = u"headless: stop after this long"_s,
         .defaultText = u"run until --until-exit or SIGINT/SIGTERM"_s,
         .expect = u"a number of seconds, such as 90 or 1.5"_s},
        {.longName = u"until-exit"_s,
         .meaning = u"headless: stop once every monitored container has stopped and all its logs are read"_s,
         .defaultText = u"off"_s},
        {.longName = u"export-dir"_s,
         .valueName = u"DIR"_s,
         .meaning = u"when the run ends, write the five CSV files below into DIR (created if missing)"_s,
         .defaultText = u"none"_s,
         .expect = u"a folder"_s},
        {.longName = u"store"_s,
         .valueName = u"PATH"_s,
         .meaning =
             u"keep every log line, heartbeat and event in this SQLite file (created if missing), and "
             u"continue each container monitored by an earlier run from where that run stopped reading, "
             u"across restarts and crashes (kill -9 included): every line exactly once"_s,
         .defaultText = u"headless: none; the dashboard: $XDG_DATA_HOME/dockpulse/history.sqlite"_s,
         .expect = u"a file path"_s},
        {.longName = u"no-store"_s, .meaning = u"keep no history"_s, .defaultText = u"off"_s},
        {.longName = u"store-max-size"_s,
         .valueName = u"SIZE"_s,
         .meaning =
             u"the store's size budget: beyond it the oldest lines, heartbeats and events are removed, "
             u"whole chunks at a time, each removal recorded as a pruned event; K, M, G or T (powers "
             u"of 1024), at least 1M; 0: no limit"_s,
         .defaultText = u"2G"_s,
         .expect = u"a size such as 500M or 2G, or 0"_s},
        {.longName = u"store-max-age"_s,
         .valueName = u"AGE"_s,
         .meaning = u"the store's age budget: lines stamped longer ago than this, and older heartbeats and "
                    u"events, are removed; s, m, h or d; 0: no limit"_s,
         .defaultText = u"30d"_s,
         .expect = u"an age such as 12h or 30d, or 0"_s},
        {.longName = u"metrics-listen"_s,
         .valueName = u"[ADDR:]PORT"_s,
         .meaning = u"serve GET /metrics (OpenMetrics text) and GET /healthz over HTTP at this address, in "
                    u"either mode; only a port: 127.0.0.1; an address beyond loopback (0.0.0.0:9464) prints "
                    u"a warning on stderr; port 0: one the system picks, said on stderr"_s,
         .defaultText = u"off"_s,
         .expect = u"a port (9464), or an address and a port (127.0.0.1:9464, [::1]:9464, 0.0.0.0:9464)"_s},
        {.longName = u"tail"_s,
         .valueName = u"N|all"_s,
         .meaning =
             u"existing log lines to read when a task starts, before following (later rotations always "
             u"continue from the cursor)"_s,
         .defaultText = u"all headless; in the dashboard, the log retention cap"_s,
         .expect = u"a whole number of lines, or \"all\""_s,
         .isSetting = true},
        {.longName = u"read-deadline"_s,
         .valueName = u"MS"_s,
         .meaning = u"lifetime of one log stream: at the deadline its reader ends and the stream rotates"_s,
         .defaultText = u"30000"_s,
         .expect = ms,
         .isSetting = true},
        {.longName = u"context-timeout"_s,
         .valueName = u"MS"_s,
         .meaning =
             u"safety net of one stream: if its reader has not ended by then, it is torn down. Must be "
             u"greater than the read deadline."_s,
         .defaultText = u"35000"_s,
         .expect = ms,
         .isSetting = true},
        {.longName = u"heartbeat-every"_s,
         .valueName = u"MS"_s,
         .meaning = u"period of the heartbeat ticker"_s,
         .defaultText = u"30000"_s,
         .expect = ms,
         .isSetting = true},
        {.longName = u"strategy"_s,
         .valueName = u"S"_s,
         .meaning = u"heartbeat strategy: ticker, rotation (after each rotation), hybrid (both), none (no "
                    u"heartbeats: the broken timeline)"_s,
         .defaultText = u"hybrid"_s,
         .expect = u"ticker, rotation, hybrid or none"_s,
         .isSetting = true},
        {.longName = u"task-timeout"_s,
         .valueName = u"MS"_s,
         .meaning = u"the task manager times out a task whose last heartbeat is older than this"_s,
         .defaultText = u"300000"_s,
         .expect = ms,
         .isSetting = true},
        {.longName = u"cleanup-every"_s,
         .valueName = u"MS"_s,
         .meaning = u"period of the task manager's cleanup"_s,
         .defaultText = u"60000"_s,
         .expect = ms,
         .isSetting = true},
        {.longName = u"sample-every"_s,
         .valueName = u"MS"_s,
         .meaning = u"period of the metrics sample (threads, readers, heartbeat ages)"_s,
         .defaultText = u"1000"_s,
         .expect = ms,
         .isSetting = true},
        {.longName = u"threads"_s,
         .valueName = u"N"_s,
         .meaning = u"worker threads that host the log readers"_s,
         .defaultText = u"the machine's ideal thread count"_s,
         .expect = u"a whole number of threads, 0 for the machine's ideal count"_s,
         .isSetting = true},
        {.longName = u"max-line"_s,
         .valueName = u"BYTES"_s,
         .meaning = u"longest log line delivered whole: a longer one goes out as pieces of at most BYTES, as "
                    u"soon as each is full (a line without a newline cannot exhaust memory); 1024 to "
                    u"268435456"_s,
         .defaultText = u"1048576 (1 MiB)"_s,
         .expect = u"a whole number of bytes"_s,
         .isSetting = true},
        {.longName = u"csv-raw"_s,
         .meaning = u"export container-controlled text exactly as received (no spreadsheet-formula guard); "
                    u"ANSI sequences and bytes that are not UTF-8 are kept too"_s,
         .defaultText = u"off"_s,
         .isSetting = true},
        {.longName = u"headless"_s,
         .meaning = u"run the same engine with no window, and end by exporting"_s,
         .defaultText = u"off (the dashboard opens)"_s},
        {.longName = u"version"_s, .meaning = u"print the version and exit"_s},
        {.longName = u"help"_s, .meaning = u"print this help and exit"_s},
    };
    return specs;
}

const OptionSpec* findLong(QStringView name)
{
    for (const OptionSpec& s : optionSpecs())
        if (s.longName == name)
            return &s;
    return nullptr;
}

const OptionSpec* findShort(QStringView name)
{
    for (const OptionSpec& s : optionSpecs())
        if (!s.shortName.isEmpty() && s.shortName == name)
            return &s;
    return nullptr;
}

struct Scan
{
    QStringList errors;
    bool help = false;
    bool version = false;
};

// Finds what QCommandLineParser would only summarise ("Unknown option 'h'"): each problem
// with the shape of the line, named as the user typed it. Tokenises like the parser
// (compacted short options, "--name=value", "--" ends the options).
Scan scanArguments(const QStringList& args)
{
    Scan scan;
    const auto isKnownOption = [](const QString& a) {
        if (a.startsWith(u"--"_s))
            return a.size() > 2 && findLong(QStringView(a).mid(2).split(u'=').front()) != nullptr;
        return a.size() > 1 && a.startsWith(u'-') && findShort(QStringView(a).mid(1, 1)) != nullptr;
    };
    bool optionsEnded = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& a = args[i];
        if (!optionsEnded && a == u"--"_s) {
            optionsEnded = true;
            continue;
        }
        if (optionsEnded || a.size() < 2 || !a.startsWith(u'-')) {
            scan.errors << u"unexpected argument \"%1\": dockpulse takes options only."_s.arg(a);
            continue;
        }
        const OptionSpec* spec = nullptr;
        QString typed;
        bool inlineValue = false;
        if (a.startsWith(u"--"_s)) {
            typed = a.section(u'=', 0, 0);
            spec = findLong(QStringView(typed).mid(2));
            inlineValue = a.contains(u'=');
        } else {
            // Every short option takes a value, so "-Hvalue" and "-H=value" are the only compact forms.
            typed = a.left(2);
            spec = findShort(QStringView(a).mid(1, 1));
            inlineValue = a.size() > 2;
            if (!spec)
                typed = a;
        }
        if (!spec) {
            scan.errors << u"unknown option \"%1\"."_s.arg(typed);
            continue;
        }
        scan.help = scan.help || spec->longName == u"help"_s;
        scan.version = scan.version || spec->longName == u"version"_s;
        if (spec->takesValue() && !inlineValue) {
            // The parser would take the next option as this one's value ("-m --headless").
            if (i + 1 >= args.size() || isKnownOption(args[i + 1]))
                scan.errors << u"%1 needs a value: %2."_s.arg(typed, spec->expect);
            else
                ++i;
        } else if (!spec->takesValue() && inlineValue) {
            scan.errors << u"%1 takes no value (\"%2\")."_s.arg(typed, a);
        }
    }
    return scan;
}

// A whole number as the contract writes it: ASCII digits only, no sign, no spaces.
std::optional<qint64> wholeNumber(const OptionSpec& spec, const QString& text, qint64 max,
                                  QStringList* errors)
{
    const bool negative = text.startsWith(u'-');
    const QStringView digits = QStringView(text).mid(negative ? 1 : 0);
    const bool allDigits = !digits.isEmpty() && std::all_of(digits.begin(), digits.end(),
                                                            [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!allDigits) {
        *errors << u"%1: \"%2\" is not %3."_s.arg(spec.display(), text, spec.expect);
        return std::nullopt;
    }
    if (negative) {
        *errors << u"%1: \"%2\" is negative; it must be %3."_s.arg(spec.display(), text, spec.expect);
        return std::nullopt;
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    if (!ok || value > max) {
        *errors << u"%1: \"%2\" is too large."_s.arg(spec.display(), text);
        return std::nullopt;
    }
    return value;
}

// --duration: seconds, possibly fractional ("1.5"), to whole milliseconds.
std::optional<qint64> durationMs(const OptionSpec& spec, const QString& text, QStringList* errors)
{
    static const QRegularExpression decimal(u"^-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$"_s);
    if (!decimal.match(text).hasMatch()) {
        *errors << u"%1: \"%2\" is not %3."_s.arg(spec.display(), text, spec.expect);
        return std::nullopt;
    }
    if (text.startsWith(u'-')) {
        *errors << u"%1: \"%2\" is negative; it must be %3."_s.arg(spec.display(), text, spec.expect);
        return std::nullopt;
    }
    const double ms = text.toDouble() * 1000.0;
    if (!std::isfinite(ms) || ms >= 9.0e18) {
        *errors << u"%1: \"%2\" is too large."_s.arg(spec.display(), text);
        return std::nullopt;
    }
    const qint64 rounded = std::llround(ms);
    if (rounded < 1) {
        *errors << u"%1: \"%2\" must be at least 0.001 seconds: a shorter run would end before it starts."_s
                       .arg(spec.display(), text);
        return std::nullopt;
    }
    return rounded;
}

// --store-max-size: a whole number with an optional K, M, G or T (powers of 1024, "KiB"/"KB"
// spellings too); 0, or at least 1 MiB (a smaller budget would prune at every commit).
std::optional<qint64> byteSize(const OptionSpec& spec, const QString& text, QStringList* errors)
{
    static const QRegularExpression size(u"^([0-9]{1,15})([KMGT](?:I?B)?)?$"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = size.match(text);
    if (!m.hasMatch()) {
        *errors << u"%1: \"%2\" is not %3."_s.arg(spec.display(), text, spec.expect);
        return std::nullopt;
    }
    const qint64 number = m.captured(1).toLongLong();
    const int shift =
        m.captured(2).isEmpty() ? 0 : 10 * (1 + int(u"KMGT"_s.indexOf(m.captured(2).at(0).toUpper())));
    if (number > (LLONG_MAX >> shift)) {
        *errors << u"%1: \"%2\" is too large."_s.arg(spec.display(), text);
        return std::nullopt;
    }
    const qint64 bytes = number << shift;
    if (bytes != 0 && bytes < (qint64(1) << 20)) {
        *errors << u"%1: \"%2\" is below the smallest budget; give at least 1M, or 0 for no limit."_s.arg(
            spec.display(), text);
        return std::nullopt;
    }
    return bytes;
}

// --store-max-age: a whole number of s, m, h or d; 0 alone for no limit.
std::optional<qint64> ageMs(const OptionSpec& spec, const QString& text, QStringList* errors)
{
    static const QRegularExpression age(u"^([0-9]{1,9})([smhd])$"_s);
    if (text == u"0"_s)
        return 0;
    const QRegularExpressionMatch m = age.match(text);
    if (!m.hasMatch()) {
        *errors << u"%1: \"%2\" is not %3."_s.arg(spec.display(), text, spec.expect);
        return std::nullopt;
    }
    const qint64 unit = m.captured(2) == u"d"_s   ? 86'400'000
                        : m.captured(2) == u"h"_s ? 3'600'000
                        : m.captured(2) == u"m"_s ? 60'000
                                                  : 1000;
    return m.captured(1).toLongLong() * unit;
}

CommandLineResult usageError(const QStringList& problems, bool hint)
{
    CommandLineResult result;
    result.exitCode = 2;
    for (const QString& p : problems)
        result.messages << u"dockpulse: "_s + p;
    if (hint)
        result.messages << u"dockpulse: \"dockpulse --help\" lists the options."_s;
    return result;
}

} // namespace

CommandLineResult parseCommandLine(const QStringList& arguments)
{
    const Scan scan = scanArguments(arguments);
    if (scan.help || scan.version) {
        CommandLineResult result;
        result.options.showHelp = scan.help;
        result.options.showVersion = !scan.help;
        return result;
    }
    if (!scan.errors.isEmpty())
        return usageError(scan.errors, true);

    QCommandLineParser parser;
    for (const OptionSpec& s : optionSpecs()) {
        QStringList names{s.longName};
        if (!s.shortName.isEmpty())
            names.prepend(s.shortName);
        parser.addOption(QCommandLineOption(names, s.meaning, s.valueName));
    }
    if (!parser.parse(arguments)) // the scan above should have caught everything
        return usageError({parser.errorText()}, true);

    CommandLineResult result;
    RunOptions& o = result.options;
    monitor::MonitorSettings& settings = o.settings;
    QStringList errors;
    QStringList exportErrors; // exit 5, when the usage is otherwise right
    // A single-valued option given twice: the last one wins, as in most command line tools.
    const auto last = [&](const OptionSpec* s) {
        return parser.values(s->longName).constLast();
    };
    const auto milliseconds = [&](const char16_t* name, qint64* field) {
        const OptionSpec* s = findLong(QStringView(name));
        if (parser.isSet(s->longName))
            if (const auto v = wholeNumber(*s, last(s), LLONG_MAX, &errors))
                *field = *v;
    };

    o.headless = parser.isSet(u"headless"_s);
    o.untilExit = parser.isSet(u"until-exit"_s);
    settings.csvRaw = parser.isSet(u"csv-raw"_s);
    for (const auto& [name, list] : {std::pair{u"host", &o.hosts}, std::pair{u"monitor", &o.monitor}}) {
        const OptionSpec* s = findLong(QStringView(name));
        for (const QString& v : parser.values(s->longName)) {
            if (v.trimmed().isEmpty())
                errors << u"%1: the value is empty; give %2."_s.arg(s->display(), s->expect);
            else
                list->append(v);
        }
    }
    if (const OptionSpec* s = findLong(u"duration"); parser.isSet(s->longName))
        o.durationMs = durationMs(*s, last(s), &errors);
    if (const OptionSpec* s = findLong(u"export-dir"); parser.isSet(s->longName)) {
        o.exportDir = last(s);
        // Found now rather than when the run ends and the export fails.
        const QFileInfo info(o.exportDir);
        if (o.exportDir.isEmpty())
            errors << u"%1: the value is empty; give %2."_s.arg(s->display(), s->expect);
        else if (info.exists() && !info.isDir())
            // Not bad usage: the export cannot be written (exit 5, CONTRACT.md).
            exportErrors
                << u"%1: \"%2\" exists and is not a folder, so the CSV files cannot be written into it."_s
                       .arg(s->display(), o.exportDir);
    }
    o.noStore = parser.isSet(u"no-store"_s);
    if (const OptionSpec* s = findLong(u"store"); parser.isSet(s->longName)) {
        o.storePath = last(s);
        if (o.storePath.isEmpty())
            errors << u"%1: the value is empty; give %2."_s.arg(s->display(), s->expect);
        else if (o.noStore)
            errors << u"%1 and --no-store: give one of them."_s.arg(s->display());
    }
    for (const QString& name : {u"store-max-size"_s, u"store-max-age"_s}) {
        const OptionSpec* s = findLong(name);
        if (!parser.isSet(s->longName))
            continue;
        if (o.noStore)
            errors << u"%1 and --no-store: give one of them."_s.arg(s->display());
        else if (name == u"store-max-size"_s)
            o.storeMaxBytes = byteSize(*s, last(s), &errors);
        else
            o.storeMaxAgeMs = ageMs(*s, last(s), &errors);
    }
    if (const OptionSpec* s = findLong(u"metrics-listen"); parser.isSet(s->longName)) {
        if (auto at = metrics::ListenAddress::parse(last(s)))
            o.metricsListen = *at;
        else
            errors << u"%1: %2."_s.arg(s->display(), at.error());
    }
    if (const OptionSpec* s = findLong(u"tail"); parser.isSet(s->longName)) {
        if (last(s) == u"all"_s)
            settings.tail = -1;
        else if (const auto v = wholeNumber(*s, last(s), LLONG_MAX, &errors))
            settings.tail = *v;
    }
    milliseconds(u"read-deadline", &settings.readDeadlineMs);
    milliseconds(u"context-timeout", &settings.contextTimeoutMs);
    milliseconds(u"heartbeat-every", &settings.heartbeatEveryMs);
    milliseconds(u"task-timeout", &settings.taskTimeoutMs);
    milliseconds(u"cleanup-every", &settings.cleanupEveryMs);
    milliseconds(u"sample-every", &settings.sampleEveryMs);
    if (const OptionSpec* s = findLong(u"strategy");
        parser.isSet(s->longName) && !monitor::parseStrategy(last(s), &settings.strategy))
        errors << u"%1: \"%2\" is not a strategy; use %3."_s.arg(s->display(), last(s), s->expect);
    if (const OptionSpec* s = findLong(u"threads"); parser.isSet(s->longName))
        if (const auto v = wholeNumber(*s, last(s), INT_MAX, &errors))
            settings.threads = int(*v);
    if (const OptionSpec* s = findLong(u"max-line"); parser.isSet(s->longName))
        if (const auto v = wholeNumber(*s, last(s), LLONG_MAX, &errors))
            settings.maxLineBytes = *v;

    // Relations between settings only mean something once every value is what the user meant.
    if (errors.isEmpty())
        errors = monitor::validateSettings(settings);
    if (!errors.isEmpty())
        return usageError(errors, false);
    if (!exportErrors.isEmpty()) {
        CommandLineResult unwritable = usageError(exportErrors, false);
        unwritable.exitCode = 5;
        return unwritable;
    }

    for (const OptionSpec& s : optionSpecs())
        if (s.isSetting && parser.isSet(s.longName))
            o.givenOptions.insert(s.longName);
    return result;
}

QString helpText()
{
    QString out = u"Usage: dockpulse [options]\n       dockpulse --headless [options]\n"
                  u"       dockpulse export --store PATH --export-dir DIR [options]\n"
                  u"       dockpulse search --store PATH [options] QUERY\n\n"_s;
    appendWrapped(out, {}, 0,
                  u"Monitors Docker containers' logs reliably, and shows how that monitoring itself is "
                  u"doing. Every monitored container is a task whose log reader reads short-lived streams "
                  u"that end at a read deadline and rotate, with heartbeats that keep the task manager from "
                  u"cancelling a healthy task."_s);
    out += u'\n';
    appendWrapped(out, {}, 0,
                  u"Without --headless, dockpulse opens the dashboard, and the options override its stored "
                  u"settings for that run. With --headless, it runs the same engine with no window and ends "
                  u"by exporting. Both modes take every option; --duration and --until-exit only matter "
                  u"headless."_s);
    out += u'\n';
    appendWrapped(out, {}, 0,
                  u"export and search read a store back, with no engine: the five CSV files for a stretch "
                  u"of its history, or the lines that hold a text. \"dockpulse export --help\" and "
                  u"\"dockpulse search --help\" list their options."_s);

    out += u"\nOptions:\n"_s;
    for (const OptionSpec& s : optionSpecs()) {
        QString names = s.shortName.isEmpty() ? QString(u"--"_s + s.longName)
                                              : u"-%1, --%2"_s.arg(s.shortName, s.longName);
        if (s.takesValue())
            names += u' ' + s.valueName;
        out += u"  "_s + names + u'\n';
        appendWrapped(out, {}, 6, s.meaning);
        if (!s.defaultText.isEmpty())
            appendWrapped(out, {}, 6, u"Default: "_s + s.defaultText);
        out += u'\n';
    }

    out += u"Exported files (RFC 4180 CSV, UTF-8, the first row names the columns):\n"_s;
    const std::pair<const char16_t*, const char16_t*> files[] = {
        {u"tasks.csv", u"one row per task, its state when the run ended"},
        {u"heartbeats.csv", u"one row per heartbeat"},
        {u"events.csv", u"task lifecycle"},
        {u"metrics.csv", u"one row per sample"},
        {u"logs.csv", u"every log line, exactly once, in each container's order"},
    };
    for (const auto& [file, what] : files)
        appendWrapped(out, u"  "_s + QString::fromUtf16(file), 18, QString::fromUtf16(what));

    out += u"\nSignals:\n"_s;
    appendWrapped(out, {}, 2, u"SIGINT or SIGTERM in headless mode: stop monitoring, export, exit 0."_s);

    out += u"\nExit status:\n"_s;
    const std::pair<const char16_t*, const char16_t*> statuses[] = {
        {u"0", u"ran (and exported, if asked)"},
        {u"2", u"bad usage or an invalid setting, with a line on stderr that names the option and why; also "
               u"a --metrics-listen address that cannot be listened on (in use, not this machine's, a "
               u"privileged port), found before monitoring"},
        {u"3", u"an engine is unreachable or refuses us, with a line on stderr that names the endpoint, the "
               u"cause (no socket, permission denied, TLS, timeout...) and what to do"},
        {u"4", u"a --monitor container does not exist"},
        {u"5", u"the export could not be written (the line on stderr names the file and the reason); "
               u"checked when the run starts, and again when it ends; or the --store file cannot be used "
               u"(in use by another process, corrupt, a newer schema, not writable), or the store could "
               u"not keep every line (disk full), with a line that names the file and the cause"},
    };
    for (const auto& [status, what] : statuses)
        appendWrapped(out, u"  "_s + QString::fromUtf16(status), 5, QString::fromUtf16(what));

    out += u"\nEnvironment:\n"_s;
    const std::pair<const char16_t*, const char16_t*> variables[] = {
        {u"DOCKER_HOST", u"the engine to use when no --host is given"},
        {u"DOCKER_CONTEXT", u"the docker context to use when neither --host nor DOCKER_HOST is given, "
                            u"instead of the current one"},
        {u"DOCKER_CONFIG", u"the docker CLI's configuration folder, holding config.json (the current "
                           u"context) and the contexts (default: ~/.docker)"},
        {u"DOCKER_TLS_VERIFY", u"when not empty, tcp:// engines are reached over TLS and their certificate "
                               u"is verified"},
        {u"DOCKER_TLS", u"when not empty, tcp:// engines are reached over TLS without verifying their "
                        u"certificate"},
        {u"DOCKER_CERT_PATH", u"the folder holding ca.pem, cert.pem and key.pem for TLS (default: "
                              u"~/.docker)"},
        {u"DOCKPULSE_SSH_OPTS", u"more ssh options for ssh:// engines, placed before dockpulse's own "
                                u"(ssh keeps the first value of an option), e.g. \"-i KEY -o "
                                u"ControlMaster=no\""},
    };
    for (const auto& [name, what] : variables)
        appendWrapped(out, u"  "_s + QString::fromUtf16(name), 21, QString::fromUtf16(what));
    return out;
}

QString versionText()
{
    return u"dockpulse "_s + QString::fromLatin1(kVersion) + u'\n';
}

} // namespace dockpulse::cli
