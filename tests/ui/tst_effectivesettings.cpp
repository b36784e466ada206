// effectiveSettings: how the command line is laid over the stored dashboard settings, field by
// field (CONTRACT.md: options given on the command line last for that run).
#include "SettingsTestData.h"

#include <QSet>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using dockpulse::monitor::HeartbeatStrategy;
using dockpulse::monitor::MonitorSettings;
using dockpulse::ui::DashboardSettings;
using settings_test::unusualSettings;

class TestEffectiveSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // effectiveSettings: each given option overrides exactly its field.
    void effectiveSettings_data()
    {
        using Apply = std::function<void(MonitorSettings & out, const MonitorSettings& cmdline)>;
        QTest::addColumn<QStringList>("given");
        QTest::addColumn<Apply>("apply");
        const auto row = [](const char* option, const Apply& apply) {
            QTest::newRow(option) << QStringList{QString::fromUtf8(option)} << apply;
        };
        QTest::newRow("nothing given")
            << QStringList{} << Apply([](MonitorSettings&, const MonitorSettings&) {});
        row("read-deadline",
            [](MonitorSettings& o, const MonitorSettings& c) { o.readDeadlineMs = c.readDeadlineMs; });
        row("context-timeout",
            [](MonitorSettings& o, const MonitorSettings& c) { o.contextTimeoutMs = c.contextTimeoutMs; });
        row("heartbeat-every",
            [](MonitorSettings& o, const MonitorSettings& c) { o.heartbeatEveryMs = c.heartbeatEveryMs; });
        row("strategy", [](MonitorSettings& o, const MonitorSettings& c) { o.strategy = c.strategy; });
        row("task-timeout",
            [](MonitorSettings& o, const MonitorSettings& c) { o.taskTimeoutMs = c.taskTimeoutMs; });
        row("cleanup-every",
            [](MonitorSettings& o, const MonitorSettings& c) { o.cleanupEveryMs = c.cleanupEveryMs; });
        row("sample-every",
            [](MonitorSettings& o, const MonitorSettings& c) { o.sampleEveryMs = c.sampleEveryMs; });
        row("threads", [](MonitorSettings& o, const MonitorSettings& c) { o.threads = c.threads; });
        row("tail", [](MonitorSettings& o, const MonitorSettings& c) { o.tail = c.tail; });
        row("csv-raw", [](MonitorSettings& o, const MonitorSettings& c) { o.csvRaw = c.csvRaw; });
        QTest::newRow("all of them")
            << QStringList{u"read-deadline"_s, u"context-timeout"_s, u"heartbeat-every"_s, u"strategy"_s,
                           u"task-timeout"_s,  u"cleanup-every"_s,   u"sample-every"_s,    u"threads"_s,
                           u"tail"_s,          u"csv-raw"_s}
            << Apply([](MonitorSettings& o, const MonitorSettings& c) {
                   const MonitorSettings stored = o;
                   o = c;
                   o.logRetentionLines = stored.logRetentionLines; // not command line options
                   o.historyBudgetMiB = stored.historyBudgetMiB;
               });
        QTest::newRow("not a settings option") << QStringList{u"export-dir"_s, u"host"_s}
                                               << Apply([](MonitorSettings&, const MonitorSettings&) {});
    }

    void effectiveSettings()
    {
        using Apply = std::function<void(MonitorSettings & out, const MonitorSettings& cmdline)>;
        QFETCH(QStringList, given);
        QFETCH(Apply, apply);
        DashboardSettings stored = unusualSettings();
        stored.monitor.tail = 700; // below the retention cap (2000): kept as stored
        MonitorSettings cmdline;   // every field different from the stored ones
        cmdline.readDeadlineMs = 1000;
        cmdline.contextTimeoutMs = 1500;
        cmdline.heartbeatEveryMs = 900;
        cmdline.strategy = HeartbeatStrategy::Rotation;
        cmdline.taskTimeoutMs = 9000;
        cmdline.cleanupEveryMs = 800;
        cmdline.sampleEveryMs = 100;
        cmdline.threads = 9;
        cmdline.tail = 5;
        cmdline.csvRaw = false;
        cmdline.logRetentionLines = 123456;

        DashboardSettings expected = stored;
        apply(expected.monitor, cmdline);
        const QSet<QString> options(given.cbegin(), given.cend());
        QCOMPARE(dockpulse::ui::effectiveSettings(stored, options, cmdline, {}), expected);

        // Hosts given on the command line replace the stored ones, whatever else is given.
        const QStringList hosts = {u"tcp://192.0.2.1:2375"_s};
        expected.hosts = hosts;
        QCOMPARE(dockpulse::ui::effectiveSettings(stored, options, cmdline, hosts), expected);
    }

    // Without --tail, the dashboard's tail is the log retention cap (CONTRACT.md).
    void effectiveTail_data()
    {
        QTest::addColumn<qint64>("storedTail");
        QTest::addColumn<bool>("tailGiven");
        QTest::addColumn<qint64>("cmdlineTail");
        QTest::addColumn<qint64>("expected");
        const qint64 cap = 2000; // unusualSettings()' retention
        QTest::newRow("stored all, not given: the cap") << qint64(-1) << false << qint64(-1) << cap;
        QTest::newRow("stored below the cap") << qint64(10) << false << qint64(-1) << qint64(10);
        QTest::newRow("stored 0") << qint64(0) << false << qint64(-1) << qint64(0);
        QTest::newRow("stored at the cap") << cap << false << qint64(-1) << cap;
        QTest::newRow("stored above the cap") << qint64(50000) << false << qint64(-1) << cap;
        QTest::newRow("given N") << qint64(-1) << true << qint64(5) << qint64(5);
        QTest::newRow("given N above the cap") << qint64(-1) << true << qint64(90000) << qint64(90000);
        QTest::newRow("given all") << qint64(10) << true << qint64(-1) << qint64(-1);
    }

    void effectiveTail()
    {
        QFETCH(qint64, storedTail);
        QFETCH(bool, tailGiven);
        QFETCH(qint64, cmdlineTail);
        QFETCH(qint64, expected);
        DashboardSettings stored = unusualSettings();
        stored.monitor.tail = storedTail;
        MonitorSettings cmdline;
        cmdline.tail = cmdlineTail;
        const QSet<QString> given = tailGiven ? QSet<QString>{u"tail"_s} : QSet<QString>{};
        QCOMPARE(dockpulse::ui::effectiveSettings(stored, given, cmdline, {}).monitor.tail, expected);
    }

    // The mix of stored and given values is the caller's to validate.
    void effectiveSettingsCanBreakARule()
    {
        const DashboardSettings stored; // context timeout 35000
        MonitorSettings cmdline;
        cmdline.readDeadlineMs = 40000;
        cmdline.contextTimeoutMs = 45000; // valid on the command line, but not given
        const DashboardSettings mixed =
            dockpulse::ui::effectiveSettings(stored, {u"read-deadline"_s}, cmdline, {});
        QCOMPARE(mixed.monitor.readDeadlineMs, 40000);
        QCOMPARE(mixed.monitor.contextTimeoutMs, 35000);
        const QStringList problems = dockpulse::monitor::validateSettings(mixed.monitor);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().startsWith(u"--context-timeout"_s));
    }
};

QTEST_GUILESS_MAIN(TestEffectiveSettings)
#include "tst_effectivesettings.moc"
