// The progress bookkeeping of a container's streams, step by step: when a stream counts as
// fruitless (its reopen backs off), when the cursor counts as stuck (reported once), and what
// never counts: a quiet log, an engine that does not answer, a stream that delivered.
#include "StreamProgress.h"

#include <QtTest>

using namespace dockpulse::monitor;
using Change = StreamProgress::Change;

namespace {
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kDeadlineMs = 200;
constexpr qint64 kStuckAfterMs = 3 * kDeadlineMs;

// One stream of a scripted sequence: what it delivered and how it ended, at which time.
struct Step
{
    qint64 newLines = 0;
    bool opened = true;
    bool repeatsDone = true;
    bool windowMissed = false;
    bool lastedDeadline = true;
    qint64 atMs = 0;
};

Step delivering(qint64 atMs)
{
    return {10, true, true, false, true, atMs};
}
Step quiet(qint64 atMs)
{
    return {0, true, true, false, true, atMs};
}
Step windowShort(qint64 atMs)
{
    return {0, true, true, true, false, atMs};
}
Step repeatsMissing(qint64 atMs)
{
    return {0, true, false, false, false, atMs};
}
Step unanswered(qint64 atMs)
{
    return {0, false, false, false, true, atMs};
}

struct Outcome
{
    QList<Change> changes;
    QList<bool> fruitless;
};

Outcome run(const QList<Step>& steps)
{
    StreamProgress progress(kStuckAfterMs);
    qint64 delivered = 0;
    Outcome out;
    for (const Step& s : steps) {
        progress.streamBegan(delivered);
        if (s.windowMissed)
            progress.windowMissed();
        delivered += s.newLines;
        out.changes << progress.streamEnded(
            {delivered, s.opened, s.repeatsDone, s.lastedDeadline, (1000 + s.atMs) * kMs});
        out.fruitless << progress.lastStreamFruitless();
    }
    return out;
}
} // namespace

Q_DECLARE_METATYPE(Step)
Q_DECLARE_METATYPE(Change)

class TestStreamProgress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void changes_data()
    {
        QTest::addColumn<QList<Step>>("steps");
        QTest::addColumn<QList<Change>>("changes");
        const Change N = Change::None;
        QTest::newRow("streams that deliver are never stuck")
            << QList<Step>{delivering(0), delivering(200), delivering(400), delivering(600), delivering(800)}
            << QList<Change>{N, N, N, N, N};
        QTest::newRow("a quiet log is never stuck, however long")
            << QList<Step>{quiet(0), quiet(200), quiet(400), quiet(600), quiet(10'000)}
            << QList<Change>{N, N, N, N, N};
        QTest::newRow("an engine that does not answer is not stuck (that is stalled)")
            << QList<Step>{unanswered(0), unanswered(200), unanswered(400), unanswered(10'000)}
            << QList<Change>{N, N, N, N};
        QTest::newRow("a short window: stuck once three deadlines passed, reported once")
            << QList<Step>{windowShort(0),   windowShort(200), windowShort(400), windowShort(599),
                           windowShort(600), windowShort(800), windowShort(5000)}
            << QList<Change>{N, N, N, N, Change::Stuck, N, N};
        QTest::newRow("missing repeats count like a short window")
            << QList<Step>{repeatsMissing(0), repeatsMissing(300), repeatsMissing(600)}
            << QList<Change>{N, N, Change::Stuck};
        QTest::newRow("a delivering stream ends being stuck")
            << QList<Step>{windowShort(0), windowShort(600), delivering(800), windowShort(1000)}
            << QList<Change>{N, Change::Stuck, Change::Advances, N};
        QTest::newRow("a delivering stream starts the count again")
            << QList<Step>{windowShort(0),   windowShort(500),  delivering(550),
                           windowShort(600), windowShort(1100), windowShort(1200)}
            << QList<Change>{N, N, N, N, N, Change::Stuck};
        QTest::newRow("a quiet stream in between starts the count again")
            << QList<Step>{windowShort(0), quiet(500), windowShort(700), windowShort(1200), windowShort(1300)}
            << QList<Change>{N, N, N, N, Change::Stuck};
        QTest::newRow("an unanswered stream in between does not")
            << QList<Step>{windowShort(0), unanswered(300), windowShort(600)}
            << QList<Change>{N, N, Change::Stuck};
    }
    void changes()
    {
        QFETCH(QList<Step>, steps);
        QFETCH(QList<Change>, changes);
        QCOMPARE(run(steps).changes, changes);
    }

    void fruitless_data()
    {
        QTest::addColumn<Step>("step");
        QTest::addColumn<bool>("fruitless");
        QTest::newRow("new lines") << Step{5, true, true, false, false, 0} << false;
        QTest::newRow("new lines, the engine never said it opened")
            << Step{5, false, true, false, false, 0} << false;
        QTest::newRow("nothing new, lasted its deadline") << quiet(0) << false;
        QTest::newRow("nothing new, ended early") << Step{0, true, true, false, false, 0} << true;
        QTest::newRow("nothing new, never opened (deadline)") << unanswered(0) << true;
        QTest::newRow("nothing new, window short") << windowShort(0) << true;
    }
    void fruitless()
    {
        QFETCH(Step, step);
        QFETCH(bool, fruitless);
        QCOMPARE(run({step}).fruitless, QList<bool>{fruitless});
    }

    // streamBegan() forgets the last stream's window miss; the time of no progress is measured
    // from the first stream of the row.
    void windowMissIsPerStream()
    {
        StreamProgress progress(kStuckAfterMs);
        progress.streamBegan(0);
        progress.windowMissed();
        QVERIFY(progress.windowWasMissed());
        QCOMPARE(progress.streamEnded({0, true, true, false, 1000 * kMs}), Change::None);
        QCOMPARE(progress.noProgressForMs(1250 * kMs), 250);
        progress.streamBegan(0);
        QVERIFY(!progress.windowWasMissed());
        QCOMPARE(progress.streamEnded({0, true, true, true, 1300 * kMs}), Change::None);
        QCOMPARE(progress.noProgressForMs(1300 * kMs), 0);
        QVERIFY(!progress.stuck());
    }
};

QTEST_GUILESS_MAIN(TestStreamProgress)
#include "tst_streamprogress.moc"
