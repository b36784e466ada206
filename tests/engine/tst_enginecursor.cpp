// The cursor against loads the other engine tests do not make (issue 12): a container in
// Docker's restart backoff. It runs the program as a user does and judges what it exported.
#include "HeadlessRun.h"
#include "ReliabilityReport.h"
#include "TestEngine.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::test::column;
using dockpulse::test::CsvRow;
using dockpulse::test::HeadlessRun;
using dockpulse::test::TestEngine;

namespace {

// Removes the container however the test ends.
struct RemovedAtEnd
{
    QString name;
    ~RemovedAtEnd() { TestEngine::removeContainer(name); }
};

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
