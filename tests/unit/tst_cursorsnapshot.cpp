#include "CursorTestSupport.h"
#include "LogCursor.h"
#include "SanitizerShare.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using cursortest::FakeEngineLog;
using cursortest::makeMessages;
using cursortest::Msg;
using cursortest::view;
using dockpulse::docker::LogMessage;
using dockpulse::docker::LogStreamKind;
using dockpulse::monitor::LogCursor;

namespace {

LogCursor restored(const QByteArray& snapshot)
{
    QString error;
    std::optional<LogCursor> cursor = LogCursor::restore(snapshot, &error);
    if (!cursor)
        qFatal("a snapshot of our own was refused: %s", qPrintable(error));
    return *cursor;
}

// What a store holds of a monitored container while dockpulse crashes now and then: the lines
// and the cursor of the last commit. Between commits the lines delivered are only in memory; a
// crash loses them and the next process continues from the committed cursor.
struct CrashingRun
{
    QList<Msg> stored;
    QList<Msg> uncommitted;
    QByteArray committedCursor;
    int crashes = 0;
    int engineRepeats = 0; // this engine never sends a line twice: any is the cursor's mistake
    bool tailContextLeftOut = false;
    qsizetype tailFrom = 0;

    void commit(const LogCursor& cursor)
    {
        stored += uncommitted;
        uncommitted.clear();
        committedCursor = cursor.save();
    }
};

CrashingRun runWithCrashes(FakeEngineLog& log, const QList<Msg>& later, int rotations, qint64 tail,
                           qint64 engineStartNs, QRandomGenerator& rng)
{
    CrashingRun run;
    LogCursor cursor;
    cursor.setTailLimited(tail >= 0);
    cursor.setEngineStartNs(engineStartNs);
    run.committedCursor = cursor.save();
    qsizetype fed = 0;
    for (int r = 0; r <= rotations; ++r) {
        const qsizetype grow =
            r == 0 ? 0 : (rng.bounded(10) == 0 ? rng.bounded(500, 2000) : rng.bounded(0, 40));
        for (qsizetype i = 0; i < grow && fed < later.size(); ++i)
            log.messages.append(later[fed++]);
        const bool last = r == rotations;
        if (last)
            while (fed < later.size())
                log.messages.append(later[fed++]);

        const LogCursor::StreamRequest request = cursor.beginStream(tail);
        if (!request.since)
            run.tailFrom = tail < 0 ? 0 : std::max<qsizetype>(0, log.messages.size() - tail);
        cursor.streamOpened();
        const QList<Msg> served = log.stream(request.since, request.tail);
        const qsizetype cut = last ? served.size() : rng.bounded(0, served.size() + 1);
        bool crashed = false;
        for (qsizetype i = 0; i < cut; ++i) {
            const auto verdict = cursor.accept(view(served[i]));
            if (verdict == LogCursor::Verdict::WindowMissed) {
                --r;
                break;
            }
            run.engineRepeats += verdict == LogCursor::Verdict::EngineRepeat ? 1 : 0;
            if (verdict == LogCursor::Verdict::Deliver)
                run.uncommitted.append(served[i]);
            // A batch handed to the store now and then; a crash at any message.
            if (rng.bounded(30) == 0)
                run.commit(cursor);
            if (!last && rng.bounded(150) == 0) {
                crashed = true;
                break;
            }
        }
        run.tailContextLeftOut = run.tailContextLeftOut || cursor.tailContextLeftOut();
        if (crashed || (!last && rng.bounded(6) == 0)) {
            // kill -9: what was not committed is gone; the next process reads the store's cursor.
            ++run.crashes;
            run.uncommitted.clear();
            cursor = restored(run.committedCursor);
            continue;
        }
        if (last || rng.bounded(2) == 0)
            run.commit(cursor); // the end of a stream hands its cursor over
    }
    return run;
}

} // namespace

class TestCursorSnapshot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The property that matters: dockpulse killed at any message and started again from what
    // the store committed holds every line exactly once, in order.
    void crashAtAnyMomentLosesAndRepeatsNothing_data()
    {
        // A third of the seeds under a sanitizer (a cursor saved without its fingerprints fails
        // every seed).
        cursortest::addLogShapeRows(dockpulse::test::sanitizerShare(12, 3));
    }
    void crashAtAnyMomentLosesAndRepeatsNothing()
    {
        const cursortest::LogShape shape = cursortest::fetchLogShape();
        QRandomGenerator rng(quint32(shape.seed) * 104729u + quint32(shape.distinctEvery));
        const cursortest::TaskLog task = cursortest::taskLog(6000, shape, rng);
        FakeEngineLog log = task.engineAtStart();

        const CrashingRun run = runWithCrashes(log, task.later(), 80, shape.tail, task.engineStartNs, rng);

        QVERIFY2(run.crashes >= 5, qPrintable(u"only %1 crashes"_s.arg(run.crashes)));
        const bool contextLeftOut = shape.tail == 0 || (shape.tail > 0 && run.tailContextLeftOut);
        const QList<Msg> expected = contextLeftOut ? task.later() : task.all.sliced(run.tailFrom);
        QCOMPARE(run.stored.size(), expected.size());
        QCOMPARE(run.stored, expected);
        QCOMPARE(run.engineRepeats, 0);
    }

    // Without the fingerprints a restored cursor could not tell the next stream's repeats from
    // new lines that share their timestamps: the pieces of one long line, here.
    void restoredCursorSkipsRepeatsOfSharedTimestamps()
    {
        LogCursor cursor;
        cursor.beginStream();
        cursor.streamOpened();
        const QList<Msg> line{{500, LogStreamKind::Stdout, "piece 1", false},
                              {500, LogStreamKind::Stdout, "piece 2", false},
                              {500, LogStreamKind::Stdout, "piece 3", true}};
        QCOMPARE(cursor.accept(view(line[0])), LogCursor::Verdict::Deliver);
        QCOMPARE(cursor.accept(view(line[1])), LogCursor::Verdict::Deliver);

        LogCursor next = restored(cursor.save());
        const LogCursor::StreamRequest request = next.beginStream();
        QCOMPARE(request.since, std::optional<qint64>(500 - LogCursor::kReorderMarginNs));
        next.streamOpened();
        QCOMPARE(next.accept(view(line[0])), LogCursor::Verdict::Skip);
        QCOMPARE(next.accept(view(line[1])), LogCursor::Verdict::Skip);
        QCOMPARE(next.accept(view(line[2])), LogCursor::Verdict::Deliver);
        QCOMPARE(next.delivered(), 3);
    }

    void restoredCursorSavesTheSameBytes()
    {
        QRandomGenerator rng(7);
        LogCursor cursor;
        cursor.setTailLimited(true);
        cursor.setEngineStartNs(123);
        cursor.beginStream(5);
        cursor.streamOpened();
        for (const Msg& m : makeMessages(300, 1'000'000'000, 3, 100'000, rng))
            cursor.accept(view(m));
        const QByteArray saved = cursor.save();
        const LogCursor again = restored(saved);
        QCOMPARE(again.save(), saved);
        QCOMPARE(again.nextSince(), cursor.nextSince());
        QCOMPARE(again.delivered(), cursor.delivered());
        QCOMPARE(again.rememberedCount(), cursor.rememberedCount());
        QCOMPARE(again.headNs(LogStreamKind::Stderr), cursor.headNs(LogStreamKind::Stderr));
    }

    // The format is kept in stores on disk: these bytes change only with a new format number
    // (and restore() reading the old one). The hash is pinned with it: a cursor saved on one
    // machine is matched on another.
    void formatIsPinned()
    {
        QCOMPARE(LogCursor::stableHash(""), 0x9f4946a8u);
        QCOMPARE(LogCursor::stableHash("hello, world\n"), 0xbe49e8fdu);
        LogCursor cursor;
        cursor.setEngineStartNs(7);
        cursor.beginStream();
        cursor.streamOpened();
        cursor.accept(view({1000, LogStreamKind::Stderr, "oops", true}));
        // magic, format 1, engine start 7, first 1000, newest 1000, 1 delivered, flags: opened;
        // stdout's head (none), stderr's head (1000, 4 bytes, hash, stderr, ends a line); 1 line.
        const QByteArray fields = "44504352 0001 0000000000000007 00000000000003e8 00000000000003e8 "
                                  "0000000000000001 02 "
                                  "0000000000000000 00000000 00000000 00 00 "
                                  "00000000000003e8 00000004 198251cb 02 01 "
                                  "00000001 00000000000003e8 00000004 198251cb 02"_ba;
        QCOMPARE(cursor.save().toHex(), QByteArray(fields).replace(' ', ""));
    }

    void damagedSnapshotsAreRefused()
    {
        QRandomGenerator rng(3);
        LogCursor cursor;
        cursor.beginStream();
        cursor.streamOpened();
        for (const Msg& m : makeMessages(40, 1'000'000'000, 2, 0, rng))
            cursor.accept(view(m));
        const QByteArray saved = cursor.save();
        QString error;
        // Cut at every byte: never a cursor, always a reason.
        for (qsizetype n = 0; n < saved.size(); ++n) {
            error.clear();
            QVERIFY2(!LogCursor::restore(QByteArrayView(saved).first(n), &error),
                     qPrintable(u"cut at %1"_s.arg(n)));
            QVERIFY2(!error.isEmpty(), qPrintable(u"no reason for a cut at %1"_s.arg(n)));
        }
        QVERIFY(!LogCursor::restore(QByteArray(saved + "x"), &error));
        QVERIFY2(error.contains(u"overlong"_s), qPrintable(error));

        QByteArray newer = saved;
        newer[5] = 2; // format 2
        QVERIFY(!LogCursor::restore(newer, &error));
        QVERIFY2(error.contains(u"newer dockpulse"_s), qPrintable(error));

        QByteArray wrongMagic = saved;
        wrongMagic[0] = 'X';
        QVERIFY(!LogCursor::restore(wrongMagic, &error));
        QVERIFY2(error.contains(u"not a log cursor"_s), qPrintable(error));

        QByteArray badStream = saved;
        badStream[badStream.size() - 1] = 9; // the last remembered line's stream
        QVERIFY(!LogCursor::restore(badStream, &error));
        QVERIFY2(error.contains(u"damaged"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCursorSnapshot)
#include "tst_cursorsnapshot.moc"
