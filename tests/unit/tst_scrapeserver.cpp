// The HTTP side of --metrics-listen without an engine: the bounded request head, the
// [ADDR:]PORT value, the routes (404, 405, 400, 431, content negotiation) and the server on a
// loopback port answering a request that arrives in pieces.
#include "ListenAddress.h"
#include "ScrapeRoutes.h"
#include "ScrapeServer.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse::metrics;
using Status = HttpRequestHead::Status;

namespace {
dockpulse::telemetry::ScrapeSnapshot fixedScrape()
{
    dockpulse::telemetry::ScrapeSnapshot s;
    s.sample.readers = 3;
    s.taskTimeoutMs = 3000;
    s.engines = {{u"unix:///x.sock"_s, true, {}}};
    return s;
}

HttpRequestHead headOf(const QByteArray& bytes)
{
    HttpRequestHead head;
    head.feed(bytes);
    return head;
}

// What the server answers to `request`, written in pieces of `piece` bytes with a pause between.
QByteArray exchange(quint16 port, const QByteArray& request, qsizetype piece)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!socket.waitForConnected(5000))
        return {};
    for (qsizetype at = 0; at < request.size(); at += piece) {
        socket.write(request.mid(at, piece));
        socket.waitForBytesWritten(1000);
        QTest::qWait(5);
    }
    QByteArray all;
    QDeadlineTimer deadline(10000);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(100);
        all += socket.readAll();
    }
    return all + socket.readAll();
}
} // namespace

class TestScrapeServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestHead_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("GET /metrics") << QByteArray("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
                                      << int(Status::Complete) << QByteArray("/metrics");
        QTest::newRow("query string") << QByteArray("GET /metrics?a=1 HTTP/1.1\r\n\r\n")
                                      << int(Status::Complete) << QByteArray("/metrics");
        QTest::newRow("HTTP/1.0, bare LF")
            << QByteArray("GET /healthz HTTP/1.0\n\n") << int(Status::Complete) << QByteArray("/healthz");
        QTest::newRow("no end yet") << QByteArray("GET /metrics HTTP/1.1\r\nHost: x\r\n")
                                    << int(Status::Incomplete) << QByteArray();
        QTest::newRow("HTTP/2 preface")
            << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << int(Status::Malformed) << QByteArray();
        QTest::newRow("not HTTP") << QByteArray("hello\r\n\r\n") << int(Status::Malformed) << QByteArray();
        QTest::newRow("absolute target")
            << QByteArray("GET http://x/metrics HTTP/1.1\r\n\r\n") << int(Status::Malformed) << QByteArray();
        QTest::newRow("header without colon")
            << QByteArray("GET / HTTP/1.1\r\nnonsense\r\n\r\n") << int(Status::Malformed) << QByteArray();
        QTest::newRow("head too large") << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n")
                                        << int(Status::TooLarge) << QByteArray();
    }
    void requestHead()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        QFETCH(QByteArray, path);
        const HttpRequestHead head = headOf(bytes);
        QCOMPARE(int(head.status()), status);
        if (status == int(Status::Complete))
            QCOMPARE(head.path(), path);
    }

    // Byte by byte, and never more than the bound kept however much arrives.
    void requestHeadInPiecesAndBounded()
    {
        HttpRequestHead head(64);
        const QByteArray request = "GET /metrics HTTP/1.1\r\nAccept: text/plain\r\naccept: x\r\n\r\n";
        for (const char c : request.first(request.size() - 1))
            QCOMPARE(head.feed(QByteArrayView(&c, 1)), Status::Incomplete);
        QCOMPARE(head.feed("\n"), Status::Complete);
        QCOMPARE(head.header("ACCEPT"), QByteArray("text/plain, x"));
        HttpRequestHead endless(64);
        for (int i = 0; i < 1000 && endless.status() == Status::Incomplete; ++i)
            endless.feed(QByteArray(100, 'x'));
        QCOMPARE(endless.status(), Status::TooLarge);
    }

    void listenAddress_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("display"); // empty: an error
        QTest::addColumn<bool>("loopback");
        QTest::newRow("port only") << u"9464"_s << u"127.0.0.1:9464"_s << true;
        QTest::newRow("port 0") << u"0"_s << u"127.0.0.1:0"_s << true;
        QTest::newRow("IPv4") << u"192.168.1.5:9464"_s << u"192.168.1.5:9464"_s << false;
        QTest::newRow("any") << u"0.0.0.0:9464"_s << u"0.0.0.0:9464"_s << false;
        QTest::newRow("IPv6 loopback") << u"[::1]:9464"_s << u"[::1]:9464"_s << true;
        QTest::newRow("IPv6 any") << u"[::]:9464"_s << u"[::]:9464"_s << false;
        QTest::newRow("localhost") << u"localhost:9464"_s << u"127.0.0.1:9464"_s << true;
        QTest::newRow("empty address") << u":9464"_s << QString() << false;
        QTest::newRow("IPv6 without brackets") << u"::1:9464"_s << QString() << false;
        QTest::newRow("IPv4 in brackets") << u"[127.0.0.1]:9464"_s << QString() << false;
        QTest::newRow("port too big") << u"65536"_s << QString() << false;
        QTest::newRow("no port") << u"127.0.0.1:"_s << QString() << false;
        QTest::newRow("host name") << u"example.org:9464"_s << QString() << false;
        QTest::newRow("negative") << u"-1"_s << QString() << false;
        QTest::newRow("empty") << QString() << QString() << false;
    }
    void listenAddress()
    {
        QFETCH(QString, text);
        QFETCH(QString, display);
        QFETCH(bool, loopback);
        const auto parsed = ListenAddress::parse(text);
        QCOMPARE(bool(parsed), !display.isEmpty());
        if (parsed) {
            QCOMPARE(parsed->display(), display);
            QCOMPARE(parsed->isLoopback(), loopback);
        } else {
            QVERIFY2(parsed.error().contains(u'"' + text + u'"'), qPrintable(parsed.error()));
        }
    }

    void routes_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        const QByteArray om = "application/openmetrics-text; version=1.0.0; charset=utf-8";
        const QByteArray plain = "text/plain; charset=utf-8";
        QTest::newRow("metrics") << QByteArray("GET /metrics HTTP/1.1\r\n\r\n") << 200 << om;
        QTest::newRow("what Prometheus asks")
            << QByteArray("GET /metrics HTTP/1.1\r\nAccept: application/openmetrics-text;version=1.0.0,"
                          "text/plain;version=0.0.4;q=0.5,*/*;q=0.1\r\n\r\n")
            << 200 << om;
        QTest::newRow("text/plain only") << QByteArray("GET /metrics HTTP/1.1\r\nAccept: text/plain\r\n\r\n")
                                         << 200 << QByteArray("text/plain; version=0.0.4; charset=utf-8");
        QTest::newRow("healthz") << QByteArray("GET /healthz HTTP/1.1\r\n\r\n") << 200 << plain;
        QTest::newRow("root") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 404 << plain;
        QTest::newRow("POST /metrics") << QByteArray("POST /metrics HTTP/1.1\r\n\r\n") << 405 << plain;
        QTest::newRow("HEAD /healthz") << QByteArray("HEAD /healthz HTTP/1.1\r\n\r\n") << 405 << plain;
        QTest::newRow("DELETE elsewhere") << QByteArray("DELETE /x HTTP/1.1\r\n\r\n") << 404 << plain;
        QTest::newRow("malformed") << QByteArray("GET\r\n\r\n") << 400 << plain;
        QTest::newRow("too large") << QByteArray("GET /" + QByteArray(9000, 'a')) << 431 << plain;
    }
    void routes()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        bool scraped = false;
        const HttpReply reply = scrapeReply(headOf(request), [&scraped] {
            scraped = true;
            return fixedScrape();
        });
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.contentType, contentType);
        QCOMPARE(scraped, status == 200); // nothing is gathered for a request that is refused
        if (status == 405)
            QCOMPARE(reply.headers.value(0).first, QByteArray("Allow"));
        const QByteArray bytes = reply.bytes();
        QVERIFY(bytes.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + ' ')));
        QVERIFY(bytes.contains(
            QByteArray("\r\nContent-Length: " + QByteArray::number(reply.body.size()) + "\r\n")));
        QVERIFY(bytes.contains("\r\nConnection: close\r\n\r\n"));
    }

    void healthzSaysWhy()
    {
        dockpulse::telemetry::ScrapeSnapshot down = fixedScrape();
        down.engines[0].up = false;
        down.engines[0].problem = u"reconnecting"_s;
        const HttpReply reply =
            scrapeReply(headOf("GET /healthz HTTP/1.1\r\n\r\n"), [&down] { return down; });
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.body, QByteArray("engine unix:///x.sock does not answer: reconnecting\n"));
    }

    // The real server on a loopback port: a request in pieces, one past the bound, one that is
    // never finished (the server goes on answering others meanwhile).
    void serverOnLoopback()
    {
        ScrapeServer server([](const HttpRequestHead& head) { return scrapeReply(head, fixedScrape); });
        QCOMPARE(server.listen(*ListenAddress::parse(u"0"_s)), QString());
        const quint16 port = server.address().port;
        QVERIFY(port != 0);
        QTcpSocket idle; // connects and says nothing
        idle.connectToHost(u"127.0.0.1"_s, port);
        QVERIFY(idle.waitForConnected(5000));

        const QByteArray answer = exchange(port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", 3);
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
        QVERIFY(answer.contains("\r\n\r\n# HELP dockpulse_readers "));
        QVERIFY(answer.contains("\ndockpulse_readers 3\n"));
        QVERIFY(answer.endsWith("# EOF\n"));
        QVERIFY(exchange(port, "GET /nothing HTTP/1.1\r\n\r\n", 1000).startsWith("HTTP/1.1 404 "));
        QVERIFY(exchange(port, "GET /" + QByteArray(20000, 'a'), 4096)
                    .startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        QTRY_COMPARE(server.openConnections(), 1); // the idle one
        idle.abort();
        QTRY_COMPARE(server.openConnections(), 0);
    }

    void portInUse()
    {
        ScrapeServer first([](const HttpRequestHead&) { return HttpReply{}; });
        QCOMPARE(first.listen(*ListenAddress::parse(u"0"_s)), QString());
        ScrapeServer second([](const HttpRequestHead&) { return HttpReply{}; });
        const ListenAddress taken = first.address();
        QCOMPARE(second.listen(taken),
                 u"cannot listen on 127.0.0.1:%1: the address is in use (another program "
                 u"listens on port %1 there)"_s.arg(taken.port));
    }
};

QTEST_GUILESS_MAIN(TestScrapeServer)
#include "tst_scrapeserver.moc"
