// parseCommandLine: what each option sets, the defaults, which options count as given, and
// every way a line can be refused (docs/CONTRACT.md, "Command line").
#include "CommandLine.h"
#include "CommandLineTestSupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using clitest::cmd;
using dockpulse::cli::CommandLineResult;
using dockpulse::cli::parseCommandLine;
using dockpulse::cli::RunOptions;

namespace {

// One field of RunOptions by name, so that a single table covers them all.
QVariant field(const RunOptions& o, const QString& name)
{
    const auto& s = o.settings;
    const QHash<QString, QVariant> fields = {
        {u"headless"_s, o.headless},
        {u"hosts"_s, o.hosts},
        {u"monitor"_s, o.monitor},
        {u"durationMs"_s, o.durationMs ? QVariant(*o.durationMs) : QVariant()},
        {u"untilExit"_s, o.untilExit},
        {u"exportDir"_s, o.exportDir},
        {u"tail"_s, s.tail},
        {u"readDeadlineMs"_s, s.readDeadlineMs},
        {u"contextTimeoutMs"_s, s.contextTimeoutMs},
        {u"heartbeatEveryMs"_s, s.heartbeatEveryMs},
        {u"strategy"_s, dockpulse::monitor::strategyName(s.strategy)},
        {u"taskTimeoutMs"_s, s.taskTimeoutMs},
        {u"cleanupEveryMs"_s, s.cleanupEveryMs},
        {u"sampleEveryMs"_s, s.sampleEveryMs},
        {u"threads"_s, s.threads},
        {u"csvRaw"_s, s.csvRaw},
        {u"maxLineBytes"_s, s.maxLineBytes},
        {u"showHelp"_s, o.showHelp},
        {u"showVersion"_s, o.showVersion},
    };
    Q_ASSERT(fields.contains(name));
    return fields.value(name);
}

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QVariant>("expected");

        // Absent: the seed's numbers and CONTRACT.md's defaults.
        const QStringList none = cmd({});
        QTest::newRow("default dashboard") << none << u"headless"_s << QVariant(false);
        QTest::newRow("default hosts") << none << u"hosts"_s << QVariant(QStringList{});
        QTest::newRow("default monitor") << none << u"monitor"_s << QVariant(QStringList{});
        QTest::newRow("default duration") << none << u"durationMs"_s << QVariant();
        QTest::newRow("default until-exit") << none << u"untilExit"_s << QVariant(false);
        QTest::newRow("default export-dir") << none << u"exportDir"_s << QVariant(QString());
        QTest::newRow("default tail all") << none << u"tail"_s << QVariant(qint64(-1));
        QTest::newRow("default read-deadline") << none << u"readDeadlineMs"_s << QVariant(qint64(30000));
        QTest::newRow("default context-timeout") << none << u"contextTimeoutMs"_s << QVariant(qint64(35000));
        QTest::newRow("default heartbeat-every") << none << u"heartbeatEveryMs"_s << QVariant(qint64(30000));
        QTest::newRow("default strategy") << none << u"strategy"_s << QVariant(u"hybrid"_s);
        QTest::newRow("default task-timeout") << none << u"taskTimeoutMs"_s << QVariant(qint64(300000));
        QTest::newRow("default cleanup-every") << none << u"cleanupEveryMs"_s << QVariant(qint64(60000));
        QTest::newRow("default sample-every") << none << u"sampleEveryMs"_s << QVariant(qint64(1000));
        QTest::newRow("default threads auto") << none << u"threads"_s << QVariant(0);
        QTest::newRow("default csv guarded") << none << u"csvRaw"_s << QVariant(false);
        QTest::newRow("default max-line 1 MiB") << none << u"maxLineBytes"_s << QVariant(qint64(1048576));
        QTest::newRow("default no help") << none << u"showHelp"_s << QVariant(false);
        QTest::newRow("default no version") << none << u"showVersion"_s << QVariant(false);

        // Every option to its field.
        QTest::newRow("--headless") << cmd({u"--headless"_s}) << u"headless"_s << QVariant(true);
        QTest::newRow("-H") << cmd({u"-H"_s, u"unix:///a.sock"_s}) << u"hosts"_s
                            << QVariant(QStringList{u"unix:///a.sock"_s});
        QTest::newRow("-H repeated, in order")
            << cmd({u"-H"_s, u"tcp://b:2375"_s, u"--host"_s, u"unix:///a.sock"_s, u"-Hssh://c"_s,
                    u"--host=tcp://d:1"_s, u"-H=unix:///e"_s})
            << u"hosts"_s
            << QVariant(QStringList{u"tcp://b:2375"_s, u"unix:///a.sock"_s, u"ssh://c"_s, u"tcp://d:1"_s,
                                    u"unix:///e"_s});
        QTest::newRow("-m repeated, as typed")
            << cmd({u"-m"_s, u"/web"_s, u"--monitor"_s, u"abc123"_s, u"-m"_s, u"all"_s}) << u"monitor"_s
            << QVariant(QStringList{u"/web"_s, u"abc123"_s, u"all"_s});
        QTest::newRow("--duration whole")
            << cmd({u"--duration"_s, u"90"_s}) << u"durationMs"_s << QVariant(qint64(90000));
        QTest::newRow("--duration fractional")
            << cmd({u"--duration"_s, u"1.5"_s}) << u"durationMs"_s << QVariant(qint64(1500));
        QTest::newRow("--duration leading dot")
            << cmd({u"--duration=.25"_s}) << u"durationMs"_s << QVariant(qint64(250));
        QTest::newRow("--duration one ms")
            << cmd({u"--duration"_s, u"0.001"_s}) << u"durationMs"_s << QVariant(qint64(1));
        QTest::newRow("--until-exit") << cmd({u"--until-exit"_s}) << u"untilExit"_s << QVariant(true);
        QTest::newRow("--export-dir")
            << cmd({u"--export-dir"_s, u"out/run 1"_s}) << u"exportDir"_s << QVariant(u"out/run 1"_s);
        QTest::newRow("--tail all") << cmd({u"--tail"_s, u"all"_s}) << u"tail"_s << QVariant(qint64(-1));
        QTest::newRow("--tail 0") << cmd({u"--tail"_s, u"0"_s}) << u"tail"_s << QVariant(qint64(0));
        QTest::newRow("--tail 500") << cmd({u"--tail=500"_s}) << u"tail"_s << QVariant(qint64(500));
        QTest::newRow("--read-deadline")
            << cmd({u"--read-deadline"_s, u"300"_s}) << u"readDeadlineMs"_s << QVariant(qint64(300));
        QTest::newRow("--context-timeout")
            << cmd({u"--context-timeout"_s, u"40000"_s}) << u"contextTimeoutMs"_s << QVariant(qint64(40000));
        QTest::newRow("--heartbeat-every")
            << cmd({u"--heartbeat-every"_s, u"100"_s}) << u"heartbeatEveryMs"_s << QVariant(qint64(100));
        for (const QString& s : {u"ticker"_s, u"rotation"_s, u"hybrid"_s, u"none"_s})
            QTest::addRow("--strategy %s", qPrintable(s))
                << cmd({u"--strategy"_s, s}) << u"strategy"_s << QVariant(s);
        QTest::newRow("--task-timeout")
            << cmd({u"--task-timeout"_s, u"600000"_s}) << u"taskTimeoutMs"_s << QVariant(qint64(600000));
        QTest::newRow("--cleanup-every")
            << cmd({u"--cleanup-every"_s, u"5"_s}) << u"cleanupEveryMs"_s << QVariant(qint64(5));
        QTest::newRow("--sample-every")
            << cmd({u"--sample-every"_s, u"250"_s}) << u"sampleEveryMs"_s << QVariant(qint64(250));
        QTest::newRow("--threads") << cmd({u"--threads"_s, u"4"_s}) << u"threads"_s << QVariant(4);
        QTest::newRow("--max-line") << cmd({u"--max-line"_s, u"4096"_s}) << u"maxLineBytes"_s
                                    << QVariant(qint64(4096));
        QTest::newRow("--threads 0") << cmd({u"--threads"_s, u"0"_s}) << u"threads"_s << QVariant(0);
        QTest::newRow("--csv-raw") << cmd({u"--csv-raw"_s}) << u"csvRaw"_s << QVariant(true);
        QTest::newRow("--help") << cmd({u"--help"_s}) << u"showHelp"_s << QVariant(true);
        QTest::newRow("--version") << cmd({u"--version"_s}) << u"showVersion"_s << QVariant(true);

        // Conventions where CONTRACT.md is silent.
        QTest::newRow("last single value wins")
            << cmd({u"--read-deadline"_s, u"100"_s, u"--read-deadline"_s, u"200"_s}) << u"readDeadlineMs"_s
            << QVariant(qint64(200));
        QTest::newRow("headless options accepted by the dashboard")
            << cmd({u"--duration"_s, u"5"_s, u"--until-exit"_s}) << u"durationMs"_s << QVariant(qint64(5000));
        QTest::newRow("--help wins over errors")
            << cmd({u"--bogus"_s, u"--help"_s}) << u"showHelp"_s << QVariant(true);
        QTest::newRow("--help wins over --version")
            << cmd({u"--version"_s, u"--help"_s}) << u"showVersion"_s << QVariant(false);
        QTest::newRow("--version wins over bad values")
            << cmd({u"--tail"_s, u"x"_s, u"--version"_s}) << u"showVersion"_s << QVariant(true);
        QTest::newRow("strategy none allows any timeline")
            << cmd({u"--strategy"_s, u"none"_s, u"--heartbeat-every"_s, u"900000"_s}) << u"heartbeatEveryMs"_s
            << QVariant(qint64(900000));
    }
    void parse()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, field);
        QFETCH(QVariant, expected);
        const CommandLineResult r = parseCommandLine(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.messages.join(u'\n')));
        QVERIFY(r.messages.isEmpty());
        QCOMPARE(::field(r.options, field), expected);
    }

    void defaultsAreTheSeedSettings()
    {
        const CommandLineResult r = parseCommandLine(cmd({u"--headless"_s}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.options.settings == dockpulse::monitor::MonitorSettings{});
        QVERIFY(r.options.givenOptions.isEmpty());
    }

    void givenOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("given");
        QTest::newRow("nothing") << cmd({}) << QStringList{};
        QTest::newRow("not settings")
            << cmd({u"--headless"_s, u"-H"_s, u"unix:///s"_s, u"-m"_s, u"all"_s, u"--duration"_s, u"1"_s,
                    u"--until-exit"_s, u"--export-dir"_s, u"out"_s})
            << QStringList{};
        QTest::newRow("one") << cmd({u"--tail"_s, u"10"_s}) << QStringList{u"tail"_s};
        QTest::newRow("max-line") << cmd({u"--max-line=2048"_s}) << QStringList{u"max-line"_s};
        QTest::newRow("every setting")
            << cmd({u"--tail"_s, u"all"_s, u"--read-deadline"_s, u"100"_s, u"--context-timeout"_s, u"200"_s,
                    u"--heartbeat-every"_s, u"50"_s, u"--strategy"_s, u"ticker"_s, u"--task-timeout"_s,
                    u"1000"_s, u"--cleanup-every"_s, u"100"_s, u"--sample-every"_s, u"10"_s, u"--threads"_s,
                    u"2"_s, u"--csv-raw"_s})
            << QStringList{u"cleanup-every"_s, u"context-timeout"_s, u"csv-raw"_s,  u"heartbeat-every"_s,
                           u"read-deadline"_s, u"sample-every"_s,    u"strategy"_s, u"tail"_s,
                           u"task-timeout"_s,  u"threads"_s};
        QTest::newRow("given at its default value")
            << cmd({u"--read-deadline=30000"_s}) << QStringList{u"read-deadline"_s};
    }
    void givenOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, given);
        const CommandLineResult r = parseCommandLine(args);
        QCOMPARE(r.exitCode, 0);
        QStringList actual = r.options.givenOptions.values();
        actual.sort();
        QCOMPARE(actual, given);
    }

    void bad_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("fragments"); // each must appear in stderr

        // The shape of the line.
        QTest::newRow("unknown long") << cmd({u"--bogus"_s}) << QStringList{u"unknown option \"--bogus\""_s};
        QTest::newRow("unknown long with value") << cmd({u"--bogus=1"_s}) << QStringList{u"\"--bogus\""_s};
        QTest::newRow("unknown short") << cmd({u"-x"_s}) << QStringList{u"unknown option \"-x\""_s};
        QTest::newRow("single-dash word") << cmd({u"-headless"_s}) << QStringList{u"\"-headless\""_s};
        QTest::newRow("no -h alias") << cmd({u"-h"_s}) << QStringList{u"\"-h\""_s};
        QTest::newRow("positional") << cmd({u"web"_s}) << QStringList{u"unexpected argument \"web\""_s};
        QTest::newRow("after --") << cmd({u"--"_s, u"--headless"_s}) << QStringList{u"\"--headless\""_s};
        QTest::newRow("lone dash") << cmd({u"-"_s}) << QStringList{u"unexpected argument \"-\""_s};
        for (const QString& o :
             {u"-H"_s, u"--host"_s, u"-m"_s, u"--monitor"_s, u"--duration"_s, u"--export-dir"_s, u"--tail"_s,
              u"--read-deadline"_s, u"--context-timeout"_s, u"--heartbeat-every"_s, u"--strategy"_s,
              u"--task-timeout"_s, u"--cleanup-every"_s, u"--sample-every"_s, u"--threads"_s})
            QTest::addRow("missing value %s", qPrintable(o))
                << cmd({o}) << QStringList{o + u" needs a value"_s};
        QTest::newRow("option as value")
            << cmd({u"-m"_s, u"--headless"_s}) << QStringList{u"-m needs a value"_s};
        for (const QString& o : {u"--headless"_s, u"--until-exit"_s, u"--csv-raw"_s})
            QTest::addRow("%s=1", qPrintable(o))
                << cmd({o + u"=1"_s}) << QStringList{o + u" takes no value"_s};

        // Values.
        for (const QString& o : {u"--read-deadline"_s, u"--context-timeout"_s, u"--heartbeat-every"_s,
                                 u"--task-timeout"_s, u"--cleanup-every"_s, u"--sample-every"_s}) {
            const QByteArray n = o.toLatin1();
            QTest::addRow("%s abc", n.constData())
                << cmd({o, u"abc"_s})
                << QStringList{o + u": \"abc\" is not a whole number of milliseconds"_s};
            QTest::addRow("%s negative", n.constData())
                << cmd({o, u"-5"_s}) << QStringList{o + u": \"-5\" is negative"_s};
            QTest::addRow("%s overflow", n.constData())
                << cmd({o, u"99999999999999999999"_s}) << QStringList{o, u"is too large"_s};
            QTest::addRow("%s 0", n.constData()) << cmd({o, u"0"_s}) << QStringList{o + u" (0 ms)"_s};
            QTest::addRow("%s above int", n.constData())
                << cmd({o, u"2147483648"_s}) << QStringList{o + u" (2147483648 ms)"_s, u"at most"_s};
        }
        for (const QString& v : {u"1.5"_s, u"5ms"_s, u"+5"_s, u" 5"_s, u"1e3"_s, u"0x10"_s, u""_s})
            QTest::addRow("read-deadline \"%s\"", qPrintable(v))
                << cmd({u"--read-deadline="_s + v}) << QStringList{u"is not a whole number"_s};
        QTest::newRow("tail -1") << cmd({u"--tail"_s, u"-1"_s})
                                 << QStringList{u"--tail: \"-1\" is negative"_s};
        QTest::newRow("tail ALL") << cmd({u"--tail"_s, u"ALL"_s}) << QStringList{u"--tail: \"ALL\""_s};
        QTest::newRow("tail overflow")
            << cmd({u"--tail"_s, u"99999999999999999999"_s}) << QStringList{u"--tail"_s, u"too large"_s};
        QTest::newRow("threads -1") << cmd({u"--threads"_s, u"-1"_s}) << QStringList{u"--threads: \"-1\""_s};
        QTest::newRow("threads 257") << cmd({u"--threads"_s, u"257"_s}) << QStringList{u"--threads (257)"_s};
        QTest::newRow("max-line 100") << cmd({u"--max-line"_s, u"100"_s})
                                      << QStringList{u"--max-line (100 bytes) must be between 1024"_s};
        QTest::newRow("max-line not a number")
            << cmd({u"--max-line"_s, u"1M"_s}) << QStringList{u"--max-line: \"1M\""_s};
        QTest::newRow("threads overflow")
            << cmd({u"--threads"_s, u"2147483648"_s}) << QStringList{u"--threads"_s, u"too large"_s};
        QTest::newRow("threads x") << cmd({u"--threads"_s, u"x"_s}) << QStringList{u"--threads: \"x\""_s};
        for (const QString& v : {u"x"_s, u"Hybrid"_s, u""_s})
            QTest::addRow("strategy \"%s\"", qPrintable(v))
                << cmd({u"--strategy="_s + v})
                << QStringList{u"--strategy: \"%1\""_s.arg(v), u"ticker, rotation, hybrid or none"_s};
        for (const QString& v : {u"abc"_s, u"1e3"_s, u"inf"_s, u"nan"_s, u"1,5"_s, u"1.5s"_s, u""_s})
            QTest::addRow("duration \"%s\"", qPrintable(v))
                << cmd({u"--duration="_s + v}) << QStringList{u"--duration: \"%1\" is not"_s.arg(v)};
        QTest::newRow("duration -1") << cmd({u"--duration"_s, u"-1"_s})
                                     << QStringList{u"--duration: \"-1\" is negative"_s};
        QTest::newRow("duration 0") << cmd({u"--duration"_s, u"0"_s})
                                    << QStringList{u"--duration: \"0\" must be at least 0.001"_s};
        QTest::newRow("duration under 1 ms")
            << cmd({u"--duration"_s, u"0.0004"_s}) << QStringList{u"--duration: \"0.0004\""_s};
        QTest::newRow("duration overflow") << cmd({u"--duration"_s, u"99999999999999999999"_s})
                                           << QStringList{u"--duration"_s, u"too large"_s};
        QTest::newRow("empty host") << cmd({u"--host="_s}) << QStringList{u"--host: the value is empty"_s};
        QTest::newRow("blank host") << cmd({u"-H"_s, u" "_s}) << QStringList{u"--host: the value is empty"_s};
        QTest::newRow("empty monitor") << cmd({u"-m="_s}) << QStringList{u"--monitor: the value is empty"_s};
        QTest::newRow("empty export-dir")
            << cmd({u"--export-dir="_s}) << QStringList{u"--export-dir: the value is empty"_s};

        // Settings that do not work together (validateSettings).
        QTest::newRow("context == deadline")
            << cmd({u"--context-timeout"_s, u"300"_s, u"--read-deadline"_s, u"300"_s})
            << QStringList{u"--context-timeout (300 ms) must be greater than --read-deadline (300 ms)"_s};
        QTest::newRow("deadline above default context")
            << cmd({u"--read-deadline"_s, u"40000"_s})
            << QStringList{u"--context-timeout (35000 ms)"_s, u"--read-deadline (40000 ms)"_s};
        QTest::newRow("hybrid heartbeat == task timeout")
            << cmd({u"--heartbeat-every"_s, u"300000"_s})
            << QStringList{u"--heartbeat-every (300000 ms)"_s, u"--task-timeout (300000 ms)"_s};
        QTest::newRow("ticker heartbeat > task timeout")
            << cmd({u"--strategy"_s, u"ticker"_s, u"--task-timeout"_s, u"1000"_s})
            << QStringList{u"--heartbeat-every (30000 ms)"_s, u"--task-timeout (1000 ms)"_s};
        QTest::newRow("rotation deadline == task timeout")
            << cmd({u"--strategy"_s, u"rotation"_s, u"--task-timeout"_s, u"30000"_s})
            << QStringList{u"--read-deadline (30000 ms)"_s, u"--task-timeout (30000 ms)"_s,
                           u"--strategy rotation"_s};
        QTest::newRow("every bad value reported")
            << cmd({u"--tail"_s, u"x"_s, u"--threads"_s, u"y"_s, u"--strategy"_s, u"z"_s})
            << QStringList{u"--tail"_s, u"--threads"_s, u"--strategy"_s};
    }
    void bad()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, fragments);
        const CommandLineResult r = parseCommandLine(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.messages.isEmpty());
        for (const QString& m : r.messages)
            QVERIFY2(m.startsWith(u"dockpulse: "_s) && !m.contains(u'\n'), qPrintable(m));
        const QString all = r.messages.join(u'\n');
        for (const QString& f : fragments)
            QVERIFY2(all.contains(f), qPrintable(u"\"%1\" not in: %2"_s.arg(f, all)));
    }

    void exportDirMustBeAFolder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(u"file"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        CommandLineResult r = parseCommandLine(cmd({u"--export-dir"_s, file}));
        QCOMPARE(r.exitCode, 5); // the export cannot be written (CONTRACT.md), not bad usage
        // With a real usage error as well, that one decides: 2.
        QCOMPARE(parseCommandLine(cmd({u"--export-dir"_s, file, u"--threads"_s, u"x"_s})).exitCode, 2);
        QVERIFY(
            r.messages.join(u'\n').contains(u"--export-dir: \"%1\" exists and is not a folder"_s.arg(file)));
        // A folder that exists, or one still to create, is fine.
        QCOMPARE(parseCommandLine(cmd({u"--export-dir"_s, dir.path()})).exitCode, 0);
        QCOMPARE(parseCommandLine(cmd({u"--export-dir"_s, dir.filePath(u"new/sub"_s)})).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
