// The cursor against loads the other engine tests do not make (issue 12): stderr beside a busy
// stdout at short read deadlines, and a container in Docker's restart backoff. Each runs the
// program as a user does and judges what it exported.
#include "HeadlessRun.h"
#include "ReliabilityReport.h"
#include "TestEngine.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::test::column;
using dockpulse::test::CsvRow;
using dockpulse::test::HeadlessRun;
using dockpulse::test::RemovedAtEnd;
using dockpulse::test::TestEngine;

namespace {

// One container's logs.csv rows, split by stream, in file order.
struct ContainerLog
{
    QList<QByteArray> out;
    QList<QByteArray> err;
    qint64 firstMs = 0;
    qint64 lastMs = 0;
    qint64 linesPerSecond() const
    {
        return lastMs > firstMs ? (out.size() + err.size()) * 1000 / (lastMs - firstMs) : 0;
    }
};

ContainerLog containerLog(const HeadlessRun& run, const QString& container)
{
    const QList<CsvRow> logs = run.csv(u"logs.csv"_s);
    const int name = column(logs, "container_name");
    const int kind = column(logs, "stream");
    const int message = column(logs, "message");
    ContainerLog log;
    for (qsizetype i = 1; i < logs.size(); ++i) {
        if (logs[i][name] != container.toUtf8())
            continue;
        (logs[i][kind] == "stderr" ? log.err : log.out).append(logs[i][message]);
        log.lastMs = dockpulse::test::isoMillis(logs[i][0]);
        if (log.firstMs == 0)
            log.firstMs = log.lastMs;
    }
    return log;
}

int countWithDetail(const QList<CsvRow>& events, const QByteArray& detail)
{
    return int(
        std::count_if(events.cbegin(), events.cend(), [&](const CsvRow& r) { return r[3] == detail; }));
}

} // namespace

class TestEngineCursor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Item 1: stdout at ~40,000 lines/s in writes of 50 lines, a stderr line after every 4th
    // write, a 200 ms read deadline. The engine's stdout and stderr copiers stamp lines a little
    // out of order; every stderr line must arrive exactly once, and every stdout line.
    void stderrBesideBusyStdout()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"busy"_s);
        RemovedAtEnd removed{name};
        constexpr int kWrites = 12000;
        constexpr int kStderrEvery = 4;
        QStringList fifty;
        for (int k = 1; k <= 50; ++k)
            fifty << QString::number(k);
        // printf, echo and read are shell builtins: no process per write. 10 writes (500 lines),
        // then a 10 ms pause (read -t on a fifo nobody writes).
        const QString script =
            u"mkfifo /tmp/pause; exec 3<>/tmp/pause; read -t 1 x <&3; w=0; e=0; while [ $w -lt %1 ]; do "
            u"printf \"o $w %s\\n\" %2; w=$((w+1)); "
            u"if [ $((w % %3)) -eq 0 ]; then e=$((e+1)); echo \"e $e\" >&2; fi; "
            u"if [ $((w % 10)) -eq 0 ]; then read -t 0.01 x <&3; fi; done"_s.arg(kWrites)
                .arg(fifty.join(u' '))
                .arg(kStderrEvery);
        QVERIFY(!TestEngine::runContainer(name, script).isEmpty());
        HeadlessRun run;
        QVERIFY(run.run({u"-m"_s, name, u"--until-exit"_s, u"--read-deadline"_s, u"200"_s,
                         u"--context-timeout"_s, u"250"_s, u"--heartbeat-every"_s, u"200"_s,
                         u"--task-timeout"_s, u"3000"_s, u"--cleanup-every"_s, u"500"_s},
                        240000));
        QCOMPARE(run.exitCode(), 0);

        QList<QByteArray> wantErr;
        for (int e = 1; e <= kWrites / kStderrEvery; ++e)
            wantErr.append("e " + QByteArray::number(e));
        const ContainerLog log = containerLog(run, name);
        const QList<QByteArray>& gotErr = log.err;
        const QList<QByteArray>& gotOut = log.out;
        const QList<QByteArray> wantOut = TestEngine::logLines(name); // docker logs' stdout
        QCOMPARE(wantOut.size(), kWrites * 50);
        const auto [lostErr, repeatedErr] = dockpulse::test::lostAndRepeated(gotErr, wantErr);
        const auto [lostOut, repeatedOut] = dockpulse::test::lostAndRepeated(gotOut, wantOut);
        const auto tasks = run.csv(u"tasks.csv"_s);
        const int rotations = tasks[1][column(tasks, "rotations")].toInt();
        dockpulse::test::reportFault(
            u"stdout in writes of 50 lines beside stderr, 200 ms read deadline"_s,
            u"%1 lines/s, %2 rotations; %3 stdout and %4 stderr lines read"_s.arg(log.linesPerSecond())
                .arg(rotations)
                .arg(gotOut.size())
                .arg(gotErr.size()),
            lostErr + lostOut, repeatedErr + repeatedOut, run.lateReaders(), -1);
        qInfo("%lld lines/s written; %d rotations; stderr: %lld lost, %lld repeated; stdout: %lld lost, %lld "
              "repeated",
              log.linesPerSecond(), rotations, qint64(lostErr), qint64(repeatedErr), qint64(lostOut),
              qint64(repeatedOut));
        QCOMPARE(lostErr, 0);
        QCOMPARE(repeatedErr, 0);
        QCOMPARE(gotErr, wantErr);
        QCOMPARE(lostOut, 0);
        QCOMPARE(repeatedOut, 0);
        QVERIFY(gotOut == wantOut);
        QVERIFY2(rotations >= 20, qPrintable(u"%1 rotations"_s.arg(rotations)));
    }

    // Item 4: a --restart always container whose process exits every 0.5 s spends most of its
    // time in Docker's restart backoff. Not running, it is waited for (the events stream says
    // when it starts), never polled. Streams are sequential, so at most elapsed / deadline of
    // them can have lasted their deadline; every other stream ends because the container
    // stopped: the follow stream at its exit and the one read after it, two per run.
    void restartBackoffIsWaitedFor()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"backoff"_s);
        RemovedAtEnd removed{name};
        QVERIFY(!TestEngine::runContainer(name, u"echo run $(date +%s%N); sleep 0.5; exit 1"_s,
                                          {u"--restart"_s, u"always"_s})
                     .isEmpty());
        QElapsedTimer elapsed;
        elapsed.start();
        HeadlessRun run;
        QVERIFY(run.start(HeadlessRun::compressedTimings() + QStringList{u"-m"_s, name}));
        QTest::qWait(10000);
        // Stopped for good: what its runs wrote is complete.
        QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, name}).ok());
        QVERIFY(TestEngine::waitExited(name));
        QTest::qWait(1500);
        QVERIFY(run.terminate(30000));
        const qint64 elapsedMs = elapsed.elapsed();
        QCOMPARE(run.exitCode(), 0);

        const int runs = TestEngine::inspectField(name, u"{{.RestartCount}}"_s).toInt() + 1;
        const qint64 deadlineMs = HeadlessRun::compressedTimings()[1].toLongLong();
        const auto opened = run.events(u"stream_opened"_s);
        const auto rotated = run.events(u"rotated"_s);
        const int atEof = countWithDetail(rotated, "eof");
        const qint64 bound = elapsedMs / deadlineMs + 2 * runs + 2;
        const QList<QByteArray> got = run.messages(name);
        const QList<QByteArray> want = TestEngine::logLines(name);
        const auto [lost, repeated] = dockpulse::test::lostAndRepeated(got, want);
        dockpulse::test::reportFault(
            u"--restart always, the process exiting every 0.5 s (Docker's restart backoff), 10 s"_s,
            u"%1 runs: %2 streams opened (at most %3 by design), %4 events"_s.arg(runs)
                .arg(opened.size())
                .arg(bound)
                .arg(run.csv(u"events.csv"_s).size() - 1),
            lost, repeated, run.lateReaders(), -1);
        qInfo("%d runs in %lld ms: %lld streams opened, %d ended at eof, bound %lld", runs, elapsedMs,
              qint64(opened.size()), atEof, bound);
        QVERIFY2(runs >= 4, qPrintable(u"%1 runs: the container did not restart as expected"_s.arg(runs)));
        QVERIFY2(opened.size() <= bound,
                 qPrintable(u"%1 streams opened for %2 runs in %3 ms (at most %4)"_s.arg(opened.size())
                                .arg(runs)
                                .arg(elapsedMs)
                                .arg(bound)));
        QVERIFY2(atEof <= 2 * runs + 1,
                 qPrintable(u"%1 streams ended at eof for %2 runs (at most %3)"_s.arg(atEof).arg(runs).arg(
                     2 * runs + 1)));
        QCOMPARE(got, want);
        QCOMPARE(run.lateReaders(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineCursor)
#include "tst_enginecursor.moc"
