// A line without a newline (a '\r' progress bar, base64 -w0, binary output) must not grow without
// bound: the decoder and the assembler together deliver it as pieces of at most the line cap, each
// as soon as it is full, that concatenate to the exact bytes, all but the last marked continued.
#include "LogFrameDecoder.h"
#include "LogLineAssembler.h"
#include "LogTestSupport.h"

#include <QtTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;
using logtest::frame;

namespace {

constexpr qint64 kLineTs = 1'796'000'000'000'000'001; // the long line's (first part's) time
constexpr qint64 kDoneTs = 1'796'000'000'000'000'002;

QByteArray stamp(qint64 ns)
{
    return formatRfc3339Nanos(ns) + ' ';
}

// Text without '\n' or '\r' in which 1- to 4-byte UTF-8 characters and backslashes alternate, so
// that a cut at almost any offset would split a character.
QByteArray mixedText(qsizetype size)
{
    static const QByteArray units[] = {"a", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\\", "b7"};
    QByteArray out;
    out.reserve(size + 4);
    for (qsizetype i = 0; out.size() < size; ++i)
        out += units[i % 6]; // 13 bytes a cycle: characters start at every offset
    out.truncate(size);
    // A character cut by the truncation is no longer UTF-8: end in ASCII instead.
    while (!out.isEmpty() && static_cast<uchar>(out.back()) >= 0x80)
        out.chop(1);
    while (out.size() < size)
        out += 'z';
    return out;
}

// The body dockerd sends for `line` (16 KiB partials sharing one timestamp, then its end) and a
// short line after it. Raw is a TTY container's stream: the terminal's "\r\n" ends each line.
QByteArray body(LogFrameDecoder::Framing framing, const QByteArray& line, bool newline = true)
{
    const bool raw = framing == LogFrameDecoder::Framing::Raw;
    QByteArray out;
    for (qsizetype at = 0; at < line.size() || at == 0; at += LogFrameDecoder::kPartialSize) {
        const QByteArray part = line.mid(at, LogFrameDecoder::kPartialSize);
        const bool last = at + LogFrameDecoder::kPartialSize >= line.size();
        const QByteArray end = last && newline ? (raw ? "\r\n"_ba : "\n"_ba) : QByteArray();
        const QByteArray payload = stamp(kLineTs) + part + end;
        out += raw ? payload : frame(1, payload);
        if (last)
            break;
    }
    if (newline) {
        const QByteArray done = stamp(kDoneTs) + (raw ? "done\r\n" : "done\n");
        out += raw ? done : frame(1, done);
    }
    return out;
}

class Sink : public LogMessageSink
{
public:
    Sink(bool tty, qsizetype cap) : assembler(tty, cap) {}
    void onLogMessage(const LogMessage& m) override
    {
        assembler.add(m, batch);
        mostPending = std::max(mostPending, assembler.pendingBytes());
    }
    void onDaemonError(QByteArrayView) override { ++daemonErrors; }

    LogLineAssembler assembler;
    LogBatch batch;
    qsizetype mostPending = 0;
    int daemonErrors = 0;
};

// Empty when row i, one of `pieces` rows of a line, is marked as its place in the line says.
QByteArray markProblem(const LogBatch& batch, qsizetype i, qsizetype pieces)
{
    const LinePiece expected = pieces == 1       ? LinePiece::Whole
                               : i == 0          ? LinePiece::First
                               : i + 1 == pieces ? LinePiece::Last
                                                 : LinePiece::Middle;
    const LinePiece got = batch.entry(i).piece;
    if (got == expected)
        return {};
    return "marked " + QByteArray::number(int(got)) + ", expected " + QByteArray::number(int(expected));
}

// Empty when `batch` holds `line` as pieces of at most `cap` bytes (each marked, all with the
// line's time, each valid UTF-8 as the line is) followed by the whole line "done" when `done`.
QByteArray verdict(const LogBatch& batch, const QByteArray& line, qsizetype cap, bool done)
{
    const qsizetype rows = batch.size();
    if (rows < (done ? 2 : 1))
        return "only " + QByteArray::number(rows) + " rows";
    const qsizetype pieces = done ? rows - 1 : rows;
    QByteArray joined;
    for (qsizetype i = 0; i < pieces; ++i) {
        const QByteArrayView text = batch.text(i);
        const QByteArray where = "row " + QByteArray::number(i) + " of " + QByteArray::number(pieces);
        if (text.size() > cap)
            return where + ": a piece of " + QByteArray::number(text.size()) + " bytes, over the cap of " +
                   QByteArray::number(cap);
        if (batch.entry(i).timestampNs != kLineTs)
            return where + ": not the line's timestamp";
        if (!text.isValidUtf8())
            return where + ": the cut split a UTF-8 character";
        if (const QByteArray mark = markProblem(batch, i, pieces); !mark.isEmpty())
            return where + ": " + mark;
        joined += text;
    }
    if (joined != line)
        return "the pieces (" + QByteArray::number(joined.size()) + " bytes) are not the line (" +
               QByteArray::number(line.size()) + " bytes)";
    if (done && (batch.text(rows - 1) != "done" || !markProblem(batch, rows - 1, 1).isEmpty()))
        return "the line after it is not \"done\", whole";
    return {};
}

// Decodes `bytes` fed in the pieces that `cuts` (ascending offsets) make.
QByteArray decodeAt(LogFrameDecoder::Framing framing, const QByteArray& bytes, const QList<qsizetype>& cuts,
                    Sink& sink)
{
    LogFrameDecoder decoder(framing);
    qsizetype from = 0;
    for (qsizetype i = 0; i <= cuts.size(); ++i) {
        const qsizetype to = i < cuts.size() ? cuts[i] : bytes.size();
        if (!decoder.feed(QByteArrayView(bytes).sliced(from, to - from), sink))
            return "does not decode: " + decoder.errorString().toUtf8();
        from = to;
    }
    if (!decoder.finish(sink) || sink.daemonErrors != 0)
        return "does not finish: " + decoder.errorString().toUtf8();
    return {};
}

} // namespace

class TestLineCap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The brief's case and its neighbours: a long line read in chunks of every kind of size.
    void longLineInPieces_data()
    {
        QTest::addColumn<int>("framing");
        QTest::addColumn<qsizetype>("cap");
        QTest::addColumn<qsizetype>("length");
        QTest::addColumn<qsizetype>("chunk");
        const qsizetype mib = qsizetype(1) << 20;
        for (const auto framing : {LogFrameDecoder::Framing::Multiplexed, LogFrameDecoder::Framing::Raw}) {
            const char* f = framing == LogFrameDecoder::Framing::Raw ? "raw" : "multiplexed";
            // Byte by byte only multiplexed: a raw message is decided from its start again at each
            // feed, so 3 MiB fed a byte at a time would take minutes (every boundary: below).
            const bool raw = framing == LogFrameDecoder::Framing::Raw;
            for (const qsizetype chunk : {qsizetype(1), qsizetype(7), qsizetype(4096), qsizetype(65536),
                                          qsizetype(0)}) // 0: all at once
                if (!raw || chunk == 0 || chunk >= 4096)
                    QTest::addRow("%s, 3 MiB, default cap, chunks of %lld", f, qlonglong(chunk))
                        << int(framing) << LogLineAssembler::kDefaultMaxLineBytes << 3 * mib << chunk;
            QTest::addRow("%s, exactly the cap", f)
                << int(framing) << qsizetype(40000) << qsizetype(40000) << qsizetype(1000);
            QTest::addRow("%s, cap + 1", f)
                << int(framing) << qsizetype(40000) << qsizetype(40001) << qsizetype(1000);
            QTest::addRow("%s, 1 KiB cap, 5 MiB", f)
                << int(framing) << qsizetype(1024) << 5 * mib << qsizetype(65536);
        }
    }
    void longLineInPieces()
    {
        QFETCH(int, framing);
        QFETCH(qsizetype, cap);
        QFETCH(qsizetype, length);
        QFETCH(qsizetype, chunk);
        const auto f = LogFrameDecoder::Framing(framing);
        const QByteArray line = mixedText(length);
        const QByteArray bytes = body(f, line);
        QList<qsizetype> cuts;
        for (qsizetype at = chunk; chunk > 0 && at < bytes.size(); at += chunk)
            cuts.append(at);
        Sink sink(f == LogFrameDecoder::Framing::Raw, cap);
        const QByteArray error = decodeAt(f, bytes, cuts, sink);
        QVERIFY2(error.isEmpty(), error.constData());
        const QByteArray problem = verdict(sink.batch, line, cap, true);
        QVERIFY2(problem.isEmpty(), problem.constData());
        // Never a whole long line in memory: the cap, one 16 KiB message and its timestamp at most.
        QVERIFY2(sink.mostPending <= cap + LogFrameDecoder::kPartialSize + 2,
                 qPrintable(u"held %1 bytes"_s.arg(sink.mostPending)));
    }

    // Split at every byte boundary: wherever the input is cut, the pieces are the same.
    void everyByteBoundary_data()
    {
        QTest::addColumn<int>("framing");
        QTest::newRow("multiplexed") << int(LogFrameDecoder::Framing::Multiplexed);
        QTest::newRow("raw") << int(LogFrameDecoder::Framing::Raw);
    }
    void everyByteBoundary()
    {
        QFETCH(int, framing);
        const auto f = LogFrameDecoder::Framing(framing);
        constexpr qsizetype kCap = 1024;
        const QByteArray line = mixedText(2 * LogFrameDecoder::kPartialSize + 5000);
        const QByteArray bytes = body(f, line);
        for (qsizetype cut = 0; cut <= bytes.size(); ++cut) {
            Sink sink(f == LogFrameDecoder::Framing::Raw, kCap);
            const QByteArray error = decodeAt(f, bytes, {cut}, sink);
            const QByteArray problem = error.isEmpty() ? verdict(sink.batch, line, kCap, true) : error;
            if (!problem.isEmpty())
                QFAIL(qPrintable(u"cut at %1: %2"_s.arg(cut).arg(QString::fromUtf8(problem))));
        }
    }

    // The container ends inside the line: what was held goes out as the line's last piece.
    void unfinishedLineFlushed()
    {
        constexpr qsizetype kCap = 4096;
        const QByteArray line = mixedText(3 * LogFrameDecoder::kPartialSize + 123);
        const QByteArray bytes = body(LogFrameDecoder::Framing::Multiplexed, line, false);
        Sink sink(false, kCap);
        const QByteArray error = decodeAt(LogFrameDecoder::Framing::Multiplexed, bytes, {}, sink);
        QVERIFY2(error.isEmpty(), error.constData());
        // Before the flush every full piece is already out: only the remainder is held.
        QVERIFY2(sink.assembler.pendingBytes() <= kCap,
                 qPrintable(QString::number(sink.assembler.pendingBytes())));
        sink.assembler.flush(sink.batch);
        QVERIFY(!sink.assembler.hasPending());
        const QByteArray problem = verdict(sink.batch, line, kCap, false);
        QVERIFY2(problem.isEmpty(), problem.constData());
    }

    // A long stdout line with stderr lines in between: each stream's pieces stay whole and in
    // order, and the stderr lines come out as they arrive, not after the long line.
    void otherStreamBetweenPieces()
    {
        constexpr qsizetype kCap = 1000;
        const QByteArray line = mixedText(4 * LogFrameDecoder::kPartialSize);
        QByteArray bytes;
        for (qsizetype at = 0; at < line.size(); at += LogFrameDecoder::kPartialSize) {
            const bool last = at + LogFrameDecoder::kPartialSize >= line.size();
            bytes +=
                frame(1, stamp(kLineTs) + line.mid(at, LogFrameDecoder::kPartialSize) + (last ? "\n" : ""));
            bytes += frame(2, stamp(kDoneTs) + "err " + QByteArray::number(at) + '\n');
        }
        Sink sink(false, kCap);
        const QByteArray error = decodeAt(LogFrameDecoder::Framing::Multiplexed, bytes, {}, sink);
        QVERIFY2(error.isEmpty(), error.constData());
        LogBatch stdoutRows;
        QByteArrayList stderrRows;
        qsizetype firstStderrRow = -1;
        for (qsizetype i = 0; i < sink.batch.size(); ++i) {
            const LogBatch::Entry& e = sink.batch.entry(i);
            if (e.stream == LogStreamKind::Stderr) {
                stderrRows << sink.batch.text(i).toByteArray();
                if (firstStderrRow < 0)
                    firstStderrRow = i;
            } else {
                stdoutRows.append(e.timestampNs, e.stream, sink.batch.text(i), e.piece);
            }
        }
        QCOMPARE(stderrRows.size(), 4);
        QCOMPARE(stderrRows.first(), "err 0"_ba);
        // The first stderr line follows the first 16 KiB: the pieces of it before, the rest after.
        QVERIFY2(firstStderrRow >= LogFrameDecoder::kPartialSize / kCap && firstStderrRow < stdoutRows.size(),
                 qPrintable(u"first stderr row %1 of %2"_s.arg(firstStderrRow).arg(sink.batch.size())));
        const QByteArray problem = verdict(stdoutRows, line, kCap, false);
        QVERIFY2(problem.isEmpty(), problem.constData());
    }
};

QTEST_APPLESS_MAIN(TestLineCap)
#include "tst_linecap.moc"
