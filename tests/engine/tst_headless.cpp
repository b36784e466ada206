// The headless command as scripts use it: exit statuses, stopping by signal, and the five CSV
// files with the headers docs/CONTRACT.md promises.
#include "HeadlessRun.h"
#include "SandboxEngine.h"
#include "TestEngine.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::test::HeadlessRun;
using dockpulse::test::isoMillis;
using dockpulse::test::SandboxEngine;
using dockpulse::test::TestEngine;

namespace {
// "`tasks.csv` — ...:\n`task,host,...`" for each file, read from the contract itself.
QHash<QString, QByteArray> contractHeaders()
{
    QFile f(QString::fromLatin1(DOCKPULSE_SOURCE_DIR) + u"/docs/CONTRACT.md"_s);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(f.readAll());
    QHash<QString, QByteArray> out;
    static const QRegularExpression re(u"^`(\\w+\\.csv)`[^\\n]*\\n`([a-z_,]+)`"_s,
                                       QRegularExpression::MultilineOption);
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out.insert(m.captured(1), m.captured(2).toUtf8());
    }
    return out;
}
// Starts a container `name` that writes "n 1", "n 2", ... every 50 ms and a run monitoring it,
// then lets it read for 1.5 s.
bool startCountingRun(HeadlessRun& run, const QString& name)
{
    if (TestEngine::runContainer(name, TestEngine::countingScript(u"n"_s, u"0.05"_s)).isEmpty())
        return false;
    if (!run.start(HeadlessRun::compressedTimings() + QStringList{u"-m"_s, name}))
        return false;
    QTest::qWait(1500);
    return true;
}
} // namespace

class TestHeadless : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void csvHeadersMatchContract()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QHash<QString, QByteArray> headers = contractHeaders();
        QCOMPARE(headers.size(), 5);
        const QString name = TestEngine::uniqueName(u"headers"_s);
        QVERIFY(!TestEngine::runContainer(name, u"echo hello"_s).isEmpty());
        QVERIFY(TestEngine::waitExited(name));
        HeadlessRun run;
        QVERIFY(
            run.run(HeadlessRun::compressedTimings() + QStringList{u"-m"_s, name, u"--until-exit"_s}, 30000));
        QCOMPARE(run.exitCode(), 0);
        for (auto it = headers.cbegin(); it != headers.cend(); ++it) {
            QFile f(run.exportDir() + u'/' + it.key());
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(it.key()));
            QCOMPARE(f.readLine(), it.value() + "\r\n");
        }
        QCOMPARE(run.messages(name), QList<QByteArray>{"hello"});
        TestEngine::removeContainer(name);
    }

    // --tail N end to end: logs.csv holds exactly the last N lines written before the run, then
    // everything written after it.
    void tailThenEverythingNew()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"tail"_s);
        // 50 lines; 30 more once told (SIGUSR1), then it exits.
        QVERIFY(!TestEngine::runContainer(
                     name, u"trap 'seq 51 80; exit 0' USR1; seq 1 50; while true; do sleep 0.1; done"_s)
                     .isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(TestEngine::logLines(name).size(), qsizetype(50), 30000);
        HeadlessRun run;
        // Streams of 3 s, not the compressed 300 ms: a first stream that opens and ends before
        // its tail arrives (seen on a loaded machine) leaves the --tail lines out by design and
        // says so (LogCursor::tailContextLeftOut()). This test is about a run that reads its tail.
        QVERIFY(run.start({u"--read-deadline"_s, u"3000"_s, u"--context-timeout"_s, u"3500"_s,
                           u"--heartbeat-every"_s, u"300"_s, u"--task-timeout"_s, u"10000"_s,
                           u"--cleanup-every"_s, u"600"_s, u"--sample-every"_s, u"100"_s, u"-m"_s, name,
                           u"--tail"_s, u"10"_s, u"--until-exit"_s}));
        // The tail has been read (a status line counts it) before anything new is written.
        QVERIFY2(run.waitForStderr("| 10 lines |", 60000), run.stderrText().constData());
        QVERIFY(TestEngine::docker({u"kill"_s, u"-s"_s, u"USR1"_s, name}).ok());
        QVERIFY(run.wait(60000));
        QCOMPARE(run.exitCode(), 0);
        QList<QByteArray> want;
        for (int i = 41; i <= 80; ++i)
            want.append(QByteArray::number(i));
        QCOMPARE(run.messages(name), want);
        TestEngine::removeContainer(name);
    }

    void unknownContainerExits4()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        HeadlessRun run;
        QVERIFY(run.run({u"-m"_s, u"dp-no-such-container"_s, u"--until-exit"_s}, 30000));
        QCOMPARE(run.exitCode(), 4);
        QVERIFY2(run.stderrText().contains("no such container: dp-no-such-container"),
                 run.stderrText().constData());
    }

    // No socket, or a socket whose engine never answers (frozen): exit 3 with the cause, in 5 s.
    void unreachableEngineExits3_data()
    {
        QTest::addColumn<bool>("frozen");
        QTest::addColumn<QByteArray>("cause");
        QTest::newRow("no socket") << false << QByteArray("no Docker socket at");
        QTest::newRow("never answers") << true << QByteArray("timed out");
    }
    void unreachableEngineExits3()
    {
        QFETCH(bool, frozen);
        QFETCH(QByteArray, cause);
        QTemporaryDir dir;
        const QString path = dir.path() + u"/docker.sock"_s;
        // Listening is enough: the kernel completes connections into the backlog, so the client's
        // request is sent and simply never answered, like a SIGSTOPped dockerd's.
        QLocalServer server;
        if (frozen)
            QVERIFY(server.listen(path));
        HeadlessRun run;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(run.run({u"-H"_s, u"unix://"_s + path, u"-m"_s, u"x"_s}, 15000));
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(run.exitCode(), 3);
        QVERIFY2(elapsed < 5000, qPrintable(u"took %1 ms"_s.arg(elapsed)));
        QVERIFY2(run.stderrText().contains(cause), run.stderrText().constData());
        QVERIFY(run.stderrText().contains(path.toUtf8()));
    }

    void badOptionExits2()
    {
        HeadlessRun run;
        QVERIFY(run.run({u"--read-deadline"_s, u"500"_s, u"--context-timeout"_s, u"400"_s}, 15000));
        QCOMPARE(run.exitCode(), 2);
        QVERIFY(run.stderrText().contains("--context-timeout"));
    }

    // A folder that cannot be written is reported before monitoring starts, not after the run.
    void unwritableExportDirExits5()
    {
        QProcess p;
        p.start(QString::fromLatin1(DOCKPULSE_APP_PATH),
                {u"--headless"_s, u"-H"_s, u"unix:///nonexistent/docker.sock"_s, u"--export-dir"_s,
                 u"/proc/dockpulse-export"_s});
        QVERIFY(p.waitForFinished(15000));
        QCOMPARE(p.exitCode(), 5);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("/proc/dockpulse-export"), err.constData());
    }

    // An --export-dir that is a file is an export that cannot be written (5), not bad usage (2).
    void exportDirThatIsAFileExits5()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"not-a-folder"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QProcess p;
        p.start(QString::fromLatin1(DOCKPULSE_APP_PATH),
                {u"--headless"_s, u"-H"_s, u"unix:///nonexistent/docker.sock"_s, u"--export-dir"_s, file});
        QVERIFY(p.waitForFinished(15000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 5,
                 qPrintable(u"exit %1: %2"_s.arg(p.exitCode()).arg(QString::fromUtf8(err))));
        QVERIFY2(err.contains(file.toUtf8()) && err.contains("not a folder"), err.constData());
    }

    // A container that exited before the run ended ends the run `exited` in tasks.csv, not
    // `stopped`: the run's end is not a user stopping the task.
    void exitedContainerEndsExited()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"exited"_s);
        QVERIFY(!TestEngine::runContainer(name, u"echo bye"_s).isEmpty());
        QVERIFY(TestEngine::waitExited(name));
        HeadlessRun run;
        QVERIFY(
            run.run(HeadlessRun::compressedTimings() + QStringList{u"-m"_s, name, u"--until-exit"_s}, 30000));
        QCOMPARE(run.exitCode(), 0);
        const auto tasks = run.csv(u"tasks.csv"_s);
        QCOMPARE(tasks.size(), 2);
        QCOMPARE(tasks[1][dockpulse::test::column(tasks, "state")], QByteArray("exited"));
        QCOMPARE(run.messages(name), QList<QByteArray>{"bye"});
        TestEngine::removeContainer(name);
    }

    // `-m all --until-exit` with no container running yet waits for containers that start
    // later (here until one has started, written its line and exited), instead of ending at once.
    void monitorAllUntilExitWaitsForLaterContainers()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        // `-m all` monitors every container of its engine: on the shared one, a container of
        // another test (running beside it, or left behind by one that failed) would be
        // monitored too and decide when the run ends. This run has an engine of its own.
        SandboxEngine engine;
        QVERIFY2(!engine.url().isEmpty(), qPrintable(engine.error()));
        const QString name = TestEngine::uniqueName(u"later"_s);
        HeadlessRun run;
        // Compressed streams: a first stream that ends before the line arrived asks for all of
        // the log again (under ASan it once asked since=start and lost the line).
        QVERIFY(run.start(HeadlessRun::compressedTimings() +
                              QStringList{u"-m"_s, u"all"_s, u"--until-exit"_s, u"--duration"_s, u"60"_s},
                          engine.url()));
        QTest::qWait(2000); // the run has connected and found no container to monitor
        QVERIFY(!TestEngine::runContainer(name, u"sleep 0.5; echo late line"_s, {}, engine.url()).isEmpty());
        QVERIFY(run.wait(60000));
        QCOMPARE(run.exitCode(), 0);
        QVERIFY2(run.stderrText().contains("every monitored container has stopped"),
                 run.stderrText().constData());
        QCOMPARE(run.messages(name), QList<QByteArray>{"late line"});
    }

    // docker restart is a stop and a start: both are recorded, as for docker stop + docker start.
    void restartRecordsExitAndStart()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"restart"_s);
        HeadlessRun run;
        QVERIFY(startCountingRun(run, name));
        QVERIFY(TestEngine::docker({u"restart"_s, u"-t"_s, u"0"_s, name}).ok());
        QTest::qWait(1500);
        QVERIFY(run.terminate(20000));
        QCOMPARE(run.exitCode(), 0);
        QCOMPARE(run.events(u"container_exited"_s).size(), 1);
        QCOMPARE(run.events(u"container_started"_s).size(), 1);
        // ...in that order, and every line of both runs exactly once.
        QVERIFY(isoMillis(run.events(u"container_exited"_s)[0][0]) <=
                isoMillis(run.events(u"container_started"_s)[0][0]));
        const QList<QByteArray> got = run.messages(name);
        QCOMPARE(got, TestEngine::logLines(name).mid(0, got.size()));
        TestEngine::removeContainer(name);
    }

    // Two containers that wrote at the same time, read after both ended: each task reads its whole
    // log in one go, one after the other; logs.csv still comes out in time order across them.
    void logsCsvInTimeOrderAcrossContainers()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString a = TestEngine::uniqueName(u"order-a"_s);
        const QString b = TestEngine::uniqueName(u"order-b"_s);
        for (const QString& name : {a, b})
            QVERIFY(
                !TestEngine::runContainer(name, u"for i in $(seq 1 150); do echo line $i; sleep 0.01; done"_s)
                     .isEmpty());
        QVERIFY(TestEngine::waitExited(a));
        QVERIFY(TestEngine::waitExited(b));
        HeadlessRun run;
        QVERIFY(
            run.run(HeadlessRun::compressedTimings() + QStringList{u"-m"_s, a, u"-m"_s, b, u"--until-exit"_s},
                    30000));
        QCOMPARE(run.exitCode(), 0);
        const auto rows = run.csv(u"logs.csv"_s);
        QCOMPARE(rows.size(), 1 + 2 * 150);
        for (qsizetype i = 2; i < rows.size(); ++i) // RFC 3339 with 9 digits: text order is time order
            QVERIFY2(rows[i - 1][0] <= rows[i][0], rows[i][0].constData());
        QList<QByteArray> expected;
        for (int i = 1; i <= 150; ++i)
            expected << "line " + QByteArray::number(i);
        QCOMPARE(run.messages(a), expected);
        QCOMPARE(run.messages(b), expected);
        TestEngine::removeContainer(a);
        TestEngine::removeContainer(b);
    }

    // SIGTERM stops monitoring, exports everything, exits 0.
    void sigtermExportsAndExits0()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"sigterm"_s);
        HeadlessRun run;
        QVERIFY(startCountingRun(run, name));
        QVERIFY(run.terminate(20000));
        QCOMPARE(run.exitCode(), 0);
        QVERIFY(run.stderrText().contains("stopping: SIGTERM"));
        // The final status line is printed once every reader has ended: none outlives the run.
        const QList<QByteArray> statusLines = run.stderrText().split('\n');
        QByteArray last;
        for (const QByteArray& line : statusLines)
            last = line.contains("| readers ") ? line : last;
        QVERIFY2(last.contains("| readers 0 |"), last.constData());
        for (const QString& file :
             {u"tasks.csv"_s, u"heartbeats.csv"_s, u"events.csv"_s, u"metrics.csv"_s, u"logs.csv"_s})
            QVERIFY2(run.csv(file).size() > 1, qPrintable(file));
        const auto got = run.messages(name);
        QVERIFY(got.size() > 10);
        for (qsizetype i = 0; i < got.size(); ++i)
            QCOMPARE(got[i], QByteArray("n ") + QByteArray::number(i + 1));
        TestEngine::removeContainer(name);
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
