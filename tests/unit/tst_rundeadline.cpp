// --duration's deadline: honoured however long (QTimer alone holds an int of milliseconds, 24.8
// days, and `--duration 4300000` ended after 84 minutes), reached once, never early.
#include "RunDeadline.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <climits>

using dockpulse::cli::RunDeadline;

namespace {
constexpr qint64 kDayMs = qint64(24) * 3600 * 1000;
}

class TestRunDeadline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void longDurationIsHonoured_data()
    {
        QTest::addColumn<qint64>("durationMs");
        QTest::newRow("just under QTimer's int") << qint64(INT_MAX) - 1;
        QTest::newRow("25 days, past QTimer's int") << qint64(25) * kDayMs;
        QTest::newRow("--duration 4300000 (wrapped to 84 minutes)") << qint64(4'300'000'000);
        QTest::newRow("--duration 4294967.296 (wrapped to 0)") << qint64(4'294'967'296);
        QTest::newRow("10 years") << qint64(3653) * kDayMs;
        QTest::newRow("the longest the command line takes") << qint64(8'999'999'999'999'999'999);
    }
    void longDurationIsHonoured()
    {
        QFETCH(qint64, durationMs);
        QElapsedTimer sinceBefore;
        sinceBefore.start();
        RunDeadline deadline;
        QSignalSpy reached(&deadline, &RunDeadline::reached);
        deadline.start(durationMs);
        QVERIFY(deadline.isActive());
        // What is left is the whole duration, less only the time this test has taken.
        const qint64 remaining = deadline.remainingMs();
        QVERIFY2(remaining <= durationMs, qPrintable(QString::number(remaining)));
        QVERIFY2(remaining >= durationMs - sinceBefore.elapsed() - 1, qPrintable(QString::number(remaining)));
        // The timer is armed for a chunk QTimer can hold, never for a wrapped-around value.
        QVERIFY2(deadline.armedMs() >= 1 &&
                     deadline.armedMs() <= std::min(durationMs, RunDeadline::kDefaultChunkMs),
                 qPrintable(QString::number(deadline.armedMs())));
        QTest::qWait(20);
        QCOMPARE(reached.count(), 0);
    }

    // Re-armed chunk by chunk, the deadline is reached once, and not before its time.
    void reachedOnceNeverEarly_data()
    {
        QTest::addColumn<qint64>("chunkMs");
        QTest::addColumn<qint64>("durationMs");
        QTest::newRow("one chunk") << qint64(1000) << qint64(40);
        QTest::newRow("exactly two chunks") << qint64(20) << qint64(40);
        QTest::newRow("four chunks and a rest") << qint64(20) << qint64(95);
        QTest::newRow("1 ms chunks") << qint64(1) << qint64(30);
    }
    void reachedOnceNeverEarly()
    {
        QFETCH(qint64, chunkMs);
        QFETCH(qint64, durationMs);
        RunDeadline deadline(nullptr, chunkMs);
        QSignalSpy reached(&deadline, &RunDeadline::reached);
        QElapsedTimer clock;
        qint64 reachedAfterMs = -1;
        connect(&deadline, &RunDeadline::reached, this, [&] { reachedAfterMs = clock.elapsed(); });
        clock.start();
        deadline.start(durationMs);
        QCOMPARE(deadline.armedMs(), std::min(chunkMs, durationMs));
        QVERIFY(reached.wait(30000));
        QVERIFY2(reachedAfterMs >= durationMs, qPrintable(QString::number(reachedAfterMs)));
        QVERIFY(!deadline.isActive());
        QCOMPARE(deadline.remainingMs(), -1);
        QTest::qWait(int(2 * chunkMs + 20));
        QCOMPARE(reached.count(), 1);
    }

    void stopMeansNever()
    {
        RunDeadline deadline(nullptr, 10);
        QSignalSpy reached(&deadline, &RunDeadline::reached);
        deadline.start(35);
        QTest::qWait(15); // past the first chunk
        deadline.stop();
        QVERIFY(!deadline.isActive());
        QCOMPARE(deadline.remainingMs(), -1);
        QTest::qWait(100);
        QCOMPARE(reached.count(), 0);
    }

    // start() again replaces the deadline: one reached(), at the new time.
    void restartReplaces()
    {
        RunDeadline deadline(nullptr, 10);
        QSignalSpy reached(&deadline, &RunDeadline::reached);
        deadline.start(qint64(30) * kDayMs);
        QElapsedTimer clock;
        clock.start();
        deadline.start(25);
        QVERIFY(reached.wait(30000));
        QVERIFY(clock.elapsed() >= 25);
        QTest::qWait(50);
        QCOMPARE(reached.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRunDeadline)
#include "tst_rundeadline.moc"
