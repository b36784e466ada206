#include "CursorTestSupport.h"
#include "LogBatch.h"
#include "LogCursor.h"
#include "LogLineAssembler.h"
#include "ResumePoint.h"
#include "SanitizerShare.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using cursortest::FakeEngineLog;
using cursortest::makeMessages;
using cursortest::Msg;
using cursortest::view;
using dockpulse::docker::LogBatch;
using dockpulse::docker::LogLineAssembler;
using dockpulse::docker::LogMessage;
using dockpulse::docker::LogStreamKind;
using dockpulse::monitor::LogCursor;
using dockpulse::monitor::ResumePoint;

namespace {

LogCursor restored(const QByteArray& snapshot)
{
    QString error;
    std::optional<LogCursor> cursor = LogCursor::restore(snapshot, &error);
    if (!cursor)
        qFatal("a snapshot of our own was refused: %s", qPrintable(error));
    return *cursor;
}

// A cut line's pieces are at most this long here (the monitor's --max-line), so that the
// 50-pieces-a-line shape makes First, Middle and Last pieces.
constexpr qsizetype kMaxLine = 128;

// What the monitor keeps between two messages: its cursor and, when `assembles`, the assembler
// that turns messages into lines (the monitor's pipeline; what it stores is a ResumePoint). Lines
// are kept as Msgs whose text starts with their LinePiece digit.
struct MonitorState
{
    bool assembles = false;
    LogCursor cursor;
    LogLineAssembler assembler{false, kMaxLine};

    QByteArray save() const { return assembles ? ResumePoint::saveOf(cursor, assembler) : cursor.save(); }
    void restore(const QByteArray& saved)
    {
        assembler = LogLineAssembler(false, kMaxLine);
        if (!assembles) {
            cursor = restored(saved);
            return;
        }
        QString error;
        const std::optional<ResumePoint> point = ResumePoint::restore(saved, &error);
        if (!point)
            qFatal("a resume point of our own was refused: %s", qPrintable(error));
        cursor = point->cursor;
        point->holdIn(assembler);
    }
    void deliver(const Msg& message, QList<Msg>& out)
    {
        if (!assembles) {
            out.append(message);
            return;
        }
        LogBatch batch;
        assembler.add(view(message), batch);
        for (qsizetype i = 0; i < batch.size(); ++i) {
            const LogBatch::Entry& e = batch.entry(i);
            out.append(
                {e.timestampNs, e.stream, QByteArray::number(int(e.piece)) + batch.text(i).toByteArray()});
        }
    }
};

// The lines a monitor that never crashed would have delivered from these messages.
QList<Msg> deliveredWithoutCrash(const QList<Msg>& messages, bool assembles)
{
    MonitorState state{assembles, {}, LogLineAssembler(false, kMaxLine)};
    QList<Msg> out;
    for (const Msg& m : messages)
        state.deliver(m, out);
    return out;
}

// What a store holds of a monitored container while dockpulse crashes now and then: the lines
// and the cursor (or resume point) of the last commit. Between commits the lines delivered are
// only in memory; a crash loses them and the next process continues from what was committed.
struct CrashingRun
{
    QList<Msg> stored;
    QList<Msg> uncommitted;
    QByteArray committed;
    int crashes = 0;
    int engineRepeats = 0; // this engine never sends a line twice: any is the cursor's mistake
    bool tailContextLeftOut = false;
    qsizetype tailFrom = 0;

    void commit(const MonitorState& state)
    {
        stored += uncommitted;
        uncommitted.clear();
        committed = state.save();
    }
};

CrashingRun runWithCrashes(FakeEngineLog& log, const QList<Msg>& later, int rotations, qint64 tail,
                           qint64 engineStartNs, bool assembles, QRandomGenerator& rng)
{
    CrashingRun run;
    MonitorState state{assembles, {}, LogLineAssembler(false, kMaxLine)};
    state.cursor.setTailLimited(tail >= 0);
    state.cursor.setEngineStartNs(engineStartNs);
    run.committed = state.save();
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

        const LogCursor::StreamRequest request = state.cursor.beginStream(tail);
        if (!request.since)
            run.tailFrom = tail < 0 ? 0 : std::max<qsizetype>(0, log.messages.size() - tail);
        state.cursor.streamOpened();
        const QList<Msg> served = log.stream(request.since, request.tail);
        const qsizetype cut = last ? served.size() : rng.bounded(0, served.size() + 1);
        bool crashed = false;
        for (qsizetype i = 0; i < cut; ++i) {
            const auto verdict = state.cursor.accept(view(served[i]));
            if (verdict == LogCursor::Verdict::WindowMissed) {
                --r;
                break;
            }
            run.engineRepeats += verdict == LogCursor::Verdict::EngineRepeat ? 1 : 0;
            if (verdict == LogCursor::Verdict::Deliver)
                state.deliver(served[i], run.uncommitted);
            // A batch handed to the store now and then; a crash at any message.
            if (rng.bounded(30) == 0)
                run.commit(state);
            if (!last && rng.bounded(150) == 0) {
                crashed = true;
                break;
            }
        }
        run.tailContextLeftOut = run.tailContextLeftOut || state.cursor.tailContextLeftOut();
        if (crashed || (!last && rng.bounded(6) == 0)) {
            // kill -9: what was not committed is gone; the next process reads the store's cursor.
            ++run.crashes;
            run.uncommitted.clear();
            state.restore(run.committed);
            continue;
        }
        if (last || rng.bounded(2) == 0)
            run.commit(state); // the end of a stream hands its cursor over
    }
    return run;
}

void checkCrashesLoseAndRepeatNothing(bool assembles)
{
    const cursortest::LogShape shape = cursortest::fetchLogShape();
    QRandomGenerator rng(quint32(shape.seed) * 104729u + quint32(shape.distinctEvery));
    const cursortest::TaskLog task = cursortest::taskLog(6000, shape, rng);
    FakeEngineLog log = task.engineAtStart();

    const CrashingRun run =
        runWithCrashes(log, task.later(), 80, shape.tail, task.engineStartNs, assembles, rng);

    QVERIFY2(run.crashes >= 5, qPrintable(u"only %1 crashes"_s.arg(run.crashes)));
    const bool contextLeftOut = shape.tail == 0 || (shape.tail > 0 && run.tailContextLeftOut);
    const QList<Msg> expected =
        deliveredWithoutCrash(contextLeftOut ? task.later() : task.all.sliced(run.tailFrom), assembles);
    QCOMPARE(run.stored.size(), expected.size());
    QCOMPARE(run.stored, expected);
    QCOMPARE(run.engineRepeats, 0);
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
    void crashAtAnyMomentLosesAndRepeatsNothing() { checkCrashesLoseAndRepeatNothing(false); }

    // The same through the monitor's whole pipeline: a crash between two pieces of a line the
    // engine sent in several messages (the cursor has taken the first, no batch holds it yet)
    // resumes with that line's start from the resume point, and each line is stored once, whole.
    void crashInsideALineCompletesItOnResume_data() { crashAtAnyMomentLosesAndRepeatsNothing_data(); }
    void crashInsideALineCompletesItOnResume() { checkCrashesLoseAndRepeatNothing(true); }

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

    void resumePointKeepsHeldLinesExactly()
    {
        LogCursor cursor;
        cursor.beginStream();
        cursor.streamOpened();
        LogLineAssembler assembler(false, 4);
        LogBatch batch;
        const QByteArray binary("\0\xff\r\n\x01", 5);
        for (const Msg& m :
             {Msg{100, LogStreamKind::Stdout, binary, false}, Msg{200, LogStreamKind::Stderr, "", false}}) {
            QCOMPARE(cursor.accept(view(m)), LogCursor::Verdict::Deliver);
            assembler.add(view(m), batch);
        }
        QCOMPARE(batch.size(), 1); // stdout's first 4 bytes went out as a First piece
        const QByteArray saved = ResumePoint::saveOf(cursor, assembler);
        QString error;
        const std::optional<ResumePoint> point = ResumePoint::restore(saved, &error);
        QVERIFY2(point, qPrintable(error));
        QCOMPARE(point->held[0], (LogLineAssembler::HeldLine{true, 100, binary.sliced(4)}));
        QCOMPARE(point->held[1], (LogLineAssembler::HeldLine{false, 200, QByteArray()}));
        QCOMPARE(point->save(), saved);
        QCOMPARE(point->cursor.save(), cursor.save());

        // The next run completes both lines as this one would have.
        LogLineAssembler next(false, 4);
        point->holdIn(next);
        LogBatch rest;
        next.add(view({100, LogStreamKind::Stdout, "ab", true}), rest);
        next.add(view({200, LogStreamKind::Stderr, "e", true}), rest);
        QCOMPARE(rest.size(), 2);
        QCOMPARE(rest.entry(0).piece, dockpulse::docker::LinePiece::Last);
        QCOMPARE(rest.text(0).toByteArray(), QByteArray(binary.sliced(4) + "ab"));
        QCOMPARE(rest.entry(1).piece, dockpulse::docker::LinePiece::Whole);
        QCOMPARE(rest.text(1).toByteArray(), QByteArray("e"));
    }

    void damagedResumePointsAreRefused()
    {
        LogCursor cursor;
        cursor.beginStream();
        cursor.streamOpened();
        LogLineAssembler assembler;
        LogBatch batch;
        const Msg piece{100, LogStreamKind::Stdout, "start of a long line", false};
        cursor.accept(view(piece));
        assembler.add(view(piece), batch);
        const QByteArray saved = ResumePoint::saveOf(cursor, assembler);
        QString error;
        for (qsizetype n = 0; n < saved.size(); ++n) {
            error.clear();
            QVERIFY2(!ResumePoint::restore(QByteArrayView(saved).first(n), &error),
                     qPrintable(u"cut at %1"_s.arg(n)));
            QVERIFY2(!error.isEmpty(), qPrintable(u"no reason for a cut at %1"_s.arg(n)));
        }
        QVERIFY(!ResumePoint::restore(QByteArray(saved + "x"), &error));
        QVERIFY2(error.contains(u"after its end"_s), qPrintable(error));
        QByteArray newer = saved;
        newer[5] = 2;
        QVERIFY(!ResumePoint::restore(newer, &error));
        QVERIFY2(error.contains(u"newer dockpulse"_s), qPrintable(error));
        QVERIFY(!ResumePoint::restore(cursor.save(), &error)); // a bare cursor is not a resume point
        QVERIFY2(error.contains(u"not a resume point"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCursorSnapshot)
#include "tst_cursorsnapshot.moc"
