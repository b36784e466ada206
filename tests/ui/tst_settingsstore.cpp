// SettingsStore: what the dashboard keeps between runs (settings and the window's session), and
// how a corrupted or foreign file falls back. tst_effectivesettings lays the command line over it.

#include "SettingsTestData.h"

#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using dockpulse::monitor::HeartbeatStrategy;
using dockpulse::monitor::MonitorSettings;
using dockpulse::ui::DashboardSettings;
using dockpulse::ui::SessionState;
using settings_test::unusualSettings;

// Readable QCOMPARE failures.
namespace dockpulse::ui {
char* toString(const SessionState& s)
{
    QStringList monitored;
    for (const auto& [host, name] : s.monitored)
        monitored << host + u'|' + name;
    return qstrdup(
        u"geometry=%1B windowState=%2B splitters=[%3] headers=[%4] tab=%5 chart=%6 monitored=[%7]"_s
            .arg(s.geometry.size())
            .arg(s.windowState.size())
            .arg(s.splitters.keys().join(u", "_s), s.headers.keys().join(u", "_s))
            .arg(s.tab)
            .arg(s.chartWindowMinutes)
            .arg(monitored.join(u", "_s))
            .toUtf8()
            .constData());
}
} // namespace dockpulse::ui

namespace {

SessionState unusualSession()
{
    SessionState s;
    s.geometry = QByteArray("\x01\xd9\xd0\xcb\x00\x03\x00\x00geometry\0with nul", 26);
    s.windowState = QByteArray(300, '\xff');
    s.splitters = {{u"mainSplitter"_s, QByteArray("\x00\x00\x00\xff", 4)},
                   {u"odd/name\\with=separators"_s, QByteArray("state")}};
    s.headers = {{u"containersHeader"_s, QByteArray(64, 'h')}, {u"tasksHeader"_s, QByteArray(1, '\0')}};
    s.tab = 3;
    s.chartWindowMinutes = 30;
    s.monitorAll = true;
    s.monitored = {{u"unix:///var/run/docker.sock"_s, u"web, the \"front\""_s},
                   {u"tcp://10.0.0.5:2376"_s, u"=cmd|' /C calc'!A0"_s},
                   {u"ssh://deploy@build.example.com"_s, u"名前-ünïcode"_s}};
    return s;
}

} // namespace

class TestSettingsStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_file = 0;
    QString m_path;

    // A fresh INI file for each test: nothing leaks from one row into the next.
    QString newPath() { return m_dir.filePath(u"settings-%1.ini"_s.arg(++m_file)); }

    DashboardSettings saveAndLoad(const DashboardSettings& values)
    {
        const QString path = newPath();
        {
            QSettings out(path, QSettings::IniFormat);
            dockpulse::ui::saveSettings(out, values);
            out.sync();
            [&] {
                QCOMPARE(out.status(), QSettings::NoError);
            }();
        }
        QSettings in(path, QSettings::IniFormat); // a new object reads the file, not a cache
        return dockpulse::ui::loadSettings(in);
    }

    // unusualSettings() saved, then key overwritten with value in a second QSettings object.
    DashboardSettings loadWithOverwrite(const QString& key, const QVariant& value)
    {
        const QString path = newPath();
        {
            QSettings out(path, QSettings::IniFormat);
            dockpulse::ui::saveSettings(out, unusualSettings());
        }
        {
            QSettings corrupt(path, QSettings::IniFormat);
            corrupt.setValue(key, value);
        }
        QSettings in(path, QSettings::IniFormat);
        return dockpulse::ui::loadSettings(in);
    }

    void expectWarning(const char* pattern)
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QString::fromUtf8(pattern)));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    // Loading valid data must be silent; every expected warning is declared with ignoreMessage.
    void init()
    {
        if (qstrcmp(QTest::currentTestFunction(), "garbageFile") != 0)
            QTest::failOnWarning(QRegularExpression(u".*"_s));
    }

    void settingsRoundTrip_data()
    {
        QTest::addColumn<DashboardSettings>("values");
        QTest::newRow("defaults") << DashboardSettings{};
        QTest::newRow("every field changed") << unusualSettings();

        DashboardSettings rotation = unusualSettings();
        rotation.monitor.strategy = HeartbeatStrategy::Rotation;
        rotation.monitor.tail = -1;
        rotation.monitor.csvRaw = false;
        rotation.monitor.threads = dockpulse::monitor::kMaxThreads;
        QTest::newRow("rotation, tail all, max threads") << rotation;

        DashboardSettings none = unusualSettings();
        none.monitor.strategy = HeartbeatStrategy::None;
        none.monitor.heartbeatEveryMs = 900000; // no rule applies without heartbeats
        none.monitor.tail = 0;
        none.monitor.logRetentionLines = dockpulse::monitor::kMaxLogRetentionLines;
        none.hosts = {u"host.example.com:2375"_s};
        QTest::newRow("none, tail 0, one scheme-less host") << none;

        DashboardSettings limits;
        limits.monitor.readDeadlineMs = 1;
        limits.monitor.contextTimeoutMs = dockpulse::monitor::kMaxDurationMs;
        limits.monitor.taskTimeoutMs = dockpulse::monitor::kMaxDurationMs;
        limits.monitor.cleanupEveryMs = 1;
        limits.monitor.sampleEveryMs = 1;
        limits.monitor.logRetentionLines = dockpulse::monitor::kMinLogRetentionLines;
        limits.monitor.historyBudgetMiB = dockpulse::monitor::kMaxHistoryBudgetMiB;
        limits.monitor.tail = qint64(1) << 40;
        QTest::newRow("limits") << limits;
    }

    void settingsRoundTrip()
    {
        QFETCH(DashboardSettings, values);
        QCOMPARE(saveAndLoad(values), values);
    }

    void keysAreVersioned()
    {
        const QString path = newPath();
        {
            QSettings out(path, QSettings::IniFormat);
            dockpulse::ui::saveSettings(out, unusualSettings());
            dockpulse::ui::saveSession(out, unusualSession());
        }
        QSettings in(path, QSettings::IniFormat);
        QCOMPARE(in.value(u"settings/v1/readDeadlineMs"_s).toLongLong(), 20000);
        QCOMPARE(in.value(u"settings/v1/strategy"_s).toString(), u"ticker"_s);
        QCOMPARE(in.value(u"session/v1/tab"_s).toInt(), 3);
        for (const QString& key : in.allKeys())
            QVERIFY2(key.startsWith(u"settings/v1/"_s) || key.startsWith(u"session/v1/"_s), qPrintable(key));
    }

    void savingAgainDropsOldEntries()
    {
        const QString path = newPath();
        QSettings s(path, QSettings::IniFormat);
        dockpulse::ui::saveSettings(s, unusualSettings());
        dockpulse::ui::saveSession(s, unusualSession());
        dockpulse::ui::saveSettings(s, DashboardSettings{});
        dockpulse::ui::saveSession(s, SessionState{});
        s.sync();
        QSettings in(path, QSettings::IniFormat);
        QCOMPARE(dockpulse::ui::loadSettings(in), DashboardSettings{});
        QCOMPARE(dockpulse::ui::loadSession(in), SessionState{});
    }

    void emptyFileGivesDefaults()
    {
        QSettings in(newPath(), QSettings::IniFormat);
        QCOMPARE(dockpulse::ui::loadSettings(in), DashboardSettings{});
        QCOMPARE(dockpulse::ui::loadSession(in), SessionState{});
    }

    // One corrupted key: that field falls back to its default, every other keeps its value.
    void corruptedValueFallsBack_data()
    {
        using Reset = std::function<void(MonitorSettings&)>;
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<Reset>("reset");
        const MonitorSettings d;
        const Reset readDeadline = [d](MonitorSettings& m) {
            m.readDeadlineMs = d.readDeadlineMs;
        };
        const Reset contextTimeout = [d](MonitorSettings& m) {
            m.contextTimeoutMs = d.contextTimeoutMs;
        };
        const Reset heartbeat = [d](MonitorSettings& m) {
            m.heartbeatEveryMs = d.heartbeatEveryMs;
        };
        const Reset strategy = [d](MonitorSettings& m) {
            m.strategy = d.strategy;
        };
        const Reset taskTimeout = [d](MonitorSettings& m) {
            m.taskTimeoutMs = d.taskTimeoutMs;
        };
        const Reset cleanup = [d](MonitorSettings& m) {
            m.cleanupEveryMs = d.cleanupEveryMs;
        };
        const Reset sample = [d](MonitorSettings& m) {
            m.sampleEveryMs = d.sampleEveryMs;
        };
        const Reset threads = [d](MonitorSettings& m) {
            m.threads = d.threads;
        };
        const Reset tail = [d](MonitorSettings& m) {
            m.tail = d.tail;
        };
        const Reset csvRaw = [d](MonitorSettings& m) {
            m.csvRaw = d.csvRaw;
        };
        const Reset retention = [d](MonitorSettings& m) {
            m.logRetentionLines = d.logRetentionLines;
        };
        const Reset history = [d](MonitorSettings& m) {
            m.historyBudgetMiB = d.historyBudgetMiB;
        };
        const auto row = [](const char* name, const char* key, const QVariant& value, const Reset& reset) {
            QTest::newRow(name) << u"settings/v1/"_s + QString::fromUtf8(key) << value << reset;
        };

        row("read deadline: text", "readDeadlineMs", u"thirty seconds"_s, readDeadline);
        row("read deadline: zero", "readDeadlineMs", 0, readDeadline);
        row("read deadline: negative", "readDeadlineMs", -5, readDeadline);
        row("read deadline: decimal", "readDeadlineMs", u"1.5"_s, readDeadline);
        row("read deadline: list", "readDeadlineMs", QStringList{u"1"_s, u"2"_s}, readDeadline);
        row("context timeout: past int", "contextTimeoutMs", qint64(dockpulse::monitor::kMaxDurationMs) + 1,
            contextTimeout);
        row("context timeout: past int64", "contextTimeoutMs", u"99999999999999999999999"_s, contextTimeout);
        row("heartbeat: empty", "heartbeatEveryMs", QString(), heartbeat);
        row("strategy: unknown", "strategy", u"sometimes"_s, strategy);
        row("strategy: wrong case", "strategy", u"Hybrid"_s, strategy);
        row("strategy: number", "strategy", 2, strategy);
        row("task timeout: bytes", "taskTimeoutMs", QByteArray("\x01\x02", 2), taskTimeout);
        row("cleanup: negative", "cleanupEveryMs", -1, cleanup);
        row("sample: text", "sampleEveryMs", u"often"_s, sample);
        row("threads: negative", "threads", -1, threads);
        row("threads: too many", "threads", dockpulse::monitor::kMaxThreads + 1, threads);
        row("tail: below all", "tail", -2, tail);
        row("tail: word", "tail", u"everything"_s, tail);
        row("csv raw: word", "csvRaw", u"yes please"_s, csvRaw);
        row("csv raw: number", "csvRaw", 7, csvRaw);
        row("retention: too few", "logRetentionLines", dockpulse::monitor::kMinLogRetentionLines - 1,
            retention);
        row("retention: too many", "logRetentionLines", dockpulse::monitor::kMaxLogRetentionLines + 1,
            retention);
        row("history budget: zero", "historyBudgetMiB", 0, history);
        row("history budget: too much", "historyBudgetMiB", dockpulse::monitor::kMaxHistoryBudgetMiB + 1,
            history);
    }

    void corruptedValueFallsBack()
    {
        using Reset = std::function<void(MonitorSettings&)>;
        QFETCH(QString, key);
        QFETCH(QVariant, value);
        QFETCH(Reset, reset);
        DashboardSettings expected = unusualSettings();
        reset(expected.monitor);
        expectWarning("ignoring the stored settings/v1/");
        QCOMPARE(loadWithOverwrite(key, value), expected);
    }

    // Each value alone is fine; together they break a rule of validateSettings().
    void invalidCombinationFallsBackToDefaults_data()
    {
        QTest::addColumn<MonitorSettings>("stored");
        MonitorSettings equal;
        equal.contextTimeoutMs = equal.readDeadlineMs;
        QTest::newRow("context timeout = read deadline") << equal;
        MonitorSettings below;
        below.readDeadlineMs = 40000;
        QTest::newRow("context timeout < read deadline") << below;
        MonitorSettings ticker;
        ticker.strategy = HeartbeatStrategy::Ticker;
        ticker.heartbeatEveryMs = ticker.taskTimeoutMs;
        QTest::newRow("ticker: heartbeat = task timeout") << ticker;
        MonitorSettings rotation;
        rotation.strategy = HeartbeatStrategy::Rotation;
        rotation.readDeadlineMs = 300000;
        rotation.contextTimeoutMs = 350000;
        QTest::newRow("rotation: read deadline = task timeout") << rotation;
    }

    void invalidCombinationFallsBackToDefaults()
    {
        QFETCH(MonitorSettings, stored);
        DashboardSettings values;
        values.hosts = {u"tcp://10.0.0.5:2376"_s};
        values.monitor = stored;
        expectWarning("the stored settings are not usable: --");
        expectWarning("using the default settings instead");
        const DashboardSettings loaded = saveAndLoad(values);
        QCOMPARE(loaded.monitor, MonitorSettings{});
        QCOMPARE(loaded.hosts, values.hosts); // the engines are not part of that check
    }

    void corruptedHostsFallBack_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("value");
        QTest::newRow("unsupported scheme") << u"settings/v1/hosts/2/url"_s << QVariant(u"ftp://x"_s);
        QTest::newRow("empty url") << u"settings/v1/hosts/1/url"_s << QVariant(QString());
        QTest::newRow("not text") << u"settings/v1/hosts/1/url"_s << QVariant(QByteArray("tcp://a:1"));
        QTest::newRow("entry missing") << u"settings/v1/hosts/size"_s << QVariant(4);
        QTest::newRow("absurd size") << u"settings/v1/hosts/size"_s << QVariant(2000000000);
        QTest::newRow("negative size") << u"settings/v1/hosts/size"_s << QVariant(-3);
    }

    void corruptedHostsFallBack()
    {
        QFETCH(QString, key);
        QFETCH(QVariant, value);
        DashboardSettings expected = unusualSettings();
        expected.hosts.clear();
        expectWarning("ignoring the stored settings/v1/hosts");
        QCOMPARE(loadWithOverwrite(key, value), expected);
    }

    // A file edited by hand into nonsense: no crash, defaults.
    void garbageFile()
    {
        const QString path = newPath();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(
                "[settings]\nv1\\readDeadlineMs=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x5)\nv1\\hosts\\size=zz\n"
                "v1\\threads=@ByteArray(12)\n\x01\x02 garbage without equals\n[session]\nv1\\tab=@Rect(1 2 3 "
                "4)\n"
                "v1\\geometry=plain text\nv1\\chartWindowMinutes=0\n");
        }
        // Warnings are expected and not counted here (see init()); only the result counts.
        QSettings in(path, QSettings::IniFormat);
        QCOMPARE(dockpulse::ui::loadSettings(in), DashboardSettings{});
        QCOMPARE(dockpulse::ui::loadSession(in), SessionState{});
    }

    void sessionRoundTrip_data()
    {
        QTest::addColumn<SessionState>("state");
        QTest::newRow("defaults") << SessionState{};
        QTest::newRow("every field changed") << unusualSession();
        SessionState limits;
        limits.chartWindowMinutes = dockpulse::ui::kMaxChartWindowMinutes;
        limits.splitters.insert(QString(), QByteArray("ignored")); // no name: dropped, see below
        QTest::newRow("limits") << limits;
    }

    void sessionRoundTrip()
    {
        QFETCH(SessionState, state);
        const QString path = newPath();
        {
            QSettings out(path, QSettings::IniFormat);
            dockpulse::ui::saveSession(out, state);
        }
        SessionState expected = state;
        if (expected.splitters.remove(QString()) > 0)
            expectWarning("entry without a name");
        QSettings in(path, QSettings::IniFormat);
        QCOMPARE(dockpulse::ui::loadSession(in), expected);
    }

    void corruptedSessionFallsBack_data()
    {
        using Reset = std::function<void(SessionState&)>;
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<Reset>("reset");
        const SessionState d;
        const auto row = [](const char* name, const char* key, const QVariant& value, const Reset& reset) {
            QTest::newRow(name) << u"session/v1/"_s + QString::fromUtf8(key) << value << reset;
        };
        row("geometry: text", "geometry", u"800x600"_s, [d](SessionState& s) { s.geometry = d.geometry; });
        row("window state: number", "windowState", 5,
            [d](SessionState& s) { s.windowState = d.windowState; });
        row("tab: negative", "tab", -1, [d](SessionState& s) { s.tab = d.tab; });
        row("tab: text", "tab", u"logs"_s, [d](SessionState& s) { s.tab = d.tab; });
        row("chart window: zero", "chartWindowMinutes", 0,
            [d](SessionState& s) { s.chartWindowMinutes = d.chartWindowMinutes; });
        row("chart window: past a day", "chartWindowMinutes", dockpulse::ui::kMaxChartWindowMinutes + 1,
            [d](SessionState& s) { s.chartWindowMinutes = d.chartWindowMinutes; });
        row("splitter state: text", "splitters/1/state", u"abc"_s,
            [](SessionState& s) { s.splitters.remove(u"mainSplitter"_s); });
        row("header name: empty", "headers/2/name", QString(),
            [](SessionState& s) { s.headers.remove(u"tasksHeader"_s); });
        row("monitored: no container", "monitored/2/container", QString(),
            [](SessionState& s) { s.monitored.removeAt(1); });
        row("monitored: host not text", "monitored/1/host", QStringList{u"a"_s, u"b"_s},
            [](SessionState& s) { s.monitored.removeAt(0); });
        row("monitored: absurd size", "monitored/size", 5000000,
            [](SessionState& s) { s.monitored.clear(); });
    }

    void corruptedSessionFallsBack()
    {
        using Reset = std::function<void(SessionState&)>;
        QFETCH(QString, key);
        QFETCH(QVariant, value);
        QFETCH(Reset, reset);
        const QString path = newPath();
        {
            QSettings out(path, QSettings::IniFormat);
            dockpulse::ui::saveSession(out, unusualSession());
        }
        {
            QSettings corrupt(path, QSettings::IniFormat);
            corrupt.setValue(key, value);
        }
        SessionState expected = unusualSession();
        reset(expected);
        expectWarning("ignoring the stored session/v1/");
        QSettings in(path, QSettings::IniFormat);
        QCOMPARE(dockpulse::ui::loadSession(in), expected);
    }
};

QTEST_GUILESS_MAIN(TestSettingsStore)
#include "tst_settingsstore.moc"
