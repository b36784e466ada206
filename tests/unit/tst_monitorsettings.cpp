#include "MonitorSettings.h"

#include <QThread>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::monitor::HeartbeatStrategy;
using dockpulse::monitor::kMaxDurationMs;
using dockpulse::monitor::MonitorSettings;

Q_DECLARE_METATYPE(dockpulse::monitor::MonitorSettings)
Q_DECLARE_METATYPE(dockpulse::monitor::HeartbeatStrategy)

namespace {

// The seed's settings with one change, so every row reads as "defaults, except ...".
MonitorSettings with(const std::function<void(MonitorSettings&)>& change)
{
    MonitorSettings s;
    change(s);
    return s;
}

} // namespace

class TestMonitorSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validate_data()
    {
        QTest::addColumn<MonitorSettings>("settings");
        QTest::addColumn<int>("problems");
        // Each must appear in the messages: the option(s) as typed and the value(s).
        QTest::addColumn<QStringList>("fragments");

        QTest::newRow("seed defaults") << MonitorSettings{} << 0 << QStringList{};

        // Every duration: positive and at most what a Qt timer can wait.
        struct Duration
        {
            const char* option;
            qint64 MonitorSettings::*field;
        };
        const Duration durations[] = {
            {"--read-deadline", &MonitorSettings::readDeadlineMs},
            {"--context-timeout", &MonitorSettings::contextTimeoutMs},
            {"--heartbeat-every", &MonitorSettings::heartbeatEveryMs},
            {"--task-timeout", &MonitorSettings::taskTimeoutMs},
            {"--cleanup-every", &MonitorSettings::cleanupEveryMs},
            {"--sample-every", &MonitorSettings::sampleEveryMs},
        };
        for (const Duration& d : durations) {
            const QString option = QString::fromLatin1(d.option);
            // Strategy none and a 1 ms read deadline keep the relational rules out of the way.
            const auto base = [&](qint64 v) {
                return with([&](MonitorSettings& s) {
                    s.strategy = HeartbeatStrategy::None;
                    s.readDeadlineMs = 1;
                    s.contextTimeoutMs = kMaxDurationMs;
                    s.*d.field = v;
                });
            };
            const bool isContext = d.field == &MonitorSettings::contextTimeoutMs;
            const bool isDeadline = d.field == &MonitorSettings::readDeadlineMs;
            QTest::addRow("%s -1 rejected", d.option) << base(-1) << 1 << QStringList{option, u"(-1 ms)"_s};
            QTest::addRow("%s 0 rejected", d.option) << base(0) << 1 << QStringList{option, u"(0 ms)"_s};
            // The context timeout must also exceed the 1 ms read deadline: 2 is its smallest.
            QTest::addRow("%s smallest accepted", d.option) << base(isContext ? 2 : 1) << 0 << QStringList{};
            // The read deadline must stay below the largest context timeout.
            QTest::addRow("%s largest accepted", d.option)
                << base(isDeadline ? kMaxDurationMs - 1 : kMaxDurationMs) << 0 << QStringList{};
            QTest::addRow("%s max+1 rejected", d.option)
                << base(kMaxDurationMs + 1) << 1 << QStringList{option, u"(2147483648 ms)"_s, u"at most"_s};
        }
        QTest::newRow("non-positive durations skip relations") << with([](MonitorSettings& s) {
            s.readDeadlineMs = 0;
            s.contextTimeoutMs = 0;
        }) << 2 << QStringList{u"--read-deadline (0 ms)"_s, u"--context-timeout (0 ms)"_s};

        // Diagram 3: the safety net fires after the reader's own deadline.
        const auto context = [](qint64 deadline, qint64 ctx) {
            return with([=](MonitorSettings& s) {
                s.readDeadlineMs = deadline;
                s.contextTimeoutMs = ctx;
            });
        };
        QTest::newRow("context == deadline rejected")
            << context(300, 300) << 1
            << QStringList{u"--context-timeout (300 ms) must be greater than --read-deadline (300 ms)"_s,
                           u"Diagram 3"_s, u"still blocked"_s};
        QTest::newRow("context < deadline rejected (the seed's bug)")
            << context(35000, 30000) << 1
            << QStringList{u"--context-timeout (30000 ms)"_s, u"--read-deadline (35000 ms)"_s};
        QTest::newRow("context == deadline+1 accepted") << context(300, 301) << 0 << QStringList{};

        // Ticker heartbeats must come more often than the task timeout.
        for (HeartbeatStrategy strategy : {HeartbeatStrategy::Ticker, HeartbeatStrategy::Hybrid}) {
            const QByteArray name = dockpulse::monitor::strategyName(strategy).toLatin1();
            const auto beat = [=](qint64 every, qint64 timeout) {
                return with([=](MonitorSettings& s) {
                    s.strategy = strategy;
                    s.heartbeatEveryMs = every;
                    s.taskTimeoutMs = timeout;
                });
            };
            QTest::addRow("%s heartbeat == task timeout rejected", name.constData())
                << beat(300000, 300000) << 1
                << QStringList{u"--heartbeat-every (300000 ms)"_s, u"--task-timeout (300000 ms)"_s,
                               u"--strategy "_s + QString::fromLatin1(name)};
            QTest::addRow("%s heartbeat > task timeout rejected", name.constData())
                << beat(400000, 300000) << 1 << QStringList{u"--heartbeat-every (400000 ms)"_s};
            QTest::addRow("%s heartbeat == task timeout-1 accepted", name.constData())
                << beat(299999, 300000) << 0 << QStringList{};
            // Only rotation depends on the read deadline.
            QTest::addRow("%s deadline >= task timeout accepted", name.constData())
                << with([=](MonitorSettings& s) {
                       s.strategy = strategy;
                       s.readDeadlineMs = 300000;
                       s.contextTimeoutMs = 300001;
                   })
                << 0 << QStringList{};
        }

        // Rotation: rotations are the only heartbeats.
        const auto rotation = [](qint64 deadline, qint64 timeout) {
            return with([=](MonitorSettings& s) {
                s.strategy = HeartbeatStrategy::Rotation;
                s.readDeadlineMs = deadline;
                s.contextTimeoutMs = deadline + 5000;
                s.taskTimeoutMs = timeout;
            });
        };
        QTest::newRow("rotation deadline == task timeout rejected")
            << rotation(300000, 300000) << 1
            << QStringList{u"--read-deadline (300000 ms)"_s, u"--task-timeout (300000 ms)"_s,
                           u"--strategy rotation"_s};
        QTest::newRow("rotation deadline == task timeout-1 accepted")
            << rotation(299999, 300000) << 0 << QStringList{};
        QTest::newRow("rotation ignores the ticker period") << with([](MonitorSettings& s) {
            s.strategy = HeartbeatStrategy::Rotation;
            s.heartbeatEveryMs = 900000;
        }) << 0 << QStringList{};

        // None: the broken timeline is allowed, whatever the periods.
        QTest::newRow("none allows every timeline") << with([](MonitorSettings& s) {
            s.strategy = HeartbeatStrategy::None;
            s.heartbeatEveryMs = 900000;
            s.readDeadlineMs = 900000;
            s.contextTimeoutMs = 900001;
        }) << 0 << QStringList{};

        const auto threads = [](int n) {
            return with([=](MonitorSettings& s) { s.threads = n; });
        };
        QTest::newRow("threads -1 rejected") << threads(-1) << 1 << QStringList{u"--threads (-1)"_s};
        QTest::newRow("threads 0 (auto) accepted") << threads(0) << 0 << QStringList{};
        QTest::newRow("threads 1 accepted") << threads(1) << 0 << QStringList{};
        QTest::newRow("threads 256 accepted") << threads(256) << 0 << QStringList{};
        QTest::newRow("threads 257 rejected") << threads(257) << 1 << QStringList{u"--threads (257)"_s};

        const auto tail = [](qint64 n) {
            return with([=](MonitorSettings& s) { s.tail = n; });
        };
        QTest::newRow("tail -2 rejected") << tail(-2) << 1 << QStringList{u"--tail (-2)"_s, u"\"all\""_s};
        QTest::newRow("tail -1 (all) accepted") << tail(-1) << 0 << QStringList{};
        QTest::newRow("tail 0 accepted") << tail(0) << 0 << QStringList{};

        const auto keep = [](qint64 n) {
            return with([=](MonitorSettings& s) { s.logRetentionLines = n; });
        };
        QTest::newRow("retention 999 rejected") << keep(999) << 1 << QStringList{u"(999 lines)"_s};
        QTest::newRow("retention 1000 accepted") << keep(1000) << 0 << QStringList{};
        QTest::newRow("retention 10000000 accepted") << keep(10000000) << 0 << QStringList{};
        QTest::newRow("retention 10000001 rejected")
            << keep(10000001) << 1 << QStringList{u"(10000001 lines)"_s};

        const auto cap = [](qint64 n) {
            return with([=](MonitorSettings& s) { s.maxLineBytes = n; });
        };
        QTest::newRow("max-line 1023 rejected")
            << cap(1023) << 1 << QStringList{u"--max-line (1023 bytes)"_s};
        QTest::newRow("max-line 1024 accepted") << cap(1024) << 0 << QStringList{};
        QTest::newRow("max-line 256 MiB accepted") << cap(qint64(256) << 20) << 0 << QStringList{};
        QTest::newRow("max-line 256 MiB + 1 rejected")
            << cap((qint64(256) << 20) + 1) << 1 << QStringList{u"--max-line (268435457 bytes)"_s};

        QTest::newRow("every problem reported at once") << with([](MonitorSettings& s) {
            s.contextTimeoutMs = s.readDeadlineMs;
            s.threads = 1000;
            s.tail = -5;
        }) << 3 << QStringList{u"--context-timeout"_s, u"--threads"_s, u"--tail"_s};
    }
    void validate()
    {
        QFETCH(MonitorSettings, settings);
        QFETCH(int, problems);
        QFETCH(QStringList, fragments);
        const QStringList messages = dockpulse::monitor::validateSettings(settings);
        QCOMPARE(messages.size(), problems);
        const QString all = messages.join(u'\n');
        for (const QString& f : fragments)
            QVERIFY2(all.contains(f), qPrintable(u"\"%1\" not in: %2"_s.arg(f, all)));
        // One sentence each, ending with a full stop.
        for (const QString& m : messages)
            QVERIFY2(m.endsWith(u'.') && !m.contains(u'\n'), qPrintable(m));
    }

    void parseStrategy_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<HeartbeatStrategy>("expected");
        QTest::newRow("ticker") << u"ticker"_s << true << HeartbeatStrategy::Ticker;
        QTest::newRow("rotation") << u"rotation"_s << true << HeartbeatStrategy::Rotation;
        QTest::newRow("hybrid") << u"hybrid"_s << true << HeartbeatStrategy::Hybrid;
        QTest::newRow("none") << u"none"_s << true << HeartbeatStrategy::None;
        QTest::newRow("capitalised") << u"Hybrid"_s << false << HeartbeatStrategy::Ticker;
        QTest::newRow("padded") << u" ticker"_s << false << HeartbeatStrategy::Ticker;
        QTest::newRow("plural") << u"rotations"_s << false << HeartbeatStrategy::Ticker;
        QTest::newRow("empty") << QString() << false << HeartbeatStrategy::Ticker;
    }
    void parseStrategy()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(HeartbeatStrategy, expected);
        HeartbeatStrategy out = HeartbeatStrategy::Ticker;
        QCOMPARE(dockpulse::monitor::parseStrategy(text, &out), ok);
        QCOMPARE(out, expected); // untouched on failure
        if (ok)
            QCOMPARE(dockpulse::monitor::strategyName(out), text);
    }

    void effectiveThreads_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("expected");
        QTest::newRow("auto") << 0 << std::clamp(QThread::idealThreadCount(), 1, 256);
        QTest::newRow("one") << 1 << 1;
        QTest::newRow("explicit") << 7 << 7;
        QTest::newRow("max") << 256 << 256;
    }
    void effectiveThreads()
    {
        QFETCH(int, threads);
        QFETCH(int, expected);
        MonitorSettings s;
        s.threads = threads;
        QCOMPARE(s.effectiveThreads(), expected);
    }
};

QTEST_GUILESS_MAIN(TestMonitorSettings)
#include "tst_monitorsettings.moc"
