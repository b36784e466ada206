// --metrics-listen end to end: the real program monitors a real container, a real Prometheus
// (Debian's prometheus, started here on a loopback port with its own data folder) scrapes it and
// answers dockpulse_task_heartbeat_age_seconds for that task through its query API; promtool
// lints what /metrics serves; /healthz reads 200 while the task beats and 503, naming the task,
// once it times out.
#include "HeadlessRun.h"
#include "TestEngine.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::test::HeadlessRun;
using dockpulse::test::RemovedAtEnd;
using dockpulse::test::TestEngine;

namespace {

struct HttpAnswer
{
    int status = -1;
    QByteArray head; // status line and headers
    QByteArray body;
};

// One request on its own connection, read until the server closes it (the test may block).
HttpAnswer http(quint16 port, const QByteArray& method, const QByteArray& target,
                const QByteArray& accept = {})
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!socket.waitForConnected(5000))
        return {};
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!accept.isEmpty())
        request += "Accept: " + accept + "\r\n";
    socket.write(request + "Connection: close\r\n\r\n");
    QByteArray all;
    QDeadlineTimer deadline(15000);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(200);
        all += socket.readAll();
    }
    all += socket.readAll();
    HttpAnswer answer;
    const qsizetype end = all.indexOf("\r\n\r\n");
    if (end < 0)
        return answer;
    answer.head = all.left(end);
    answer.body = all.mid(end + 4);
    const QList<QByteArray> statusLine = answer.head.left(answer.head.indexOf("\r\n")).split(' ');
    answer.status = statusLine.size() >= 2 ? statusLine[1].toInt() : -1;
    return answer;
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Where the run serves, from its stderr: "serving /metrics and /healthz on http://127.0.0.1:PORT".
quint16 servedPort(HeadlessRun& run)
{
    if (!run.waitForStderr("serving /metrics and /healthz on http://", 30000))
        return 0;
    static const QRegularExpression re(u"on http://127\\.0\\.0\\.1:(\\d+)"_s);
    return quint16(re.match(QString::fromUtf8(run.stderrText())).captured(1).toUInt());
}

// A program the test needs: found, or the test skips (fails under CI=true, where .ci/run
// installs it).
#define REQUIRE_PROGRAM(name, path)                                                                          \
    const QString path = QStandardPaths::findExecutable(QStringLiteral(name));                               \
    do {                                                                                                     \
        if (path.isEmpty()) {                                                                                \
            if (TestEngine::inCi())                                                                          \
                QFAIL("CI=true but " name                                                                    \
                      " is missing: apt-get install prometheus (scripts/install-deps.sh)");                  \
            QSKIP(name " is not installed (apt-get install prometheus)");                                    \
        }                                                                                                    \
    } while (false)

// A Prometheus of its own: loopback port, data folder, scraping 127.0.0.1:target every second.
class Prometheus
{
public:
    bool start(const QString& program, quint16 target)
    {
        m_port = freeLoopbackPort();
        QFile config(m_dir.filePath(u"prometheus.yml"_s));
        if (!config.open(QIODevice::WriteOnly))
            return false;
        config.write("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                     "scrape_configs:\n  - job_name: dockpulse\n    static_configs:\n"
                     "      - targets: ['127.0.0.1:" +
                     QByteArray::number(target) + "']\n");
        config.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(m_dir.filePath(u"prometheus.log"_s));
        m_process.start(program, {u"--config.file="_s + config.fileName(),
                                  u"--storage.tsdb.path="_s + m_dir.filePath(u"data"_s),
                                  u"--web.listen-address=127.0.0.1:"_s + QString::number(m_port)});
        return m_process.waitForStarted(10000);
    }
    ~Prometheus()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(15000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }
    // GET /api/v1/<path>: its "data", or an empty object.
    QJsonObject api(const QByteArray& pathAndQuery) const
    {
        const HttpAnswer a = http(m_port, "GET", "/api/v1/" + pathAndQuery);
        return QJsonDocument::fromJson(a.body).object().value(u"data"_s).toObject();
    }
    bool running() const { return m_process.state() == QProcess::Running; }
    QByteArray log() const
    {
        QFile f(m_dir.filePath(u"prometheus.log"_s));
        return f.open(QIODevice::ReadOnly) ? f.readAll().right(4000) : QByteArray();
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace

class TestMetricsEndpoint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void prometheusScrapesTheHeartbeatAge()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        REQUIRE_PROGRAM("prometheus", prometheus);
        REQUIRE_PROGRAM("promtool", promtool);
        const QString name = TestEngine::uniqueName(u"scraped"_s);
        RemovedAtEnd removed{name};
        QVERIFY(!TestEngine::runContainer(name, TestEngine::countingScript(u"n"_s, u"0.1"_s)).isEmpty());
        HeadlessRun run;
        QVERIFY(run.start(HeadlessRun::compressedTimings() +
                          QStringList{u"-m"_s, name, u"--metrics-listen"_s, u"0"_s}));
        const quint16 port = servedPort(run);
        QVERIFY2(port != 0, run.stderrText().constData());

        // OpenMetrics by default, with the task's series once it is monitored.
        const QByteArray series = "dockpulse_task_heartbeat_age_seconds{host=\"" +
                                  TestEngine::hostUrl().toUtf8() + "\",container=\"" + name.toUtf8() + "\"} ";
        HttpAnswer metrics;
        QTRY_VERIFY_WITH_TIMEOUT((metrics = http(port, "GET", "/metrics")).body.contains(series), 30000);
        QCOMPARE(metrics.status, 200);
        QVERIFY2(metrics.head.contains(
                     "\r\nContent-Type: application/openmetrics-text; version=1.0.0; charset=utf-8"),
                 metrics.head.constData());
        QVERIFY(metrics.body.endsWith("\n# EOF\n"));
        QVERIFY(metrics.body.contains("\n# TYPE dockpulse_task_lines counter\n"));

        // promtool lints the text format a client asking for text/plain gets.
        const HttpAnswer plain = http(port, "GET", "/metrics", "text/plain; version=0.0.4");
        QCOMPARE(plain.status, 200);
        QVERIFY(plain.body.contains(series));
        QProcess lint;
        lint.setProcessChannelMode(QProcess::MergedChannels);
        lint.start(promtool, {u"check"_s, u"metrics"_s});
        QVERIFY(lint.waitForStarted(10000));
        lint.write(plain.body);
        lint.closeWriteChannel();
        QVERIFY(lint.waitForFinished(30000));
        const QByteArray lintSaid = lint.readAll();
        qInfo("promtool check metrics: exit %d, %s", lint.exitCode(),
              lintSaid.isEmpty() ? "no findings" : lintSaid.constData());
        QVERIFY2(lint.exitCode() == 0 && lintSaid.isEmpty(), lintSaid.constData());

        // A real Prometheus scrapes the OpenMetrics text and answers the series by its query API.
        Prometheus server;
        QVERIFY(server.start(prometheus, port));
        QJsonArray result;
        QDeadlineTimer deadline(120000);
        while (!deadline.hasExpired() && server.running()) {
            const QJsonArray all =
                server.api("query?query=dockpulse_task_heartbeat_age_seconds").value(u"result"_s).toArray();
            result = {};
            for (const QJsonValue& r : all)
                if (r[u"metric"_s][u"container"_s].toString() == name)
                    result.append(r);
            if (!result.isEmpty())
                break;
            QTest::qWait(500);
        }
        const QJsonArray targets = server.api("targets").value(u"activeTargets"_s).toArray();
        const QByteArray targetsText = QJsonDocument(targets).toJson(QJsonDocument::Compact);
        QVERIFY2(result.size() == 1, QByteArray(targetsText + "\n" + server.log()).constData());
        const QJsonObject labels = result[0][u"metric"_s].toObject();
        QCOMPARE(labels.value(u"host"_s).toString(), TestEngine::hostUrl());
        QCOMPARE(labels.value(u"job"_s).toString(), u"dockpulse"_s);
        bool number = false;
        const double age = result[0][u"value"_s][1].toString().toDouble(&number);
        QVERIFY2(number && age >= 0, qPrintable(result[0][u"value"_s][1].toString()));
        // It scraped us as OpenMetrics, without an error.
        QCOMPARE(targets.size(), 1);
        QCOMPARE(targets[0][u"health"_s].toString(), u"up"_s);
        QCOMPARE(targets[0][u"lastError"_s].toString(), QString());

        QVERIFY(run.terminate());
        QCOMPARE(run.exitCode(), 0);
    }

    void healthzTurns503WhenTheTaskTimesOut()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"health"_s);
        RemovedAtEnd removed{name};
        QVERIFY(!TestEngine::runContainer(name, TestEngine::countingScript(u"n"_s, u"0.1"_s)).isEmpty());
        HeadlessRun run;
        // No heartbeats at all: the task times out after --task-timeout (8 s here, so that the
        // 200 before it is read well within it), found by a cleanup every 500 ms.
        QVERIFY(run.start(HeadlessRun::compressedTimings() +
                          QStringList{u"--strategy"_s, u"none"_s, u"--task-timeout"_s, u"8000"_s,
                                      u"--cleanup-every"_s, u"500"_s, u"-m"_s, name, u"--metrics-listen"_s,
                                      u"0"_s}));
        const quint16 port = servedPort(run);
        QVERIFY2(port != 0, run.stderrText().constData());
        const QByteArray streaming = "container=\"" + name.toUtf8() + "\",state=\"streaming\"} 1\n";
        QTRY_VERIFY_WITH_TIMEOUT(http(port, "GET", "/metrics").body.contains(streaming), 30000);
        const HttpAnswer healthy = http(port, "GET", "/healthz");
        QCOMPARE(healthy.status, 200);
        QCOMPARE(healthy.body, QByteArray("ok\n"));

        // Other paths and methods.
        QCOMPARE(http(port, "GET", "/").status, 404);
        QCOMPARE(http(port, "GET", "/metricsx").status, 404);
        const HttpAnswer post = http(port, "POST", "/metrics");
        QCOMPARE(post.status, 405);
        QVERIFY(post.head.contains("\r\nAllow: GET"));
        QCOMPARE(http(port, "GET", "/metrics?name[]=x").status, 200);

        HttpAnswer unhealthy;
        QTRY_VERIFY_WITH_TIMEOUT((unhealthy = http(port, "GET", "/healthz")).body.contains("timed out"),
                                 60000);
        QCOMPARE(unhealthy.status, 503);
        QVERIFY2(unhealthy.body.contains(name.toUtf8()), unhealthy.body.constData());
        QVERIFY2(unhealthy.body.contains("(task timeout 8000 ms)"), unhealthy.body.constData());
        const QByteArray timedOut = "container=\"" + name.toUtf8() + "\",state=\"timed_out\"} 1\n";
        QVERIFY(http(port, "GET", "/metrics").body.contains(timedOut));

        QVERIFY(run.terminate());
        QCOMPARE(run.exitCode(), 0);
    }

    // An address that cannot be listened on ends the run before monitoring: exit 2, naming it.
    void portInUseExits2()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        HeadlessRun run;
        QVERIFY(run.run(
            {u"--metrics-listen"_s, QString::number(holder.serverPort()), u"--duration"_s, u"30"_s}, 30000));
        QCOMPARE(run.exitCode(), 2);
        const QByteArray said = "dockpulse: --metrics-listen: cannot listen on 127.0.0.1:" +
                                QByteArray::number(holder.serverPort()) + ": the address is in use";
        QVERIFY2(run.stderrText().contains(said), run.stderrText().constData());
    }
};

QTEST_GUILESS_MAIN(TestMetricsEndpoint)
#include "tst_metricsendpoint.moc"
