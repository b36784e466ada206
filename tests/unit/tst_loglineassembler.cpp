#include "LogFrameDecoder.h"
#include "LogLineAssembler.h"
#include "LogTestSupport.h"
#include "LogTimestamp.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;
using namespace logtest;

Q_DECLARE_METATYPE(logtest::Recorded)

namespace {

Recorded o(qint64 ts, const QByteArray& content, bool endsLine = true)
{
    return Recorded{false, ts, LogStreamKind::Stdout, content, endsLine};
}
Recorded e(qint64 ts, const QByteArray& content, bool endsLine = true)
{
    return Recorded{false, ts, LogStreamKind::Stderr, content, endsLine};
}

// "out 3 text": stream, timestamp, escaped text.
QByteArrayList linesOf(const LogBatch& batch)
{
    QByteArrayList out;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const LogBatch::Entry& entry = batch.entry(i);
        out.append((entry.stream == LogStreamKind::Stderr ? "err "_ba : "out "_ba) +
                   QByteArray::number(entry.timestampNs) + ' ' + escape(batch.text(i)));
    }
    return out;
}

void add(LogLineAssembler& assembler, const Recorded& r, LogBatch& batch)
{
    LogMessage m;
    m.timestampNs = r.timestampNs;
    m.stream = r.stream;
    m.content = r.content;
    m.endsLine = r.endsLine;
    assembler.add(m, batch);
}

// Decoder and assembler together, as the log reader will use them.
class AssemblingSink : public LogMessageSink
{
public:
    explicit AssemblingSink(bool tty) : assembler(tty) {}
    void onLogMessage(const LogMessage& m) override { assembler.add(m, batch); }
    void onDaemonError(QByteArrayView) override { ++daemonErrors; }

    LogLineAssembler assembler;
    LogBatch batch;
    int daemonErrors = 0;
};

LogBatch decodeCapture(const Capture& capture, qsizetype chunk)
{
    const QByteArray body = readData(capture.name + u".body"_s);
    LogFrameDecoder decoder(capture.framing());
    AssemblingSink sink(capture.tty);
    for (qsizetype at = 0; at < body.size(); at += chunk) {
        if (!decoder.feed(QByteArrayView(body).sliced(at, std::min(chunk, body.size() - at)), sink))
            qFatal("capture does not decode: %s", qPrintable(decoder.errorString()));
    }
    if (!decoder.finish(sink) || sink.daemonErrors != 0)
        qFatal("capture does not finish: %s", qPrintable(decoder.errorString()));
    sink.assembler.flush(sink.batch);
    return sink.batch;
}

} // namespace

class TestLogLineAssembler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void assemble_data()
    {
        QTest::addColumn<bool>("tty");
        QTest::addColumn<QList<Recorded>>("messages");
        QTest::addColumn<bool>("flush");
        QTest::addColumn<QByteArrayList>("expected");

        QTest::newRow("whole lines") << false << QList<Recorded>{o(1, "a"), e(2, "b"), o(3, "c")} << false
                                     << QByteArrayList{"out 1 a", "err 2 b", "out 3 c"};
        QTest::newRow("partials joined, first part's timestamp")
            << false << QList<Recorded>{o(1, "aa", false), o(2, "bb", false), o(3, "cc")} << false
            << QByteArrayList{"out 1 aabbcc"};
        QTest::newRow("interleaved stdout and stderr partials")
            << false << QList<Recorded>{o(1, "o1", false), e(2, "e1", false), o(3, "o2", false),
                                        e(4, "e2"),        o(5, "x"),         o(6, "o3")}
            << false << QByteArrayList{"err 2 e1e2", "out 1 o1o2x", "out 6 o3"};
        QTest::newRow("whole line on one stream while the other is partial")
            << false << QList<Recorded>{o(1, "long", false), e(2, "short"), o(3, "end")} << false
            << QByteArrayList{"err 2 short", "out 1 longend"};
        QTest::newRow("tty: one \\r stripped")
            << true << QList<Recorded>{o(1, "a\r"), o(2, "b\r\r"), o(3, "c")} << false
            << QByteArrayList{"out 1 a", "out 2 b\\x0d", "out 3 c"};
        QTest::newRow("tty: \\r of \\r\\n in the last part")
            << true << QList<Recorded>{o(1, "xx", false), o(1, "\r")} << false << QByteArrayList{"out 1 xx"};
        QTest::newRow("tty: \\r ending a partial, empty last part")
            << true << QList<Recorded>{o(1, "xx\r", false), o(1, "")} << false << QByteArrayList{"out 1 xx"};
        QTest::newRow("tty: \\r inside a partial kept")
            << true << QList<Recorded>{o(1, "x\r", false), o(1, "y\r")} << false
            << QByteArrayList{"out 1 x\\x0dy"};
        QTest::newRow("not tty: \\r kept")
            << false << QList<Recorded>{o(1, "a\r"), o(2, "b\r", false), o(2, "\r")} << false
            << QByteArrayList{"out 1 a\\x0d", "out 2 b\\x0d\\x0d"};
        QTest::newRow("empty lines") << true << QList<Recorded>{o(1, ""), o(2, "\r"), e(3, "")} << false
                                     << QByteArrayList{"out 1 ", "out 2 ", "err 3 "};
        QTest::newRow("bytes kept: invalid UTF-8, NUL")
            << false << QList<Recorded>{o(1, "\xff\x00\xc3"_ba, false), o(1, "\xa9\xed\xa0\x80"_ba)} << false
            << QByteArrayList{"out 1 \\xff\\x00\\xc3\\xa9\\xed\\xa0\\x80"};
        QTest::newRow("flush emits unfinished lines as they are")
            << true << QList<Recorded>{o(1, "done\r"), o(2, "half\r", false), e(3, "err", false)} << true
            << QByteArrayList{"out 1 done", "out 2 half\\x0d", "err 3 err"};
        QTest::newRow("flush with nothing pending")
            << false << QList<Recorded>{o(1, "a")} << true << QByteArrayList{"out 1 a"};
    }
    void assemble()
    {
        QFETCH(bool, tty);
        QFETCH(QList<Recorded>, messages);
        QFETCH(bool, flush);
        QFETCH(QByteArrayList, expected);
        LogLineAssembler assembler(tty);
        LogBatch batch;
        for (const Recorded& r : std::as_const(messages))
            add(assembler, r, batch);
        if (flush) {
            assembler.flush(batch);
            QVERIFY(!assembler.hasPending());
        }
        QCOMPARE(linesOf(batch), expected);
    }

    void pendingAcrossBatches()
    {
        // A line cut by a stream rotation is completed by the next stream, into the next batch.
        LogLineAssembler assembler;
        LogBatch first;
        add(assembler, o(1, "begin-", false), first);
        add(assembler, e(2, "err-", false), first);
        QVERIFY(assembler.hasPending());
        QCOMPARE(first.size(), 0);
        LogBatch second;
        add(assembler, o(1, "end"), second);
        QVERIFY(assembler.hasPending()); // stderr still open
        add(assembler, e(2, "done"), second);
        QVERIFY(!assembler.hasPending());
        QCOMPARE(linesOf(second), (QByteArrayList{"out 1 begin-end", "err 2 err-done"}));
        // The buffer is reused, not left holding the old text.
        add(assembler, o(5, "x", false), second);
        add(assembler, o(6, "y"), second);
        QCOMPARE(linesOf(second).last(), "out 5 xy"_ba);
    }

    // Real captures decoded and assembled: the lines the container wrote, and for json-file the
    // lines `docker logs` printed with the timestamps `docker logs -t` printed.
    void realCaptureLines_data()
    {
        QTest::addColumn<Capture>("capture");
        for (const Capture& c : captures())
            QTest::newRow(qPrintable(c.name)) << c;
    }
    void realCaptureLines()
    {
        QFETCH(Capture, capture);
        const LogBatch batch = decodeCapture(capture, 1 << 20);
        QCOMPARE(linesOf(decodeCapture(capture, 1)), linesOf(batch));
        QCOMPARE(linesOf(decodeCapture(capture, 4093)), linesOf(batch));

        for (const LogStreamKind stream : {LogStreamKind::Stdout, LogStreamKind::Stderr}) {
            QByteArrayList got;
            QList<qint64> times;
            for (qsizetype i = 0; i < batch.size(); ++i) {
                if (batch.entry(i).stream == stream) {
                    got.append(batch.text(i).toByteArray());
                    times.append(batch.entry(i).timestampNs);
                }
            }
            QByteArrayList script;
            for (const ScriptLine& line : scriptLines(capture.jsonFile)) {
                // A terminal has one stream.
                const LogStreamKind where = capture.tty ? LogStreamKind::Stdout : line.stream;
                if (where == stream)
                    script.append(line.text);
            }
            QCOMPARE(got.size(), script.size());
            for (qsizetype i = 0; i < got.size(); ++i)
                QVERIFY2(got[i] == script[i], qPrintable(u"line %1: %2"_s.arg(i).arg(
                                                  QString::fromLatin1(escape(got[i].left(60))))));
            if (!capture.jsonFile)
                continue; // docker logs glues the local driver's long lines to the next (see decoder test)

            const QString suffix = stream == LogStreamKind::Stdout ? u".stdout"_s : u".stderr"_s;
            QByteArrayList printed = splitLines(readData(capture.name + suffix));
            const QByteArrayList printedT = splitLines(readData(capture.name + suffix + u".t"_s));
            QCOMPARE(printed.size(), got.size());
            QCOMPARE(printedT.size(), got.size());
            for (qsizetype i = 0; i < got.size(); ++i) {
                if (capture.tty && printed[i].endsWith('\r'))
                    printed[i].chop(1);
                QVERIFY2(got[i] == printed[i], qPrintable(u"line %1"_s.arg(i)));
                const std::optional<qint64> ts =
                    parseRfc3339Nanos(printedT[i].left(printedT[i].indexOf(' ')));
                QVERIFY(ts.has_value());
                QCOMPARE(times[i], *ts);
            }
        }
    }

    // Not a pass/fail check (the machine is shared): prints decoder + assembler throughput on
    // typical 120-byte lines, fed in 64 KiB reads.
    void throughput_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::newRow("multiplexed") << false;
        QTest::newRow("raw") << true;
    }
    void throughput()
    {
        QFETCH(bool, raw);
        const QByteArray ts = "2026-11-29T05:04:10.206123456Z "_ba;
        QByteArray body;
        const qsizetype target = 64 * 1024 * 1024;
        body.reserve(target + 256);
        for (int i = 0; body.size() < target; ++i) {
            QByteArray text = "GET /api/v1/items/" + QByteArray::number(i) + " 200 " +
                              QByteArray::number(i % 97) + "ms user-agent=curl/7.88 request-id=";
            text += QByteArray(120 - text.size(), 'a' + char(i % 26));
            const QByteArray payload = ts + text + '\n';
            if (raw) {
                body += payload;
            } else {
                const auto size = quint32(payload.size());
                const char head[8] = {1,         0, 0, 0, char(size >> 24), char(size >> 16), char(size >> 8),
                                      char(size)};
                body.append(head, 8);
                body += payload;
            }
        }
        const qsizetype lines = raw ? body.count('\n') : body.size() / (8 + 30 + 1 + 120 + 1);
        double bestSeconds = 1e9;
        for (int round = 0; round < 3; ++round) {
            LogFrameDecoder decoder(raw ? LogFrameDecoder::Framing::Raw
                                        : LogFrameDecoder::Framing::Multiplexed);
            AssemblingSink sink(raw);
            sink.batch.reserve(1024, 128 * 1024);
            qsizetype total = 0;
            QElapsedTimer timer;
            timer.start();
            for (qsizetype at = 0; at < body.size(); at += 64 * 1024) {
                QVERIFY(decoder.feed(
                    QByteArrayView(body).sliced(at, std::min<qsizetype>(64 * 1024, body.size() - at)), sink));
                total += sink.batch.size();
                sink.batch.clear();
                sink.batch.reserve(1024, 128 * 1024);
            }
            QVERIFY(decoder.finish(sink));
            bestSeconds = std::min(bestSeconds, double(timer.nsecsElapsed()) / 1e9);
            QCOMPARE(total, lines);
        }
        qInfo("%s: %.0f MB/s, %.1f M lines/s (best of 3, %lld MB)", raw ? "raw" : "multiplexed",
              double(body.size()) / 1e6 / bestSeconds, double(lines) / 1e6 / bestSeconds,
              static_cast<long long>(body.size() / 1000000));
    }
};

QTEST_GUILESS_MAIN(TestLogLineAssembler)
#include "tst_loglineassembler.moc"
