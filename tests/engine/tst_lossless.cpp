// Nothing lost, nothing repeated: every line exactly once, in order, across rotations,
// container restarts, TTY output and lines longer than Docker's 16 KiB buffer.
#include "HeadlessRun.h"
#include "TestEngine.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::test::column;
using dockpulse::test::HeadlessRun;
using dockpulse::test::TestEngine;

namespace {
// First index where two line lists differ, for a readable failure.
QString firstDifference(const QList<QByteArray>& got, const QList<QByteArray>& want)
{
    const qsizetype n = std::min(got.size(), want.size());
    for (qsizetype i = 0; i < n; ++i)
        if (got[i] != want[i])
            return u"line %1: got \"%2\", want \"%3\""_s.arg(i).arg(QString::fromUtf8(got[i].left(60)),
                                                                    QString::fromUtf8(want[i].left(60)));
    return u"got %1 lines, want %2"_s.arg(got.size()).arg(want.size());
}
} // namespace

class TestLossless : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Diagram 4: a fast numbered sequence (about 24,000 lines/s offered) across 120+ rotations:
    // every number exactly once, in order.
    void fastSequenceAcrossRotations()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"seq"_s);
        // 400 bursts of 1000 numbers, 40 ms apart: about 24,000 lines/s for ~17 s.
        QVERIFY(!TestEngine::runContainer(
                     name, u"i=0; while [ $i -lt 400 ]; do seq $((i*1000+1)) $((i*1000+1000)); "
                           u"i=$((i+1)); sleep 0.04; done"_s)
                     .isEmpty());
        HeadlessRun run;
        QVERIFY(run.run({u"-m"_s, name, u"--until-exit"_s, u"--read-deadline"_s, u"100"_s,
                         u"--context-timeout"_s, u"150"_s, u"--heartbeat-every"_s, u"100"_s,
                         u"--task-timeout"_s, u"3000"_s, u"--cleanup-every"_s, u"500"_s},
                        120000));
        QCOMPARE(run.exitCode(), 0);
        const QList<QByteArray> got = run.messages(name);
        QList<QByteArray> want;
        want.reserve(400000);
        for (int i = 1; i <= 400000; ++i)
            want.append(QByteArray::number(i));
        QVERIFY2(got == want, qPrintable(firstDifference(got, want)));

        const auto tasks = run.csv(u"tasks.csv"_s);
        const int rotations = tasks[1][column(tasks, "rotations")].toInt();
        QVERIFY2(rotations >= 120, qPrintable(u"%1 rotations"_s.arg(rotations)));
        // How fast the engine took the lines is the machine's business, not this test's:
        // bench/lossless.sh measures it.
        qInfo("%d rotations, %lld lines exactly once", rotations, qint64(got.size()));
        TestEngine::removeContainer(name);
    }

    // A container restarted 5 times while monitored: every line of every run exactly once.
    void restartsLoseAndRepeatNothing()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"restarts"_s);
        QVERIFY(!TestEngine::runContainer(
                     name,
                     u"echo start $(date +%s%N); seq 1 300; i=0; while true; do i=$((i+1)); echo beat $i; "
                     u"sleep 0.05; done"_s)
                     .isEmpty());
        HeadlessRun run;
        // Not --until-exit: a restart stops the container for a moment, which would end the run.
        QVERIFY(run.start(HeadlessRun::compressedTimings() + QStringList{u"-m"_s, name}));
        for (int i = 0; i < 5; ++i) {
            QTest::qWait(700);
            QVERIFY(TestEngine::docker({u"restart"_s, u"-t"_s, u"0"_s, name}).ok());
        }
        QTest::qWait(700);
        QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, name}).ok());
        QTest::qWait(1500); // the last stream ends at EOF and is read to the end
        QVERIFY(run.terminate(60000));
        QCOMPARE(run.exitCode(), 0);
        const QList<QByteArray> got = run.messages(name);
        const QList<QByteArray> want = TestEngine::logLines(name);
        QCOMPARE(want.count("1"), 6); // six runs, each "seq 1 300"
        QVERIFY2(got == want, qPrintable(firstDifference(got, want)));
        QVERIFY(run.events(u"container_exited"_s).size() >= 1);
        QVERIFY(run.events(u"container_started"_s).size() + run.events(u"rotated"_s).size() >= 5);
        TestEngine::removeContainer(name);
    }

    // A TTY container: exported lines equal what docker logs prints; a 100 KB line is one row.
    void ttyAndLongLine_data()
    {
        QTest::addColumn<bool>("tty");
        QTest::newRow("tty") << true;
        QTest::newRow("plain") << false;
    }
    void ttyAndLongLine()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        QFETCH(bool, tty);
        const QString name = TestEngine::uniqueName(tty ? u"tty"_s : u"plain"_s);
        QVERIFY(!TestEngine::runContainer(name,
                                          u"echo first; head -c 100000 /dev/zero | tr '\\0' L; echo; "
                                          u"seq 1 1000; echo 'tab\there, comma, \"quote\"'; echo last"_s,
                                          tty ? QStringList{u"-t"_s} : QStringList{})
                     .isEmpty());
        QVERIFY(TestEngine::waitExited(name));
        HeadlessRun run;
        QVERIFY(
            run.run(HeadlessRun::compressedTimings() + QStringList{u"-m"_s, name, u"--until-exit"_s}, 60000));
        QCOMPARE(run.exitCode(), 0);
        const QList<QByteArray> got = run.messages(name);
        const QList<QByteArray> want = TestEngine::logLines(name, {}, tty);
        QVERIFY2(got == want, qPrintable(firstDifference(got, want)));
        QCOMPARE(got.size(), 1004);
        QCOMPARE(got[1], QByteArray(100000, 'L'));
        TestEngine::removeContainer(name);
    }
};

QTEST_GUILESS_MAIN(TestLossless)
#include "tst_lossless.moc"
