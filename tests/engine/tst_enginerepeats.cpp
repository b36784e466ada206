// The engine's own repeats (issue 12 item 3). With json-file's max-size, dockerd 20.10's follow
// reader sends part of a log file again when the file rotates (`docker logs -f` shows the lines
// twice) and can then skip a file. Every line the container wrote must arrive exactly once and in
// order, what the engine sent again is counted (an `engine_repeat` event), and a line the engine
// lost would be a `gap` event, never silence.
#include "HeadlessRun.h"
#include "ReliabilityReport.h"
#include "TestEngine.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::test::CsvRow;
using dockpulse::test::HeadlessRun;
using dockpulse::test::RemovedAtEnd;
using dockpulse::test::TestEngine;

namespace {

// The count an engine_repeat event's detail begins with ("412 lines the engine sent again ...").
qint64 repeatsReported(const QList<CsvRow>& events)
{
    qint64 sum = 0;
    for (const CsvRow& r : events)
        sum += r[3].left(r[3].indexOf(' ')).toLongLong();
    return sum;
}
} // namespace

class TestEngineRepeats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rotatedLogArrivesOnce_data()
    {
        QTest::addColumn<QString>("readDeadlineMs");
        QTest::newRow("one stream for the whole run (the seed's 30 s deadline)") << u"30000"_s;
        QTest::newRow("1 s read deadline") << u"1000"_s;
    }
    // 30,000 numbered lines at up to ~5,000 lines/s into 100 kB files (~1,200 lines each), five
    // kept: the log rotates ~25 times while the whole run is read.
    void rotatedLogArrivesOnce()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        QFETCH(QString, readDeadlineMs);
        const QString name = TestEngine::uniqueName(u"rotating"_s);
        RemovedAtEnd removed{name};
        constexpr int kLines = 30000;
        // 50 lines, then a 10 ms pause (read -t on a fifo nobody writes; builtins only).
        const QString script =
            u"mkfifo /tmp/pause; exec 3<>/tmp/pause; read -t 1 x <&3; i=0; while [ $i -lt %1 ]; do "
            u"j=0; while [ $j -lt 50 ]; do i=$((i+1)); j=$((j+1)); echo \"line $i\"; done; "
            u"read -t 0.01 x <&3; done"_s.arg(kLines);
        QVERIFY(!TestEngine::runContainer(
                     name, script, {u"--log-opt"_s, u"max-size=100k"_s, u"--log-opt"_s, u"max-file=5"_s})
                     .isEmpty());
        HeadlessRun run;
        QVERIFY(run.run({u"-m"_s, name, u"--until-exit"_s, u"--read-deadline"_s, readDeadlineMs,
                         u"--context-timeout"_s, QString::number(readDeadlineMs.toInt() + 500),
                         u"--heartbeat-every"_s, u"500"_s},
                        120000));
        QCOMPARE(run.exitCode(), 0);

        QList<QByteArray> want;
        for (int i = 1; i <= kLines; ++i)
            want.append("line " + QByteArray::number(i));
        const QList<QByteArray> got = run.messages(name);
        const auto [lost, repeated] = dockpulse::test::lostAndRepeated(got, want);
        const QList<CsvRow> repeats = run.events(u"engine_repeat"_s);
        const QList<CsvRow> gaps = run.events(u"gap"_s);
        const qint64 dropped = repeatsReported(repeats);
        dockpulse::test::reportFault(
            u"json-file max-size=100k, max-file=5: the log rotates while it is read (%1 ms deadline)"_s.arg(
                readDeadlineMs),
            u"%1 lines the engine sent again, dropped; %2 gap events"_s.arg(dropped).arg(gaps.size()), lost,
            repeated, run.lateReaders(), -1);
        qInfo("%lld lines read, %lld lost, %lld repeated; engine repeats dropped: %lld in %lld events; %lld "
              "gaps",
              qint64(got.size()), qint64(lost), qint64(repeated), dropped, qint64(repeats.size()),
              qint64(gaps.size()));
        QCOMPARE(repeated, 0);
        // Nothing was rotated away before it was read (five files hold ~1.2 s of writing), so
        // nothing may be missing; a loss the engine made would have to be a gap event.
        QCOMPARE(gaps.size(), 0);
        QCOMPARE(lost, 0);
        QVERIFY(got == want);
        QCOMPARE(run.lateReaders(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineRepeats)
#include "tst_enginerepeats.moc"
