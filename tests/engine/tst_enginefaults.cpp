// The engine misbehaving: frozen (SIGSTOP), killed and restarted, a container removed while
// read, a logging driver that cannot be read back. Each test owns a private dockerd.
#include "HeadlessRun.h"
#include "TestEngine.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::test::column;
using dockpulse::test::CsvRow;
using dockpulse::test::HeadlessRun;
using dockpulse::test::isoMillis;
using dockpulse::test::TestEngine;

namespace {

// A private dockerd for one test, stopped when it goes out of scope.
class PrivateEngine
{
public:
    PrivateEngine() : m_dir(u"/tmp/dpf-XXXXXX"_s)
    {
        const auto r = TestEngine::sandbox(u"start"_s, m_dir.path());
        if (r.ok())
            m_url = QString::fromUtf8(r.out.trimmed());
        else
            qWarning("private engine did not start: %s", r.err.constData());
    }
    ~PrivateEngine() { TestEngine::sandbox(u"stop"_s, m_dir.path()); }
    const QString& url() const { return m_url; }
    bool command(const QString& what) { return TestEngine::sandbox(what, m_dir.path()).ok(); }

private:
    QTemporaryDir m_dir;
    QString m_url;
};

QList<QByteArray> dockerLogs(const QString& name, const QString& host)
{
    QList<QByteArray> lines = TestEngine::docker({u"logs"_s, name}, 60000, host).out.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

const QString kCounter = u"i=0; while true; do i=$((i+1)); echo n $i; sleep 0.05; done"_s;

} // namespace

class TestEngineFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The engine frozen for 3x the read deadline (longer than the task timeout): the reader still
    // ends at its deadline, the task goes stalled and is not timed out (ticker heartbeats go on),
    // then resumed with nothing lost or repeated.
    void frozenEngine()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        PrivateEngine engine;
        QVERIFY(!engine.url().isEmpty());
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
        QTest::qWait(3000);
        QVERIFY(engine.command(u"thaw"_s));
        const qint64 thawedAt = nowMs();
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
        QCOMPARE(got, dockerLogs(name, engine.url()));
        QVERIFY(got.size() > 100);
    }

    // dockerd killed (SIGKILL) and started again mid-run (containers live on: --live-restore):
    // monitoring resumes, the events stream reconnects (a container started afterwards is
    // picked up by --monitor all), nothing lost or repeated.
    void engineRestart()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        PrivateEngine engine;
        QVERIFY(!engine.url().isEmpty());
        QVERIFY(!TestEngine::runContainer(u"before"_s, kCounter, {}, engine.url()).isEmpty());

        HeadlessRun run;
        QVERIFY(
            run.start(HeadlessRun::compressedTimings() + QStringList{u"-m"_s, u"all"_s, u"--until-exit"_s},
                      engine.url()));
        QTest::qWait(2000);
        QVERIFY(engine.command(u"kill"_s));
        QTest::qWait(1000);
        QVERIFY(engine.command(u"restart"_s));
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
        QCOMPARE(before, dockerLogs(u"before"_s, engine.url()));
        QVERIFY(before.size() > 50);
        const QList<QByteArray> after = run.messages(u"after"_s);
        QCOMPARE(after.size(), 500);
        QCOMPARE(after, dockerLogs(u"after"_s, engine.url()));
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
        TestEngine::removeContainer(name);
        QVERIFY(run.wait(30000));
        QCOMPARE(run.exitCode(), 0);
        const auto tasks = run.csv(u"tasks.csv"_s);
        QCOMPARE(tasks[1][column(tasks, "state")], QByteArray("stopped"));
        QCOMPARE(run.events(u"container_removed"_s).size(), 1);
        const QList<QByteArray> got = run.messages(name);
        QVERIFY(got.size() > 10);
        for (qsizetype i = 0; i < got.size(); ++i)
            QCOMPARE(got[i], QByteArray("n ") + QByteArray::number(i + 1));
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
        QVERIFY2(lastError.contains("does not support reading"), lastError.constData());
        TestEngine::removeContainer(name);
    }
};

QTEST_GUILESS_MAIN(TestEngineFaults)
#include "tst_enginefaults.moc"
