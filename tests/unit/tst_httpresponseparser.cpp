#include "HttpParserHarness.h"
#include "HttpResponseParser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::docker::HttpResponseParser;
using dockpulse::test::ParseOptions;
using dockpulse::test::ParseResult;
using State = HttpResponseParser::State;

namespace {

QByteArray capture(const QString& name)
{
    QFile file(QString::fromUtf8(DOCKPULSE_SOURCE_DIR) + u"/tests/data/http/"_s + name + u".http"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Follows "a.0.b" through objects and arrays; an undefined value when the path does not exist.
QJsonValue jsonAt(const QJsonDocument& doc, const QString& path)
{
    QJsonValue v = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    const QStringList steps = path.split(u'.');
    for (const QString& step : steps) {
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        v = isIndex && v.isArray() ? v.toArray().at(index) : v.toObject().value(step);
    }
    return v;
}

struct FrameCounts
{
    int stdoutFrames = 0;
    int stderrFrames = 0;
    bool wellFormed = true;
    bool timestamped = true;
};

// Walks the engine's multiplexed log framing: [stream, 0, 0, 0, u32 big-endian size] payload.
FrameCounts countFrames(QByteArrayView body)
{
    FrameCounts counts;
    while (!body.isEmpty()) {
        if (body.size() < 8 || (body[0] != 1 && body[0] != 2) || body[1] != 0 || body[2] != 0 ||
            body[3] != 0) {
            counts.wellFormed = false;
            return counts;
        }
        const quint32 size = qFromBigEndian<quint32>(body.data() + 4);
        if (body.size() - 8 < qsizetype(size)) {
            counts.wellFormed = false;
            return counts;
        }
        const QByteArrayView payload = body.sliced(8, size);
        // timestamps=1: "2026-11-29T05:35:12.489838966Z text"
        if (payload.size() < 31 || payload[4] != '-' || payload[10] != 'T' ||
            !payload.toByteArray().contains("Z "))
            counts.timestamped = false;
        (body[0] == 1 ? counts.stdoutFrames : counts.stderrFrames)++;
        body = body.sliced(8 + size);
    }
    return counts;
}

} // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT
private:
    static void addCaptureRows()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("head");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("reason");
        QTest::addColumn<bool>("chunked");
        QTest::addColumn<qint64>("bodyLength");
        QTest::addColumn<QString>("jsonPath"); // empty: the body is not JSON
        QTest::addColumn<QString>("jsonValue");
        // Lengths of the chunked bodies are those of the committed captures; rerunning
        // capture.py means updating them.
        QTest::newRow("GET /_ping") << u"ping"_s << false << 200 << QByteArray("OK") << false << qint64(2)
                                    << QString() << QString();
        QTest::newRow("HEAD /_ping") << u"ping-head"_s << true << 200 << QByteArray("OK") << false
                                     << qint64(0) << QString() << QString();
        QTest::newRow("version") << u"version"_s << false << 200 << QByteArray("OK") << false << qint64(792)
                                 << u"ApiVersion"_s << u"1.41"_s;
        QTest::newRow("containers list") << u"containers-list"_s << false << 200 << QByteArray("OK") << false
                                         << qint64(964) << u"0.Names.0"_s << u"/dockpulse-capture"_s;
        QTest::newRow("container inspect") << u"container-inspect"_s << false << 200 << QByteArray("OK")
                                           << true << qint64(4845) << u"State.Status"_s << u"exited"_s;
        QTest::newRow("404") << u"container-404"_s << false << 404 << QByteArray("Not Found") << false
                             << qint64(61) << u"message"_s
                             << u"No such container: dockpulse-no-such-container"_s;
        QTest::newRow("logs") << u"logs"_s << false << 200 << QByteArray("OK") << true << qint64(11355)
                              << QString() << QString();
    }

private Q_SLOTS:
    void captures_data() { addCaptureRows(); }
    void captures()
    {
        QFETCH(QString, file);
        QFETCH(bool, head);
        QFETCH(int, status);
        QFETCH(QByteArray, reason);
        QFETCH(bool, chunked);
        QFETCH(qint64, bodyLength);
        QFETCH(QString, jsonPath);
        QFETCH(QString, jsonValue);
        const QByteArray input = capture(file);
        QVERIFY2(!input.isEmpty(), "capture missing");

        HttpResponseParser parser;
        parser.setNoBodyExpected(head);
        QCOMPARE(parser.feed(input), input.size());
        QVERIFY2(parser.isComplete(), qPrintable(parser.errorString()));
        QVERIFY(parser.headersComplete());
        parser.finish(); // the engine closes after "Connection: close": nothing changes
        QVERIFY(parser.isComplete());
        QCOMPARE(parser.statusCode(), status);
        QCOMPARE(parser.reasonPhrase(), reason);
        QCOMPARE(parser.isChunked(), chunked);
        QCOMPARE(parser.header("Api-Version"), QByteArray("1.41"));
        QCOMPARE(parser.header("API-VERSION"), QByteArray("1.41"));
        QVERIFY(parser.header("Server").startsWith("Docker/"));
        QCOMPARE(parser.header("Connection"), QByteArray("close"));
        QCOMPARE(parser.header("transfer-encoding"), chunked ? QByteArray("chunked") : QByteArray());
        if (!chunked && !head)
            QCOMPARE(parser.header("content-length"), QByteArray::number(bodyLength));
        QCOMPARE(parser.bodyBytes(), bodyLength);
        QCOMPARE(parser.body().size(), bodyLength);

        if (!jsonPath.isEmpty()) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(parser.body(), &error);
            QVERIFY2(!doc.isNull(), qPrintable(error.errorString()));
            QCOMPARE(parser.header("Content-Type"), QByteArray("application/json"));
            QCOMPARE(jsonAt(doc, jsonPath).toString(), jsonValue);
        }
        if (file == u"logs"_s) {
            // Checked by hand once: identical to what curl --unix-socket returns for the same URL.
            const FrameCounts frames = countFrames(parser.body());
            QVERIFY(frames.wellFormed);
            QVERIFY(frames.timestamped);
            QCOMPARE(frames.stdoutFrames, 44);
            QCOMPARE(frames.stderrFrames, 6);
            QVERIFY(parser.body().contains("Z hello from stderr\n"));
            QVERIFY(parser.body().contains(QByteArray(QByteArray(9000, 'x') + '\n')));
            QVERIFY(parser.body().endsWith("Z no newline at end"));
        }
    }

    void capturesFedInPieces_data() { addCaptureRows(); }
    void capturesFedInPieces()
    {
        QFETCH(QString, file);
        QFETCH(bool, head);
        QFETCH(qint64, bodyLength);
        const QByteArray input = capture(file);
        QVERIFY2(!input.isEmpty(), "capture missing");
        ParseOptions options;
        options.noBody = head;
        QString mismatch;
        const ParseResult whole = dockpulse::test::parseEveryWay(input, options, mismatch);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(whole.state, State::Complete);
        QCOMPARE(whole.consumed, input.size());
        QCOMPARE(whole.bodyBytes, bodyLength);
    }

    void responses_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("noBody");
        QTest::addColumn<bool>("finish");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("chunked");
        QTest::addColumn<qint64>("consumed"); // -1: all of the input
        QTest::addColumn<QByteArray>("headerName");
        QTest::addColumn<QByteArray>("headerValue");

        const QByteArray ok = "HTTP/1.1 200 OK\r\n";
        const QByteArray te = "Transfer-Encoding: chunked\r\n";
        const auto row = [](const char* name, const QByteArray& input, int status, const QByteArray& body,
                            bool chunked = false, qint64 consumed = -1, const QByteArray& headerName = {},
                            const QByteArray& headerValue = {}, bool noBody = false, bool finish = false) {
            QTest::newRow(name) << input << noBody << finish << status << body << chunked << consumed
                                << headerName << headerValue;
        };

        row("content-length", ok + "Content-Length: 5\r\n\r\nhello", 200, "hello");
        row("content-length 0", ok + "Content-Length: 0\r\n\r\n", 200, "");
        row("chunked with extensions and trailers",
            ok + te +
                "\r\n5;name=value\r\nhello\r\n6 ; a=b;c=\"d\"\r\n world\r\n0;last\r\nExpires: never\r\n"
                "X-Checksum: abc\r\n\r\n",
            200, "hello world", true, -1, "Expires", "");
        row("chunked hex case and leading zeros",
            ok + te + "\r\n000A\r\n0123456789\r\n1f\r\n" + QByteArray(31, 'y') + "\r\n0\r\n\r\n", 200,
            "0123456789" + QByteArray(31, 'y'), true);
        row("chunked zero-length body", ok + te + "\r\n0\r\n\r\n", 200, "", true);
        row("chunk data holding CRLF", ok + te + "\r\n4\r\n\r\n\r\n\r\n0\r\n\r\n", 200, "\r\n\r\n", true);
        row("chunked wins over content-length",
            ok + "Content-Length: 3\r\n" + te + "\r\n2\r\nab\r\n0\r\n\r\n", 200, "ab", true);
        row("chunked wins over a bad content-length", ok + "Content-Length: nope\r\n" + te + "\r\n0\r\n\r\n",
            200, "", true);
        row("transfer-encoding case-insensitive",
            ok + "transfer-encoding: Chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n", 200, "z", true);
        row("204 no content", "HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n", 204, "");
        row("304 ignores content-length", "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\nnext!", 304,
            "", false, 48);
        row("100 continue then 200",
            "HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n" + ok + "Content-Length: 2\r\n\r\nhi", 200, "hi",
            false, -1, "X-Interim", "");
        row("two interim responses",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + ok +
                "Content-Length: 1\r\n\r\n!",
            200, "!");
        row("101 hands over the stream", "HTTP/1.1 101 UPGRADED\r\nUpgrade: tcp\r\n\r\n\x01raw", 101, "",
            false, 39, "upgrade", "tcp");
        row("close-delimited body completed by finish",
            ok + "Content-Type: text/plain\r\n\r\nuntil the end\r\n", 200, "until the end\r\n", false, -1, {},
            {}, false, true);
        row("HTTP/1.0 close-delimited", "HTTP/1.0 200 OK\r\n\r\nold", 200, "old", false, -1, {}, {}, false,
            true);
        row("close-delimited empty body", ok + "\r\n", 200, "", false, -1, {}, {}, false, true);
        row("pipelined after content-length", ok + "Content-Length: 3\r\n\r\nabcHTTP/1.1 200 OK\r\n", 200,
            "abc", false, 41);
        row("pipelined after chunked", ok + te + "\r\n1\r\na\r\n0\r\n\r\nHTTP/1.1 204 x\r\n\r\n", 200, "a",
            true, 58);
        row("bare LF line endings", "HTTP/1.1 200 OK\nContent-Length: 2\nX-Y: z\n\nok", 200, "ok", false, -1,
            "x-y", "z");
        row("bare LF in chunked", "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3;x\nabc\n0\nT: 1\n\n", 200,
            "abc", true);
        row("mixed line endings", "HTTP/1.1 200 OK\nContent-Length: 1\r\n\n1", 200, "1");
        row("HEAD with content-length", ok + "Content-Length: 1234\r\n\r\n", 200, "", false, -1,
            "Content-Length", "1234", true);
        row("HEAD with chunked", ok + te + "\r\nextra", 200, "", false, 47, {}, {}, true);
        row("empty reason phrase", "HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n", 200, "");
        row("no space after status", "HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n", 404, "");
        row("values trimmed", ok + "X-A: \t spaced out \t\r\nX-Empty:\r\nContent-Length: 0\r\n\r\n", 200, "",
            false, -1, "x-a", "spaced out");
        row("empty value", ok + "X-Empty:   \r\nContent-Length: 0\r\n\r\n", 200, "", false, -1, "X-Empty",
            "");
        row("lookup case-insensitive", ok + "content-TYPE: text/plain\r\nContent-Length: 0\r\n\r\n", 200, "",
            false, -1, "Content-Type", "text/plain");
        row("first of repeated headers", ok + "X-R: 1\r\nx-r: 2\r\nContent-Length: 0\r\n\r\n", 200, "", false,
            -1, "X-R", "1");
        row("equal duplicate content-length", ok + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 200,
            "abc");
        row("content-length list of equal values", ok + "Content-Length: 2, 2\r\n\r\nab", 200, "ab");
        row("content-length leading zeros", ok + "Content-Length: 002\r\n\r\nab", 200, "ab");
        row("binary body", ok + "Content-Length: 4\r\n\r\n" + "\0\r\n\xff"_ba, 200, "\0\r\n\xff"_ba);
    }
    void responses()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, noBody);
        QFETCH(bool, finish);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, chunked);
        QFETCH(qint64, consumed);
        QFETCH(QByteArray, headerName);
        QFETCH(QByteArray, headerValue);

        ParseOptions options;
        options.noBody = noBody;
        options.finish = finish;
        QString mismatch;
        const ParseResult r = dockpulse::test::parseEveryWay(input, options, mismatch);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QVERIFY2(r.state == State::Complete, qPrintable(dockpulse::test::describe(r)));
        QCOMPARE(r.status, status);
        QCOMPARE(r.body, body);
        QCOMPARE(r.chunked, chunked);
        QCOMPARE(r.consumed, consumed < 0 ? input.size() : consumed);
        if (!headerName.isEmpty()) {
            HttpResponseParser parser;
            parser.setNoBodyExpected(noBody);
            parser.feed(input);
            QCOMPARE(parser.header(headerName), headerValue);
        }
        if (!finish) {
            // Complete without the peer closing: finish() must not be needed, nor change anything.
            HttpResponseParser parser;
            parser.setNoBodyExpected(noBody);
            parser.feed(input);
            QVERIFY(parser.isComplete());
            QCOMPARE(parser.feed("more"), 0);
            parser.finish();
            QVERIFY(parser.isComplete());
        }
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("finish");
        QTest::addColumn<qint64>("maxHeaderBytes"); // 0: the default
        QTest::addColumn<QString>("error");

        const QByteArray ok = "HTTP/1.1 200 OK\r\n";
        const QByteArray chunked = ok + "Transfer-Encoding: chunked\r\n\r\n";
        const auto row = [](const char* name, const QByteArray& input, const QString& error,
                            bool finish = false, qint64 maxHeaderBytes = 0) {
            QTest::newRow(name) << input << finish << maxHeaderBytes << error;
        };

        row("garbage status line", "garbage\r\n\r\n", u"malformed status line: \"garbage\""_s);
        row("empty status line", "\r\nHTTP/1.1 200 OK\r\n\r\n", u"malformed status line: \"\""_s);
        row("lowercase protocol", "http/1.1 200 OK\r\n\r\n", u"malformed status line"_s);
        row("no space after version", "HTTP/1.1\t200 OK\r\n\r\n", u"malformed status line"_s);
        row("HTTP/2", "HTTP/2.0 200 OK\r\n\r\n", u"unsupported HTTP version \"HTTP/2.0\""_s);
        row("non-numeric status", "HTTP/1.1 2x0 OK\r\n\r\n", u"invalid status code \"2x0\""_s);
        row("missing status", "HTTP/1.1  OK\r\n\r\n", u"invalid status code \"\""_s);
        row("status below range", "HTTP/1.1 099 Odd\r\n\r\n", u"status code out of range: \"099\""_s);
        row("status above range", "HTTP/1.1 600 Odd\r\n\r\n", u"status code out of range: \"600\""_s);
        row("status of four digits", "HTTP/1.1 2000 OK\r\n\r\n", u"status code out of range: \"2000\""_s);
        row("NUL in status line", "HTTP/1.1 200 O\0K\r\n\r\n"_ba, u"NUL byte in the status line"_s);
        row("missing colon in header", ok + "NoColonHere\r\n\r\n",
            u"malformed header line (no colon): \"NoColonHere\""_s);
        row("space before colon", ok + "Name : v\r\n\r\n", u"invalid header name \"Name \""_s);
        row("empty header name", ok + ": v\r\n\r\n", u"empty header name"_s);
        row("obsolete line folding", ok + "X-A: a\r\n  continued\r\n\r\n",
            u"obsolete line folding in the headers is not supported"_s);
        row("NUL in header name", ok + "X-\0: 1\r\n\r\n"_ba, u"NUL byte in the headers"_s);
        row("NUL in header value", ok + "X-A: 1\0\r\n\r\n"_ba, u"NUL byte in the headers"_s);
        row("stray CR in header", ok + "X-A: a\rb\r\n\r\n", u"stray CR in the headers"_s);
        row("header section over the limit", ok + "X-Big: " + QByteArray(70000, 'a') + "\r\n\r\n",
            u"header section larger than 65536 bytes"_s);
        row("header line that never ends", ok + "X-Big: " + QByteArray(70000, 'a'),
            u"header section larger than 65536 bytes"_s);
        row("many headers over a small limit", ok + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n",
            u"header section larger than 30 bytes"_s, false, 30);
        row("invalid chunk size", chunked + "zz\r\nhello\r\n0\r\n\r\n", u"invalid chunk size: \"zz\""_s);
        row("empty chunk size", chunked + "\r\n", u"invalid chunk size: \"\""_s);
        row("negative chunk size", chunked + "-5\r\nhello\r\n", u"invalid chunk size"_s);
        row("chunk size with junk", chunked + "5x\r\nhello\r\n", u"invalid chunk size: \"5x\""_s);
        row("chunk size overflow", chunked + "ffffffffffffffffffff\r\n",
            u"chunk size out of range: \"ffffffffffffffffffff\""_s);
        row("chunk size just over int64", chunked + "8000000000000000\r\n", u"chunk size out of range"_s);
        row("chunk size line too long", chunked + "5;" + QByteArray(5000, 'e') + "\r\nhello\r\n",
            u"chunk size line longer than 4096 bytes"_s);
        row("NUL in chunk extension", chunked + "5;a\0\r\nhello\r\n"_ba,
            u"NUL byte in the chunk size line"_s);
        row("missing CRLF after chunk data", chunked + "5\r\nhelloX\r\n0\r\n\r\n",
            u"missing CRLF after chunk data"_s);
        row("CR without LF after chunk data", chunked + "5\r\nhello\rX\r\n",
            u"missing CRLF after chunk data"_s);
        row("two CRs after chunk data", chunked + "5\r\nhello\r\r\n", u"missing CRLF after chunk data"_s);
        row("trailer without colon", chunked + "0\r\nbad trailer\r\n\r\n",
            u"malformed trailer line (no colon): \"bad trailer\""_s);
        row("trailer section over the limit", chunked + "0\r\nT: " + QByteArray(100, 't') + "\r\n\r\n",
            u"trailer section larger than 64 bytes"_s, false, 64);
        row("negative content-length", ok + "Content-Length: -1\r\n\r\n", u"invalid Content-Length \"-1\""_s);
        row("non-numeric content-length", ok + "Content-Length: abc\r\n\r\n",
            u"invalid Content-Length \"abc\""_s);
        row("content-length with a sign", ok + "Content-Length: +5\r\n\r\nhello",
            u"invalid Content-Length"_s);
        row("content-length in hex", ok + "Content-Length: 0x10\r\n\r\n", u"invalid Content-Length"_s);
        row("content-length with inner space", ok + "Content-Length: 1 2\r\n\r\n",
            u"invalid Content-Length"_s);
        row("empty content-length", ok + "Content-Length:\r\n\r\n", u"invalid Content-Length \"\""_s);
        row("content-length overflow", ok + "Content-Length: 99999999999999999999\r\n\r\n",
            u"invalid Content-Length"_s);
        row("conflicting content-length", ok + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            u"conflicting Content-Length values 3 and 4"_s);
        row("conflicting content-length list", ok + "Content-Length: 3, 4\r\n\r\nabcd",
            u"conflicting Content-Length values 3 and 4"_s);
        row("gzip transfer-encoding", ok + "Transfer-Encoding: gzip\r\n\r\n",
            u"unsupported Transfer-Encoding"_s);
        row("chunked not last", ok + "Transfer-Encoding: chunked, gzip\r\n\r\n",
            u"unsupported Transfer-Encoding \"chunked, gzip\""_s);
        row("chunked twice", ok + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            u"unsupported Transfer-Encoding \"chunked\""_s);
        row("nothing then finish", "", u"connection closed before a response arrived"_s, true);
        row("truncated status line then finish", "HTTP/1.1 20",
            u"connection closed before the headers were complete"_s, true);
        row("truncated headers then finish", ok + "Content-Le",
            u"connection closed before the headers were complete"_s, true);
        row("truncated body then finish", ok + "Content-Length: 10\r\n\r\nhello",
            u"connection closed before the body was complete (5 of 10 bytes)"_s, true);
        row("truncated chunk then finish", chunked + "a\r\nhello",
            u"connection closed in the middle of a chunk"_s, true);
        row("no last chunk then finish", chunked + "5\r\nhello\r\n",
            u"connection closed before the last chunk"_s, true);
        row("truncated trailers then finish", chunked + "0\r\nT: 1\r\n",
            u"connection closed in the trailers"_s, true);
        row("interim response only then finish", "HTTP/1.1 100 Continue\r\n\r\n",
            u"connection closed before a response arrived"_s, true);
    }
    void malformed()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, finish);
        QFETCH(qint64, maxHeaderBytes);
        QFETCH(QString, error);

        ParseOptions options;
        options.finish = finish;
        if (maxHeaderBytes > 0)
            options.limits.maxHeaderBytes = maxHeaderBytes;
        QString mismatch;
        const ParseResult r = dockpulse::test::parseEveryWay(input, options, mismatch);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(r.state, State::Error);
        QVERIFY2(r.error.contains(error), qPrintable(r.error));

        // Error is final: more bytes are refused and nothing changes, neither does finish().
        HttpResponseParser parser(options.limits);
        parser.feed(input);
        if (finish)
            parser.finish();
        QVERIFY(parser.hasError());
        const qint64 bodyBytes = parser.bodyBytes();
        QCOMPARE(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), 0);
        parser.finish();
        QCOMPARE(parser.state(), State::Error);
        QCOMPARE(parser.errorString(), r.error);
        QCOMPARE(parser.bodyBytes(), bodyBytes);
    }

    void headerLimitBoundary()
    {
        const QByteArray head = "HTTP/1.1 200 OK\r\nX-Pad: abcdef\r\nContent-Length: 1\r\n\r\n";
        ParseOptions options;
        options.limits.maxHeaderBytes = head.size();
        QString mismatch;
        ParseResult r = dockpulse::test::parseEveryWay(head + "!", options, mismatch);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(r.state, State::Complete);

        options.limits.maxHeaderBytes = head.size() - 1;
        r = dockpulse::test::parseEveryWay(head + "!", options, mismatch);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(r.error, u"header section larger than %1 bytes"_s.arg(head.size() - 1));

        // Trailers have a budget of their own, of the same size.
        const QByteArray trailers = "T: 12345\r\n\r\n";
        const QByteArray chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        options.limits.maxHeaderBytes = std::max(chunkedHead.size(), trailers.size());
        const QByteArray input = chunkedHead + "0\r\n" + trailers;
        r = dockpulse::test::parseEveryWay(input, options, mismatch);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(r.state, State::Complete);
        options.limits.maxHeaderBytes = trailers.size() - 1;
        HttpResponseParser parser(options.limits);
        parser.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"); // over budget too
        QCOMPARE(parser.errorString(), u"header section larger than %1 bytes"_s.arg(trailers.size() - 1));
    }

    void largeChunkedStreamIsDeliveredInBulk()
    {
        // 64 chunks of 1 MiB fed in 64 KiB reads, as a long log stream arrives.
        constexpr int kChunks = 64;
        constexpr qsizetype kChunkSize = 1 << 20;
        constexpr qsizetype kRead = 64 * 1024;
        QByteArray stream = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        const QByteArray data(kChunkSize, 'L');
        for (int i = 0; i < kChunks; ++i)
            stream += QByteArray::number(kChunkSize, 16) + "\r\n" + data + "\r\n";
        stream += "0\r\n\r\n";

        HttpResponseParser parser;
        qint64 delivered = 0;
        int calls = 0;
        parser.setBodyHandler([&](QByteArrayView view) {
            delivered += view.size();
            ++calls;
        });
        QElapsedTimer timer;
        timer.start();
        int reads = 0;
        for (qsizetype pos = 0; pos < stream.size(); pos += kRead, ++reads)
            QCOMPARE(parser.feed(QByteArrayView(stream).sliced(pos, std::min(kRead, stream.size() - pos))),
                     std::min(kRead, stream.size() - pos));
        qInfo("%lld MiB in %lld us", qint64(kChunks), timer.nsecsElapsed() / 1000);
        QVERIFY(parser.isComplete());
        QCOMPARE(delivered, qint64(kChunks) * kChunkSize);
        QCOMPARE(parser.bodyBytes(), delivered);
        QVERIFY(parser.body().isEmpty());
        // At most one piece per read and per chunk: never byte by byte.
        QVERIFY2(calls <= reads + kChunks, qPrintable(QString::number(calls)));
    }

    void randomDamageNeverHangsOrCrashes()
    {
        // A fixed-seed stand-in for the fuzzer: mutated captures and noise, fed in random pieces.
        QRandomGenerator random(20261129);
        QList<QByteArray> seeds;
        for (const QString& name : {u"ping"_s, u"version"_s, u"container-inspect"_s, u"logs"_s})
            seeds.append(capture(name));
        seeds.append(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n0\r\nT: 1\r\n\r\n");
        HttpResponseParser::Limits limits;
        limits.maxHeaderBytes = 512;
        limits.maxChunkSizeLine = 64;
        for (int round = 0; round < 3000; ++round) {
            QByteArray input = seeds.at(random.bounded(int(seeds.size())));
            const int damage = random.bounded(1, 8);
            for (int d = 0; d < damage && !input.isEmpty(); ++d) {
                const auto at = qsizetype(random.bounded(int(input.size())));
                switch (random.bounded(4)) {
                case 0:
                    input[at] = char(random.bounded(256));
                    break;
                case 1:
                    input.insert(at, "\r\n:;0f\0 "[random.bounded(8)]);
                    break;
                case 2:
                    input.truncate(at);
                    break;
                default:
                    input.remove(at, random.bounded(1, 16));
                    break;
                }
            }
            HttpResponseParser parser(round % 2 ? limits : HttpResponseParser::Limits());
            qsizetype pos = 0;
            while (pos < input.size()) {
                const qsizetype piece = std::min<qsizetype>(random.bounded(1, 300), input.size() - pos);
                const qsizetype used = parser.feed(QByteArrayView(input).sliced(pos, piece));
                QVERIFY(used >= 0 && used <= piece);
                pos += piece;
            }
            parser.finish();
            // After the peer closes, a parser is either done or has said why not.
            QVERIFY(parser.isComplete() || (parser.hasError() && !parser.errorString().isEmpty()));
        }
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
