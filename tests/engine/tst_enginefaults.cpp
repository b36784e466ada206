// The engine misbehaving: frozen (SIGSTOP), killed and restarted, a container removed while
// read, a logging driver that cannot be read back. Each test owns a private dockerd.
#include "HeadlessRun.h"
#include "ReliabilityReport.h"
#include "SandboxEngine.h"
#include "TestEngine.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::test::column;
using dockpulse::test::CsvRow;
using dockpulse::test::HeadlessRun;
using dockpulse::test::isoMillis;
using dockpulse::test::SandboxEngine;
using dockpulse::test::TestEngine;

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

const QString kCounter = TestEngine::countingScript(u"n"_s, u"0.05"_s);

// Readers started after their task had ended (0 when none leaked; -1: no metrics).
int leakedReaders(const HeadlessRun& run)
{
    return run.lateReaders();
}

qint64 firstEventAfter(const HeadlessRun& run, const QString& event, qint64 afterMs)
{
    for (const CsvRow& r : run.events(event))
        if (isoMillis(r[0]) >= afterMs)
            return isoMillis(r[0]);
    return -1;
}

} // namespace

class TestEngineFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The engine frozen for 3x the read deadline (longer than the task timeout): the reader still
    // ends at its deadline, the task goes stalled and is not timed out (ticker heartbeats go on),
    // then resumed with nothing lost or repeated.
    void frozenEngine_data()
    {
        QTest::addColumn<int>("deadlines"); // how long the freeze lasts, in read deadlines
        QTest::newRow("3x the read deadline") << 3;
        QTest::newRow("10x the read deadline") << 10;
    }
    void frozenEngine()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        QFETCH(int, deadlines);
        SandboxEngine engine;
        QVERIFY2(!engine.url().isEmpty(), qPrintable(engine.error()));
        const QString name = u"frozen"_s;
        QVERIFY(!TestEngine::runContainer(name, kCounter, {}, engine.url()).isEmpty());

        HeadlessRun run;
        QVERIFY(run.start({u"-m"_s, name, u"--until-exit"_s, u"--read-deadline"_s, u"1000"_s,
                           u"--context-timeout"_s, u"1200"_s, u"--heartbeat-every"_s, u"1000"_s,
                           u"--task-timeout"_s, u"2500"_s, u"--cleanup-every"_s, u"250"_s,
                           u"--sample-every"_s, u"100"_s},
                          engine.url()));
        QTest::qWait(2500);
        const qint64 frozeAt = nowMs();
        QVERIFY(engine.command(u"freeze"_s));
        QTest::qWait(deadlines * 1000);
        // Taken before the thaw: the engine answers as soon as it runs again, which can be before
        // the sandbox script that thawed it has returned (seen: resumed 50 ms before this clock).
        const qint64 thawedAt = nowMs();
        QVERIFY(engine.command(u"thaw"_s));
        QTest::qWait(3000);
        QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, name}, 60000, engine.url()).ok());
        QVERIFY(run.wait(60000));
        QCOMPARE(run.exitCode(), 0);

        QVERIFY2(run.events(u"heartbeat_timeout"_s).isEmpty(),
                 "a healthy task was cancelled during the freeze");
        const auto stalled = run.events(u"stalled"_s);
        const auto resumed = run.events(u"resumed"_s);
        QVERIFY(!stalled.isEmpty());
        QVERIFY(!resumed.isEmpty());
        QVERIFY(isoMillis(stalled.first()[0]) >= frozeAt);
        QVERIFY(isoMillis(resumed.last()[0]) >= thawedAt);
        QVERIFY(isoMillis(stalled.first()[0]) < isoMillis(resumed.last()[0]));

        // Ticker heartbeats went on through the freeze.
        const auto heartbeats = run.csv(u"heartbeats.csv"_s);
        const int source = column(heartbeats, "source");
        int duringFreeze = 0;
        for (qsizetype i = 1; i < heartbeats.size(); ++i) {
            const qint64 t = isoMillis(heartbeats[i][0]);
            duringFreeze += (heartbeats[i][source] == "ticker" && t > frozeAt + 200 && t < thawedAt) ? 1 : 0;
        }
        QVERIFY2(duringFreeze >= 2, qPrintable(u"%1 ticker beats during the freeze"_s.arg(duringFreeze)));

        const QList<QByteArray> got = run.messages(name);
        const QList<QByteArray> want = TestEngine::logLines(name, engine.url());
        const auto [lost, repeated] = dockpulse::test::lostAndRepeated(got, want);
        dockpulse::test::reportFault(
            u"engine frozen (SIGSTOP) for %1x the read deadline"_s.arg(deadlines),
            u"stalled, not timed out (%1 ticker beats during the freeze), resumed"_s.arg(duringFreeze), lost,
            repeated, leakedReaders(run), firstEventAfter(run, u"resumed"_s, thawedAt) - thawedAt);
        QCOMPARE(got, want);
        QVERIFY(got.size() > 100);
        QCOMPARE(leakedReaders(run), 0);
    }

    // dockerd killed (SIGKILL) and started again mid-run (containers live on: --live-restore):
    // monitoring resumes, the events stream reconnects (a container started afterwards is
    // picked up by --monitor all), nothing lost or repeated.
    void engineRestart()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        SandboxEngine engine;
        QVERIFY2(!engine.url().isEmpty(), qPrintable(engine.error()));
        QVERIFY(!TestEngine::runContainer(u"before"_s, kCounter, {}, engine.url()).isEmpty());

        HeadlessRun run;
        QVERIFY(
            run.start(HeadlessRun::compressedTimings() + QStringList{u"-m"_s, u"all"_s, u"--until-exit"_s},
                      engine.url()));
        QTest::qWait(2000);
        QVERIFY(engine.command(u"kill"_s));
        QTest::qWait(1000);
        QVERIFY(engine.command(u"restart"_s));
        const qint64 restartedAt = nowMs();
        QTest::qWait(2000);
        QVERIFY(!TestEngine::runContainer(u"after"_s, u"seq 1 500; sleep 1"_s, {}, engine.url()).isEmpty());
        QTest::qWait(2500);
        QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, u"before"_s}, 60000, engine.url()).ok());
        QVERIFY(TestEngine::waitExited(u"after"_s, 30000, engine.url()));
        QVERIFY(run.wait(60000));
        QCOMPARE(run.exitCode(), 0);

        QVERIFY(!run.events(u"stalled"_s).isEmpty());
        QVERIFY(!run.events(u"resumed"_s).isEmpty());
        const QList<QByteArray> before = run.messages(u"before"_s);
        const auto [lost, repeated] =
            dockpulse::test::lostAndRepeated(before, TestEngine::logLines(u"before"_s, engine.url()));
        dockpulse::test::reportFault(u"dockerd killed (SIGKILL) and restarted mid-stream"_s,
                                     u"stalled, resumed; events stream reconnected (a later container was "
                                     u"picked up)"_s,
                                     lost, repeated, leakedReaders(run),
                                     firstEventAfter(run, u"resumed"_s, restartedAt) - restartedAt);
        QCOMPARE(before, TestEngine::logLines(u"before"_s, engine.url()));
        QVERIFY(before.size() > 50);
        const QList<QByteArray> after = run.messages(u"after"_s);
        QCOMPARE(after.size(), 500);
        QCOMPARE(after, TestEngine::logLines(u"after"_s, engine.url()));
    }

    // A container removed (docker rm -f) while it is read: the task ends as stopped
    // (container_removed), and what was read is a gapless prefix of what it wrote.
    void containerRemovedMidStream()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"removed"_s);
        QVERIFY(!TestEngine::runContainer(name, kCounter).isEmpty());
        HeadlessRun run;
        // Not --until-exit: that would end the run at the kill, before the removal.
        QVERIFY(run.start(HeadlessRun::compressedTimings() +
                          QStringList{u"-m"_s, name, u"--duration"_s, u"4"_s}));
        QTest::qWait(2000);
        const qint64 removedAt = nowMs();
        TestEngine::removeContainer(name);
        QVERIFY(run.wait(30000));
        QCOMPARE(run.exitCode(), 0);
        const auto tasks = run.csv(u"tasks.csv"_s);
        QCOMPARE(tasks[1][column(tasks, "state")], QByteArray("stopped"));
        QCOMPARE(run.events(u"container_removed"_s).size(), 1);
        const QList<QByteArray> got = run.messages(name);
        QVERIFY(got.size() > 10);
        qsizetype gaps = 0;
        for (qsizetype i = 0; i < got.size(); ++i)
            gaps += got[i] == QByteArray("n ") + QByteArray::number(i + 1) ? 0 : 1;
        dockpulse::test::reportFault(u"container removed (docker rm -f) mid-stream"_s,
                                     u"task stopped (container_removed); lines read form a gapless prefix"_s,
                                     gaps, 0, leakedReaders(run),
                                     firstEventAfter(run, u"container_removed"_s, removedAt) - removedAt);
        QCOMPARE(gaps, 0);
    }

    // Logging driver "none": the task fails with the daemon's reason.
    void unreadableLogDriver()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"nolog"_s);
        QVERIFY(!TestEngine::runContainer(name, kCounter, {u"--log-driver"_s, u"none"_s}).isEmpty());
        HeadlessRun run;
        QVERIFY(
            run.run(HeadlessRun::compressedTimings() + QStringList{u"-m"_s, name, u"--until-exit"_s}, 30000));
        QCOMPARE(run.exitCode(), 0);
        const auto tasks = run.csv(u"tasks.csv"_s);
        QCOMPARE(tasks[1][column(tasks, "state")], QByteArray("failed"));
        const QByteArray lastError = tasks[1][column(tasks, "last_error")];
        dockpulse::test::reportFault(u"logging driver none"_s,
                                     u"task failed: "_s + QString::fromUtf8(lastError.left(90)), 0, 0,
                                     leakedReaders(run), -1);
        QVERIFY2(lastError.contains("does not support reading"), lastError.constData());
        TestEngine::removeContainer(name);
    }
    // Restarted 20 times in quick succession while monitored: every line of every run once.
    void restartedTwentyTimes()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"restart20"_s);
        QVERIFY(!TestEngine::runContainer(name, u"echo run; seq 1 50; "_s + kCounter).isEmpty());
        HeadlessRun run;
        QVERIFY(run.start(HeadlessRun::compressedTimings() + QStringList{u"-m"_s, name}));
        QTest::qWait(800);
        for (int i = 0; i < 20; ++i)
            QVERIFY(TestEngine::docker({u"restart"_s, u"-t"_s, u"0"_s, name}).ok());
        const qint64 lastRestart = nowMs();
        QTest::qWait(800);
        QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, name}).ok());
        QTest::qWait(1500);
        QVERIFY(run.terminate(30000));
        QCOMPARE(run.exitCode(), 0);
        const QList<QByteArray> got = run.messages(name);
        const QList<QByteArray> want = TestEngine::logLines(name, {});
        QCOMPARE(want.count("run"), 21);
        const auto [lost, repeated] = dockpulse::test::lostAndRepeated(got, want);
        dockpulse::test::reportFault(u"container restarted 20 times in quick succession"_s,
                                     u"each run followed from the cursor (%1 lines)"_s.arg(got.size()), lost,
                                     repeated, leakedReaders(run),
                                     firstEventAfter(run, u"stream_opened"_s, lastRestart) - lastRestart);
        QCOMPARE(got, want);
        QCOMPARE(leakedReaders(run), 0);
        TestEngine::removeContainer(name);
    }

    // Binary and invalid UTF-8 output is exported exactly as the engine delivers it. Pinned per
    // driver: json-file stores JSON strings, so it already turns each invalid byte into U+FFFD;
    // local keeps the bytes.
    void binaryOutputExportedAsDelivered_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<bool>("bytesKept");
        QTest::newRow("json-file") << u"json-file"_s << false;
        QTest::newRow("local") << u"local"_s << true;
    }
    void binaryOutputExportedAsDelivered()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        QFETCH(QString, driver);
        QFETCH(bool, bytesKept);
        const QString name = TestEngine::uniqueName(u"binary-"_s + driver);
        // Every byte value but '\n' on one line, invalid UTF-8, an escape sequence, a formula.
        const QString script =
            u"i=0; while [ $i -lt 256 ]; do [ $i -ne 10 ] && printf \"\\\\$(printf %o $i)\"; "
            u"i=$((i+1)); done; echo; printf 'bad\\377\\376\\n'; "
            u"printf '\\033[31mred\\033[0m\\n'; echo '=SUM(A1)'"_s;
        QVERIFY(!TestEngine::runContainer(name, script, {u"--log-driver"_s, driver}).isEmpty());
        QVERIFY(TestEngine::waitExited(name));
        HeadlessRun run;
        QVERIFY(run.run(HeadlessRun::compressedTimings() +
                            QStringList{u"-m"_s, name, u"--until-exit"_s, u"--csv-raw"_s},
                        30000));
        QCOMPARE(run.exitCode(), 0);
        const QList<QByteArray> got = run.messages(name);
        const QList<QByteArray> want = TestEngine::logLines(name, {});
        QCOMPARE(got.size(), 4);
        QCOMPARE(got, want);
        QCOMPARE(got[1] == QByteArray("bad\xff\xfe"), bytesKept);
        if (!bytesKept)
            QCOMPARE(got[1], QByteArray("bad\xEF\xBF\xBD\xEF\xBF\xBD"));
        QCOMPARE(got[2], QByteArray("\x1b[31mred\x1b[0m"));
        QCOMPARE(got[3], QByteArray("=SUM(A1)")); // --csv-raw: no formula guard
        const auto [lost, repeated] = dockpulse::test::lostAndRepeated(got, want);
        dockpulse::test::reportFault(u"binary and invalid UTF-8 output, driver %1"_s.arg(driver),
                                     bytesKept ? u"exported byte for byte"_s
                                               : u"exported as delivered (json-file already replaced invalid "
                                                 u"bytes by U+FFFD)"_s,
                                     lost, repeated, leakedReaders(run), -1);
        TestEngine::removeContainer(name);
    }
};

QTEST_GUILESS_MAIN(TestEngineFaults)
#include "tst_enginefaults.moc"
