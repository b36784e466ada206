#include "CursorTestSupport.h"
#include "LogCursor.h"
#include "SanitizerShare.h"

#include <QRandomGenerator>
#include <QtTest>

#include <array>

using namespace Qt::StringLiterals;
using cursortest::FakeEngineLog;
using cursortest::makeMessages;
using cursortest::Msg;
using cursortest::view;
using dockpulse::docker::LogMessage;
using dockpulse::docker::LogStreamKind;
using dockpulse::monitor::LogCursor;

namespace {

// Runs streams that each end at a random point (a read deadline), growing the log in between,
// and returns every message the cursor let through.
// *tailFrom: where in the log the first opened stream's tail began (what --tail N keeps).
QList<Msg> runRotations(FakeEngineLog& log, const QList<Msg>& later, int rotations, qint64 tail,
                        QRandomGenerator& rng, int* resyncs, qint64 engineStartNs, qsizetype* tailFrom,
                        qint64* windowMisses)
{
    LogCursor cursor;
    cursor.setTailLimited(tail >= 0);
    cursor.setEngineStartNs(engineStartNs);
    QList<Msg> delivered;
    qsizetype fed = 0;
    for (int r = 0; r <= rotations; ++r) {
        // New lines are written while the previous stream ends and the next one opens.
        // Mostly a few lines between streams, now and then a burst bigger than the tail window.
        const qsizetype grow =
            r == 0 ? 0 : (rng.bounded(10) == 0 ? rng.bounded(1000, 3000) : rng.bounded(0, 40));
        for (qsizetype i = 0; i < grow && fed < later.size(); ++i)
            log.messages.append(later[fed++]);
        if (r == rotations)
            while (fed < later.size())
                log.messages.append(later[fed++]);

        const LogCursor::StreamRequest request = cursor.beginStream(tail);
        const std::optional<qint64> since = request.since;
        const qint64 streamTail = request.tail;
        // Now and then the engine does not answer before the deadline (stalled): nothing opens.
        if (r < rotations && rng.bounded(8) == 0)
            continue;
        if (!since)
            *tailFrom = tail < 0 ? 0 : std::max<qsizetype>(0, log.messages.size() - tail);
        cursor.streamOpened();
        const QList<Msg> served = log.stream(since, streamTail);
        // Any stream can end before its first message arrives, the first one too (a slow engine,
        // or one under a sanitizer, can send headers well before its backlog).
        const qsizetype cut = r == rotations ? served.size() : rng.bounded(0, served.size() + 1);
        for (qsizetype i = 0; i < cut; ++i) {
            const auto verdict = cursor.accept(view(served[i]));
            if (verdict == LogCursor::Verdict::WindowMissed) {
                --r; // the monitor reopens at once with a larger window
                break;
            }
            if (verdict == LogCursor::Verdict::Deliver)
                delivered.append(served[i]);
        }
        *resyncs += cursor.resynced() ? 1 : 0;
    }
    if (cursor.tailContextLeftOut())
        *tailFrom = -1;
    *windowMisses += cursor.windowMisses();
    return delivered;
}

} // namespace

Q_DECLARE_METATYPE(cursortest::Msg)
Q_DECLARE_METATYPE(LogCursor::Verdict)

class TestLogCursor : public QObject
{
    Q_OBJECT
    static inline qint64 s_windowMisses = 0;
private Q_SLOTS:
    void untilAStreamOpensEachStreamIsTheFirst()
    {
        LogCursor cursor;
        cursor.setEngineStartNs(1234567890123456789LL);
        QVERIFY(!cursor.nextSince());
        cursor.beginStream(-1); // the engine did not answer
        QVERIFY(!cursor.nextSince());
    }

    // A first stream that opened and ended before its first message: what the next stream asks.
    void firstStreamThatDeliveredNothing_data()
    {
        QTest::addColumn<qint64>("tail");
        QTest::addColumn<std::optional<qint64>>("since");
        QTest::addColumn<qint64>("nextTail");
        QTest::addColumn<bool>("contextLeftOut");
        constexpr qint64 start = 1234567890123456789LL;
        // All of the log again: nothing of it was delivered, so nothing repeats.
        QTest::newRow("tail all") << qint64(-1) << std::optional<qint64>() << qint64(-1) << false;
        // Only what is new was wanted: everything since the engine's clock at the start.
        QTest::newRow("tail 0") << qint64(0) << std::optional<qint64>(start) << qint64(-1) << false;
        // The last N lines before the start cannot be told from the lines written since (a tail
        // asks for the newest N): every new line is read, the context is reported left out.
        QTest::newRow("tail 10") << qint64(10) << std::optional<qint64>(start) << qint64(-1) << true;
    }
    void firstStreamThatDeliveredNothing()
    {
        QFETCH(qint64, tail);
        QFETCH(std::optional<qint64>, since);
        QFETCH(qint64, nextTail);
        QFETCH(bool, contextLeftOut);
        LogCursor cursor;
        cursor.setTailLimited(tail >= 0);
        cursor.setEngineStartNs(1234567890123456789LL);
        cursor.beginStream(tail);
        cursor.streamOpened();
        QCOMPARE(cursor.nextSince(), since);
        const LogCursor::StreamRequest next = cursor.beginStream(tail);
        QCOMPARE(next.since, since);
        QCOMPARE(next.tail, nextTail);
        QCOMPARE(cursor.tailContextLeftOut(), contextLeftOut);
    }

    void sinceTrailsNewestByMargin()
    {
        LogCursor cursor;
        cursor.beginStream();
        cursor.streamOpened();
        const QByteArray a("a");
        cursor.accept(LogMessage{5'000'000'000, LogStreamKind::Stdout, a, true});
        QCOMPARE(*cursor.nextSince(), 5'000'000'000 - LogCursor::kReorderMarginNs);
    }

    void repeatsAreSkippedExactly()
    {
        // Three pieces of a long line share one timestamp; the stream was cut after the second.
        const QByteArray x("x");
        const QByteArray y("y");
        LogCursor cursor;
        cursor.beginStream();
        cursor.streamOpened();
        QCOMPARE(cursor.accept({100, LogStreamKind::Stdout, x, false}), LogCursor::Verdict::Deliver);
        QCOMPARE(cursor.accept({100, LogStreamKind::Stdout, x, false}), LogCursor::Verdict::Deliver);
        cursor.beginStream();
        QCOMPARE(cursor.accept({100, LogStreamKind::Stdout, x, false}), LogCursor::Verdict::Skip);
        QCOMPARE(cursor.accept({100, LogStreamKind::Stdout, x, false}), LogCursor::Verdict::Skip);
        QCOMPARE(cursor.accept({100, LogStreamKind::Stdout, x, true}), LogCursor::Verdict::Deliver);
        QCOMPARE(cursor.accept({101, LogStreamKind::Stderr, y, true}), LogCursor::Verdict::Deliver);
        QCOMPARE(cursor.skippedThisStream(), qint64(2));
        QVERIFY(!cursor.resynced());
    }

    void unexpectedRepeatResyncs()
    {
        const QByteArray a("a");
        const QByteArray b("b");
        LogCursor cursor;
        cursor.beginStream();
        cursor.streamOpened();
        cursor.accept({100, LogStreamKind::Stdout, a, true});
        // The engine no longer has "a" (its log was rotated away). Windowed streams take that for
        // a window too short, until the window would be as large as asking for everything...
        int misses = 0;
        while (cursor.beginStream().tail >= 0) {
            QCOMPARE(cursor.accept({100, LogStreamKind::Stdout, b, true}), LogCursor::Verdict::WindowMissed);
            QVERIFY(++misses < 40);
        }
        // ...and then the line is delivered, never dropped.
        QCOMPARE(cursor.accept({100, LogStreamKind::Stdout, b, true}), LogCursor::Verdict::Deliver);
        QVERIFY(cursor.resynced());
        // What the engine's log no longer holds lay between the cursor and the line it sent.
        QVERIFY(cursor.gap());
        QCOMPARE(cursor.gap()->fromNs, 100);
        QCOMPARE(cursor.gap()->toNs, 100);
    }

    // dockerd sends part of a log file again when it rotates (issue 12 item 3): within a stream,
    // a line older than the newest one of its stream, or that newest line itself again.
    void engineRepeatsAreRefused_data()
    {
        QTest::addColumn<QList<Msg>>("stream");
        QTest::addColumn<QList<LogCursor::Verdict>>("verdicts");
        const auto D = LogCursor::Verdict::Deliver;
        const auto R = LogCursor::Verdict::EngineRepeat;
        const auto out = LogStreamKind::Stdout;
        const auto err = LogStreamKind::Stderr;
        const qint64 s = 1'000'000'000;
        QTest::newRow("in order") << QList<Msg>{{s + 1, out, "a"}, {s + 2, out, "b"}, {s + 3, out, "c"}}
                                  << QList{D, D, D};
        QTest::newRow("part of the file again")
            << QList<Msg>{{s + 1, out, "a"}, {s + 2, out, "b"}, {s + 3, out, "c"},
                          {s + 2, out, "b"}, {s + 3, out, "c"}, {s + 4, out, "d"}}
            << QList{D, D, D, R, R, R};
        QTest::newRow("the newest line again")
            << QList<Msg>{{s + 1, out, "a"}, {s + 2, out, "b"}, {s + 2, out, "b"}, {s + 3, out, "c"}}
            << QList{D, D, R, R};
        QTest::newRow("the other stream stamped a little earlier")
            << QList<Msg>{{s + 5, out, "a"}, {s + 3, err, "e"}, {s + 6, out, "b"}, {s + 4, err, "f"}}
            << QList{D, D, D, D};
        QTest::newRow("pieces of a long line alike")
            << QList<Msg>{{s + 1, out, "x", false}, {s + 1, out, "x", false}, {s + 1, out, "x"}}
            << QList{D, D, D};
        QTest::newRow("whole-second stamps (Podman): two lines alike")
            << QList<Msg>{{5 * s, out, "ok"}, {5 * s, out, "ok"}} << QList{D, D};
        QTest::newRow("a different line at the newest stamp")
            << QList<Msg>{{s + 1, out, "a"}, {s + 1, out, "b"}} << QList{D, D};
    }
    void engineRepeatsAreRefused()
    {
        QFETCH(QList<Msg>, stream);
        QFETCH(QList<LogCursor::Verdict>, verdicts);
        LogCursor cursor;
        cursor.beginStream();
        cursor.streamOpened();
        QList<LogCursor::Verdict> got;
        for (const Msg& m : stream)
            got.append(cursor.accept(view(m)));
        QCOMPARE(got, verdicts);
        const qsizetype refused = std::count(got.cbegin(), got.cend(), LogCursor::Verdict::EngineRepeat);
        QCOMPARE(cursor.replayedLines(), refused);
        QCOMPARE(cursor.replayFromNs().has_value(), refused > 0);
    }

    // After a stream the engine sent lines again in, the next one reads from the cursor: what
    // came after the repeats is read there, once.
    void afterRepeatsTheNextStreamContinues()
    {
        const qint64 s = 1'000'000'000;
        LogCursor cursor;
        cursor.beginStream();
        cursor.streamOpened();
        QCOMPARE(cursor.accept(view({s + 1, LogStreamKind::Stdout, "a"})), LogCursor::Verdict::Deliver);
        QCOMPARE(cursor.accept(view({s + 2, LogStreamKind::Stdout, "b"})), LogCursor::Verdict::Deliver);
        QCOMPARE(cursor.accept(view({s + 1, LogStreamKind::Stdout, "a"})), LogCursor::Verdict::EngineRepeat);
        QCOMPARE(*cursor.replayFromNs(), s + 1);
        const LogCursor::StreamRequest next = cursor.beginStream();
        QCOMPARE(*next.since, s + 2 - LogCursor::kReorderMarginNs);
        QVERIFY(!cursor.replayFromNs());
        QCOMPARE(cursor.replayedLines(), 0);
        // The engine serves the file from since: a, b (repeats), then c.
        QCOMPARE(cursor.accept(view({s + 1, LogStreamKind::Stdout, "a"})), LogCursor::Verdict::Skip);
        QCOMPARE(cursor.accept(view({s + 2, LogStreamKind::Stdout, "b"})), LogCursor::Verdict::Skip);
        QCOMPARE(cursor.accept(view({s + 3, LogStreamKind::Stdout, "c"})), LogCursor::Verdict::Deliver);
        QCOMPARE(cursor.delivered(), 3);
    }

    void memoryIsBoundedByMargin()
    {
        LogCursor cursor;
        cursor.beginStream();
        const QByteArray t("t");
        for (qint64 i = 0; i < 100000; ++i)
            cursor.accept({i * 1'000'000, LogStreamKind::Stdout, t, true}); // 1 ms apart
        QVERIFY(cursor.rememberedCount() <= LogCursor::kReorderMarginNs / 1'000'000 + 1);
    }

    // The property that matters: whatever the cut points, every message exactly once, in order.
    void randomRotationsLoseAndRepeatNothing_data()
    {
        // A quarter of the seeds under a sanitizer: each shape of log fails in its first seeds
        // when the cursor is wrong.
        cursortest::addLogShapeRows(dockpulse::test::sanitizerShare(40, 4));
    }
    void randomRotationsLoseAndRepeatNothing()
    {
        const cursortest::LogShape shape = cursortest::fetchLogShape();
        QRandomGenerator rng(quint32(shape.seed) * 7919u + quint32(shape.distinctEvery));
        const cursortest::TaskLog task = cursortest::taskLog(8000, shape, rng);
        FakeEngineLog log = task.engineAtStart();
        const QList<Msg> later = task.later();

        int resyncs = 0;
        qsizetype tailFrom = 0;
        const QList<Msg> delivered = runRotations(log, later, 60, shape.tail, rng, &resyncs,
                                                  task.engineStartNs, &tailFrom, &s_windowMisses);

        // With --tail N the lines before the start are context: if the first stream ended before
        // they arrived they are left out (and reported), never a line written after the start.
        const bool contextLeftOut = shape.tail == 0 || (shape.tail > 0 && tailFrom < 0);
        const QList<Msg> expected = contextLeftOut ? later : task.all.sliced(tailFrom);
        QCOMPARE(resyncs, 0);
        QCOMPARE(delivered.size(), expected.size());
        QCOMPARE(delivered, expected);
    }
    // A big backlog and a short read deadline: the engine can serve only so many lines per
    // stream, and decoding lines it then filters out (a window reaching too far back) eats into
    // that. The window must narrow onto the cursor so that every stream makes progress.
    void backlogCatchUpMakesProgress_data()
    {
        QTest::addColumn<int>("backlog");
        QTest::addColumn<int>("budget"); // lines the engine can decode per stream
        QTest::newRow("300k backlog, 30k per stream") << 300000 << 30000;
        QTest::newRow("1M backlog, 20k per stream") << 1000000 << 20000;
        QTest::newRow("50k backlog, 5k per stream") << 50000 << 5000;
    }
    void backlogCatchUpMakesProgress()
    {
        QFETCH(int, backlog);
        QFETCH(int, budget);
        QList<Msg> all;
        all.reserve(backlog);
        const QByteArray text("x");
        for (int i = 0; i < backlog; ++i)
            all.append({1'700'000'000'000'000'000LL + qint64(i) * 1000, LogStreamKind::Stdout, text});
        LogCursor cursor;
        cursor.setEngineStartNs(all.last().ts + 1);
        qsizetype delivered = 0;
        int streams = 0;
        for (; delivered < all.size() && streams < 10000; ++streams) {
            const LogCursor::StreamRequest request = cursor.beginStream(-1);
            cursor.streamOpened();
            // The engine: seek the tail window (cheap), decode it from its start (each line
            // costs one unit of budget, filtered or not), send what passes `since`.
            const qsizetype from = request.tail < 0 ? 0 : std::max<qsizetype>(0, all.size() - request.tail);
            qint64 units = budget;
            for (qsizetype i = from; i < all.size() && units > 0; ++i, --units) {
                if (request.since && all[i].ts < *request.since)
                    continue;
                const auto verdict = cursor.accept(view(all[i]));
                if (verdict == LogCursor::Verdict::WindowMissed)
                    break;
                if (verdict == LogCursor::Verdict::Deliver) {
                    QCOMPARE(all[i].ts, all[delivered].ts); // in order, nothing skipped
                    ++delivered;
                }
            }
        }
        QCOMPARE(delivered, all.size());
        // Misses cost a stream each (log2 of the backlog); the rest is backlog / budget, with
        // the bisection's overshoot never eating more than a fraction of a stream.
        const int ideal = backlog / budget;
        QVERIFY2(streams <= 2 * ideal + 40,
                 qPrintable(u"%1 streams for an ideal of %2"_s.arg(streams).arg(ideal)));
        qInfo("%d streams (ideal %d), %lld window misses", streams, ideal, cursor.windowMisses());
    }

    // A writer that adds more lines between two streams than the window allows for (issue 12
    // item 2: ~9,000 lines per deadline; the window grew by ~1,024 lines per retry and never
    // caught up, the cursor on one `since` for minutes). The engine serves `budget` lines per
    // stream (decoding the window's lines before the cursor costs it too). While the writer
    // writes, a run of streams that deliver nothing must stay short; once it stops, everything
    // is read.
    void fastWriterIsCaughtUp_data()
    {
        QTest::addColumn<int>("perAttempt"); // lines written while one stream ends and the next opens
        QTest::addColumn<int>("budget");     // lines the engine decodes per stream
        QTest::newRow("2,000 per attempt, 12,000 per stream") << 2000 << 12000;
        QTest::newRow("4,000 per attempt, 12,000 per stream") << 4000 << 12000;
        QTest::newRow("9,000 per attempt, 40,000 per stream") << 9000 << 40000;
        QTest::newRow("20,000 per attempt, 60,000 per stream") << 20000 << 60000;
    }
    void fastWriterIsCaughtUp()
    {
        QFETCH(int, perAttempt);
        QFETCH(int, budget);
        const QByteArray text("x");
        const qsizetype total = qsizetype(perAttempt) * 100;
        QList<Msg> all;
        all.reserve(total);
        for (qsizetype i = 0; i < total; ++i)
            all.append({1'700'000'000'000'000'000LL + i * 25'000, LogStreamKind::Stdout, text});
        LogCursor cursor;
        cursor.setEngineStartNs(all.first().ts);
        qsizetype length = 0; // lines in the engine's log
        qsizetype delivered = 0;
        int streams = 0;
        int fruitless = 0; // streams in a row that delivered nothing while the writer wrote
        int worstFruitless = 0;
        for (; delivered < total && streams < 100000; ++streams) {
            length = std::min(total, length + perAttempt);
            const LogCursor::StreamRequest request = cursor.beginStream(-1);
            cursor.streamOpened();
            const qsizetype from = request.tail < 0 ? 0 : std::max<qsizetype>(0, length - request.tail);
            const qsizetype before = delivered;
            qint64 units = budget;
            for (qsizetype i = from; i < length && units > 0; ++i, --units) {
                if (request.since && all[i].ts < *request.since)
                    continue;
                const auto verdict = cursor.accept(view(all[i]));
                if (verdict == LogCursor::Verdict::WindowMissed)
                    break;
                if (verdict == LogCursor::Verdict::Deliver) {
                    QCOMPARE(all[i].ts, all[delivered].ts); // in order, nothing skipped
                    ++delivered;
                }
            }
            fruitless = delivered > before || length == total ? 0 : fruitless + 1;
            worstFruitless = std::max(worstFruitless, fruitless);
        }
        qInfo("%d streams, %lld window misses, at most %d in a row without a new line while writing", streams,
              cursor.windowMisses(), worstFruitless);
        QCOMPARE(delivered, total);
        // Misses grow the window geometrically: a few in a row cover any backlog.
        QVERIFY2(worstFruitless <= 8,
                 qPrintable(u"%1 streams in a row delivered nothing"_s.arg(worstFruitless)));
    }

    // Runs after the random rotations: the bursts must have exercised the window growth.
    void zzBurstsGrewTheTailWindow() { QVERIFY2(s_windowMisses > 0, "no tail window was ever too short"); }
};

QTEST_GUILESS_MAIN(TestLogCursor)
#include "tst_logcursor.moc"
