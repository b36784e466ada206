// stderr beside a busy stdout: the engine's two copiers stamp each line when they read it, but a
// stderr line can reach the log after stdout lines stamped later than it. A stream that ends
// between those stdout lines and the stderr line must not lose it: the next stream's since must
// lie the whole reorder margin back, at any line rate (issue 12 item 1: a cap of 1,024 lines
// back shrank the 50 ms margin to ~25 ms at 40,000 lines/s and lost stderr lines).
#include "CursorTestSupport.h"
#include "LogCursor.h"
#include "SanitizerShare.h"

#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

using namespace Qt::StringLiterals;
using cursortest::Msg;
using cursortest::view;
using dockpulse::docker::LogStreamKind;
using dockpulse::monitor::LogCursor;

namespace {

constexpr qint64 kStartNs = 1'700'000'000'000'000'000LL;

// A json-file log in file order, as a busy writer fills it: stdout in writes of `perWrite`
// lines at `rate` lines/s (the copier stamps each line as it reads it, 1 µs apart), and after
// every `stderrEvery` writes a stderr line stamped just after that write but appended only once
// the stdout lines stamped up to `lagNs` later are in the file.
// *beforeStderr: the file position of each stderr line (the worst place for a stream to end).
QList<Msg> busyLog(qint64 rate, int perWrite, int stderrEvery, qint64 lagNs, int writes,
                   QList<qsizetype>* beforeStderr)
{
    const qint64 writeEveryNs = 1'000'000'000LL * perWrite / rate;
    QList<Msg> file;
    QList<Msg> pending; // stderr lines waiting for the log
    int stdoutLine = 0;
    int stderrLine = 0;
    for (int w = 0; w < writes; ++w) {
        const qint64 writtenAt = kStartNs + qint64(w) * writeEveryNs;
        for (int k = 0; k < perWrite; ++k) {
            const qint64 ts = writtenAt + k * 1000;
            while (!pending.isEmpty() && pending.first().ts + lagNs <= ts) {
                beforeStderr->append(file.size());
                file.append(pending.takeFirst());
            }
            file.append({ts, LogStreamKind::Stdout, "out " + QByteArray::number(++stdoutLine)});
        }
        if (w % stderrEvery == stderrEvery - 1)
            pending.append(
                {writtenAt + 500'000, LogStreamKind::Stderr, "err " + QByteArray::number(++stderrLine)});
    }
    for (const Msg& m : std::as_const(pending)) {
        beforeStderr->append(file.size());
        file.append(m);
    }
    return file;
}

// Reads `file` in streams, each ending at the next of `ends` (file positions), with
// `between` lines appended while one stream ends and the next opens. The engine applies the
// request as dockerd does: the last `tail` lines of the file as it is when the stream opens,
// then `since` (inclusive) on every line, including those appended while it streams.
QList<Msg> readInStreams(const QList<Msg>& file, QList<qsizetype> ends, qsizetype between, qint64* repeats)
{
    LogCursor cursor;
    cursor.setEngineStartNs(kStartNs);
    ends.append(file.size());
    QList<Msg> delivered;
    qsizetype length = 0; // the file as the next stream finds it
    for (qsizetype e = 0; e < ends.size(); ++e) {
        const qsizetype end = std::max(length, std::min(ends[e], file.size()));
        for (bool retry = true; retry;) {
            retry = false;
            const LogCursor::StreamRequest request = cursor.beginStream(-1);
            cursor.streamOpened();
            const qsizetype from = request.tail < 0 ? 0 : std::max<qsizetype>(0, length - request.tail);
            for (qsizetype i = from; i < end; ++i) {
                if (request.since && file[i].ts < *request.since)
                    continue;
                const LogCursor::Verdict verdict = cursor.accept(view(file[i]));
                if (verdict == LogCursor::Verdict::WindowMissed) {
                    retry = true; // the monitor reopens at once with a larger window
                    break;
                }
                if (verdict == LogCursor::Verdict::Deliver)
                    delivered.append(file[i]);
            }
            *repeats += cursor.skippedThisStream();
        }
        length = std::min(file.size(), end + between);
    }
    return delivered;
}

QString missing(const QList<Msg>& delivered, const QList<Msg>& file, LogStreamKind stream)
{
    QSet<QByteArray> got;
    for (const Msg& m : delivered)
        got.insert(m.text);
    QStringList lost;
    for (const Msg& m : file)
        if (m.stream == stream && !got.contains(m.text))
            lost << QString::fromLatin1(m.text);
    return lost.size() > 5 ? u"%1 lines, first %2"_s.arg(lost.size()).arg(lost.first()) : lost.join(u", "_s);
}

} // namespace

class TestCursorReorder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stderrBesideBusyStdoutAtRotation_data()
    {
        QTest::addColumn<qint64>("rate");  // stdout lines per second
        QTest::addColumn<int>("perWrite"); // stdout lines per write
        QTest::addColumn<qint64>("lagNs"); // how late a stderr line reaches the log
        QTest::addColumn<int>("stderrEvery");
        // Within the 50 ms margin at every rate: nothing may be lost, whatever the rate.
        QTest::newRow("1,000/s, lag 30 ms") << qint64(1000) << 50 << qint64(30'000'000) << 2;
        QTest::newRow("10,000/s, lag 30 ms") << qint64(10'000) << 50 << qint64(30'000'000) << 8;
        QTest::newRow("40,000/s, lag 26 ms (issue 12)") << qint64(40'000) << 50 << qint64(26'000'000) << 20;
        QTest::newRow("40,000/s, lag 45 ms") << qint64(40'000) << 50 << qint64(45'000'000) << 20;
        QTest::newRow("40,000/s, 1 per write, lag 45 ms")
            << qint64(40'000) << 1 << qint64(45'000'000) << 1000;
        QTest::newRow("200,000/s, lag 49 ms") << qint64(200'000) << 50 << qint64(49'000'000) << 100;
    }
    // Every stream ends right before a stderr line reaches the log (the worst cut); then
    // random cuts. Every line exactly once, in file order.
    void stderrBesideBusyStdoutAtRotation()
    {
        QFETCH(qint64, rate);
        QFETCH(int, perWrite);
        QFETCH(qint64, lagNs);
        QFETCH(int, stderrEvery);
        const int writes = int(rate * 2 / perWrite); // two seconds of output
        QList<qsizetype> beforeStderr;
        const QList<Msg> file = busyLog(rate, perWrite, stderrEvery, lagNs, writes, &beforeStderr);
        QVERIFY(beforeStderr.size() >= 20);

        for (qsizetype between : {qsizetype(0), qsizetype(3), qsizetype(200)}) {
            qint64 repeats = 0;
            const QList<Msg> delivered = readInStreams(file, beforeStderr, between, &repeats);
            QVERIFY2(missing(delivered, file, LogStreamKind::Stderr).isEmpty(),
                     qPrintable(u"stderr lines lost (%1 lines between streams): "_s.arg(between) +
                                missing(delivered, file, LogStreamKind::Stderr)));
            QVERIFY2(missing(delivered, file, LogStreamKind::Stdout).isEmpty(),
                     qPrintable(u"stdout lines lost: "_s + missing(delivered, file, LogStreamKind::Stdout)));
            QCOMPARE(delivered.size(), file.size());
            QCOMPARE(delivered, file);
            // The margin's worth of lines is repeated (and skipped) at each rotation, no more:
            // a stream repeats at most the lines stamped in the 50 ms before the newest.
            const qint64 perStream = rate * LogCursor::kReorderMarginNs / 1'000'000'000 + perWrite + 1;
            QVERIFY2(repeats <= qint64(beforeStderr.size() + 1) * perStream,
                     qPrintable(u"%1 repeats over %2 streams"_s.arg(repeats).arg(beforeStderr.size() + 1)));
        }

        QRandomGenerator rng(quint32(rate) ^ quint32(lagNs));
        // One run of random cuts under a sanitizer: the worst cuts above are the red case.
        for (int run = 0; run < dockpulse::test::sanitizerShare(5, 5); ++run) {
            QList<qsizetype> ends;
            for (qsizetype at = 0; at < file.size();)
                ends.append(at += rng.bounded(1, int(rate / 5))); // about 200 ms of lines or less
            qint64 repeats = 0;
            const QList<Msg> delivered = readInStreams(file, ends, rng.bounded(0, 50), &repeats);
            QVERIFY2(missing(delivered, file, LogStreamKind::Stderr).isEmpty(),
                     qPrintable(u"stderr lines lost: "_s + missing(delivered, file, LogStreamKind::Stderr)));
            QCOMPARE(delivered, file);
        }
    }
};

QTEST_GUILESS_MAIN(TestCursorReorder)
#include "tst_cursorreorder.moc"
