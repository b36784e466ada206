#include "DockerClient.h"
#include "EngineCall.h"
#include "EventStreamParser.h"
#include "LogFrameDecoder.h"
#include "LogLineAssembler.h"
#include "LogTimestamp.h"
#include "TestEngine.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;
using dockpulse::test::awaitCall;
using dockpulse::test::TestEngine;

namespace {

struct ReadLine
{
    qint64 ts;
    LogStreamKind stream;
    QByteArray text;
};

class Collector : public LogMessageSink
{
public:
    explicit Collector(bool tty) : assembler(tty) {}
    void onLogMessage(const LogMessage& m) override { assembler.add(m, batch); }
    void onDaemonError(QByteArrayView m) override { daemonErrors.append(m.toByteArray()); }
    LogLineAssembler assembler;
    LogBatch batch;
    QList<QByteArray> daemonErrors;
};

// Reads a container's whole log (no follow) the way the monitor does: HTTP, frames, lines.
QList<ReadLine> readLogs(DockerClient& client, const QString& id, bool tty, QString* error,
                         LogRequest request = {})
{
    LogFrameDecoder decoder(tty ? LogFrameDecoder::Framing::Raw : LogFrameDecoder::Framing::Multiplexed);
    Collector collector(tty);
    request.follow = false;
    HttpExchange* exchange = client.logs(id, request, &client);
    exchange->setBodyHandler([&](QByteArrayView bytes) { decoder.feed(bytes, collector); });
    bool done = false;
    QObject::connect(exchange, &HttpExchange::finished, [&] { done = true; });
    exchange->start();
    QDeadlineTimer deadline(30000);
    while (!done && !deadline.hasExpired())
        QTest::qWait(5);
    if (!done) {
        *error = u"logs did not finish"_s;
        return {};
    }
    if (!exchange->succeeded()) {
        *error = exchange->error().toString();
        return {};
    }
    if (!decoder.finish(collector)) {
        *error = decoder.errorString();
        return {};
    }
    collector.assembler.flush(collector.batch);
    QList<ReadLine> out;
    for (qsizetype i = 0; i < collector.batch.size(); ++i)
        out.append({collector.batch.entry(i).timestampNs, collector.batch.entry(i).stream,
                    collector.batch.text(i).toByteArray()});
    exchange->deleteLater();
    return out;
}

// `docker logs -t` prints each 16 KiB part of a long line with its own copy of the timestamp;
// dockpulse rejoins the parts, so the reference drops those repeats.
QByteArray withoutRepeatedTimestamp(const QByteArray& line)
{
    const qsizetype space = line.indexOf(' ');
    if (space < 0)
        return line;
    const QByteArray prefix = line.left(space + 1);
    return prefix + line.mid(prefix.size()).replace(prefix, QByteArray());
}

// `docker logs -t` of one stream, as "<timestamp> <text>" lines (the reference we must match).
QList<QByteArray> dockerLogsLines(const QString& name, bool stderrStream)
{
    const auto r = TestEngine::docker({u"logs"_s, u"-t"_s, name});
    QByteArray text = stderrStream ? r.err : r.out;
    QList<QByteArray> lines = text.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    for (QByteArray& line : lines)
        line = withoutRepeatedTimestamp(line);
    return lines;
}

QByteArray asDockerLogsLine(const ReadLine& line, bool tty)
{
    return formatRfc3339Nanos(line.ts) + ' ' + line.text + (tty ? "\r" : "");
}

Endpoint testEndpoint()
{
    auto e = parseEndpoint(TestEngine::hostUrl());
    return e ? *e : Endpoint{};
}

} // namespace

class TestDockerClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void negotiatesApiVersion()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        DockerClient client(testEndpoint());
        QVERIFY(!client.apiVersion());
        auto r = awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); });
        QVERIFY(r);
        QVERIFY2(r->hasValue(), qPrintable(dockpulse::test::errorOf(*r)));
        const ApiVersion daemon = r->value().daemonApiVersion;
        QVERIFY(daemon >= ApiVersion({1, 41}));
        QCOMPARE(client.apiVersion(), ApiVersion::negotiate(daemon));
        QVERIFY(*client.apiVersion() <= ApiVersion::ours());
        QCOMPARE(r->value().osType, u"linux"_s);
    }

    void versionReportsEngine()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        DockerClient client(testEndpoint());
        QVERIFY(awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); }));
        auto r = awaitCall<EngineVersion>([&](auto cb) { client.version(cb); });
        QVERIFY(r && r->hasValue());
        const QString cliVersion = QString::fromUtf8(
            TestEngine::docker({u"version"_s, u"--format"_s, u"{{.Server.Version}}"_s}).out.trimmed());
        QCOMPARE(r->value().version, cliVersion);
        QVERIFY(!r->value().apiVersion.isEmpty());
    }

    void listFindsStartedContainer()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"list"_s);
        const QString id = TestEngine::runContainer(name, u"sleep 60"_s, {u"--label"_s, u"dp.test=yes"_s});
        QVERIFY(!id.isEmpty());
        DockerClient client(testEndpoint());
        QVERIFY(awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); }));
        auto r = awaitCall<QList<ContainerSummary>>([&](auto cb) { client.listContainers(cb); });
        QVERIFY(r && r->hasValue());
        const auto it = std::find_if(r->value().begin(), r->value().end(),
                                     [&](const ContainerSummary& c) { return c.id == id; });
        QVERIFY(it != r->value().end());
        QCOMPARE(it->name(), name);
        QCOMPARE(it->state, u"running"_s);
        QCOMPARE(it->image, QString::fromLatin1(TestEngine::kImage));
        QVERIFY(it->status.startsWith(u"Up"_s));
        QCOMPARE(it->labels.value(u"dp.test"_s), u"yes"_s);
        QVERIFY(it->createdSecs > 1600000000);
        TestEngine::removeContainer(name);
    }

    void inspectTellsTtyFromNonTty_data()
    {
        QTest::addColumn<bool>("tty");
        QTest::newRow("plain") << false;
        QTest::newRow("tty") << true;
    }
    void inspectTellsTtyFromNonTty()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        QFETCH(bool, tty);
        const QString name = TestEngine::uniqueName(tty ? u"tty"_s : u"plain"_s);
        const QString id =
            TestEngine::runContainer(name, u"sleep 60"_s, tty ? QStringList{u"-t"_s} : QStringList{});
        QVERIFY(!id.isEmpty());
        DockerClient client(testEndpoint());
        QVERIFY(awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); }));
        auto r = awaitCall<ContainerDetails>([&](auto cb) { client.inspectContainer(name, cb); });
        QVERIFY(r && r->hasValue());
        const ContainerDetails& d = r->value();
        QCOMPARE(d.id, id);
        QCOMPARE(d.name, name);
        QCOMPARE(d.tty, tty);
        QVERIFY(d.running);
        QCOMPARE(d.status, u"running"_s);
        QVERIFY(d.startedAtNs > 0);
        QCOMPARE(d.finishedAtNs, qint64(0));
        QCOMPARE(d.restartCount, 0);
        QCOMPARE(d.logDriver, u"json-file"_s);
        TestEngine::removeContainer(name);
    }

    void logsMatchDockerLogs_data()
    {
        QTest::addColumn<bool>("tty");
        QTest::newRow("multiplexed") << false;
        QTest::newRow("tty raw") << true;
    }
    void logsMatchDockerLogs()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        QFETCH(bool, tty);
        const QString name = TestEngine::uniqueName(tty ? u"ttylogs"_s : u"logs"_s);
        // Known stdout and stderr lines, a 40,000-byte line (three 16 KiB parts), invalid UTF-8,
        // and a last line without a newline.
        const QString script = u"i=0; while [ $i -lt 50 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done; "
                               u"head -c 40000 /dev/zero | tr '\\0' x; echo; printf 'bad\\377\\376utf8\\n'; "
                               u"printf 'no newline'"_s;
        QVERIFY(
            !TestEngine::runContainer(name, script, tty ? QStringList{u"-t"_s} : QStringList{}).isEmpty());
        QVERIFY(TestEngine::waitExited(name));

        DockerClient client(testEndpoint());
        QVERIFY(awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); }));
        QString error;
        const QList<ReadLine> lines = readLogs(client, name, tty, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        QList<QByteArray> outLines;
        QList<QByteArray> errLines;
        for (const ReadLine& l : lines)
            (l.stream == LogStreamKind::Stdout ? outLines : errLines).append(asDockerLogsLine(l, tty));
        // docker logs prints the last line without a newline too: its split sees it as a line.
        const QList<QByteArray> expectedOut = dockerLogsLines(name, false);
        const QList<QByteArray> expectedErr = dockerLogsLines(name, true);
        if (tty) {
            // A TTY has one stream: the engine reports all of it as stdout.
            QCOMPARE(errLines.size(), 0);
            QCOMPARE(expectedErr.size(), 0);
            QCOMPARE(lines.size(), 50 * 2 + 3);
        } else {
            QCOMPARE(outLines.size(), 50 + 3);
            QCOMPARE(errLines.size(), 50);
        }
        // The unterminated last line: docker logs shows it without "\r".
        if (tty)
            outLines.last().chop(1);
        QCOMPARE(outLines, expectedOut);
        QCOMPARE(errLines, expectedErr);

        const auto longLine =
            std::find_if(lines.begin(), lines.end(), [](const ReadLine& l) { return l.text.size() > 100; });
        QVERIFY(longLine != lines.end());
        QCOMPARE(longLine->text, QByteArray(40000, 'x'));
        // Pinned engine behaviour: json-file stores JSON strings, so each invalid byte comes back
        // as U+FFFD; what the engine sends is what we keep.
        QVERIFY(std::any_of(lines.begin(), lines.end(),
                            [](const ReadLine& l) { return l.text == "bad\xEF\xBF\xBD\xEF\xBF\xBDutf8"; }));
        QCOMPARE(lines.last().text, QByteArray("no newline"));
        TestEngine::removeContainer(name);
    }

    // Pins the engine behaviour the lossless cursor is built on: since is inclusive, to the
    // nanosecond.
    void sinceIsInclusive()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"since"_s);
        QVERIFY(!TestEngine::runContainer(name, u"for i in 1 2 3 4 5; do echo line$i; done"_s).isEmpty());
        QVERIFY(TestEngine::waitExited(name));
        DockerClient client(testEndpoint());
        QVERIFY(awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); }));
        QString error;
        const QList<ReadLine> all = readLogs(client, name, false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(all.size(), 5);

        for (qint64 delta : {0, 1}) {
            LogFrameDecoder decoder(LogFrameDecoder::Framing::Multiplexed);
            Collector collector(false);
            LogRequest request;
            request.follow = false;
            request.sinceNs = all[2].ts + delta;
            HttpExchange* exchange = client.logs(name, request, &client);
            exchange->setBodyHandler([&](QByteArrayView b) { decoder.feed(b, collector); });
            QSignalSpy finished(exchange, &HttpExchange::finished);
            exchange->start();
            QVERIFY(finished.wait(30000));
            QVERIFY(exchange->succeeded());
            QCOMPARE(collector.batch.size(), delta == 0 ? 3 : 2);
            QCOMPARE(collector.batch.text(0).toByteArray(),
                     delta == 0 ? QByteArray("line3") : QByteArray("line4"));
        }
        TestEngine::removeContainer(name);
    }

    // Pins what the cursor's tail windows rely on (TailWindow): the engine takes the last `tail`
    // lines of the log first and filters those by `since`; it does not take the last `tail` of the
    // lines at or after `since`. Told apart only by a log whose times are out of file order (as
    // stdout and stderr can be), so the test writes the container's json-file log itself:
    //   file order:  L1 +10ms, L2 +30ms, L3 +20ms, L4 +40ms, L5 +50ms;   since +25ms, tail 3
    //   tail first:  L3 L4 L5 -> L4 L5        since first:  L2 L4 L5 -> L2 L4 L5
    void tailIsAppliedBeforeSince()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"tailsince"_s);
        QVERIFY(!TestEngine::runContainer(name, u"for i in 1 2 3 4 5; do echo L$i; done"_s).isEmpty());
        QVERIFY(TestEngine::waitExited(name));
        const QString logPath = TestEngine::inspectField(name, u"{{.LogPath}}"_s).trimmed();
        if (!QFileInfo(logPath).isWritable()) {
            const QString why = u"the engine's log file \"%1\" is not writable here"_s.arg(logPath);
            if (TestEngine::inCi())
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why + u" (a remote engine, or not root)"_s));
        }
        DockerClient client(testEndpoint());
        QVERIFY(awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); }));
        QString error;
        const QList<ReadLine> written = readLogs(client, name, false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(written.size(), 5);

        const qint64 base = written.first().ts;
        constexpr qint64 kMs = 1'000'000;
        const qint64 offsets[] = {10 * kMs, 30 * kMs, 20 * kMs, 40 * kMs, 50 * kMs};
        QByteArray log;
        for (int i = 0; i < 5; ++i) {
            const QJsonObject entry{{u"log"_s, u"L%1\n"_s.arg(i + 1)},
                                    {u"stream"_s, u"stdout"_s},
                                    {u"time"_s, QString::fromLatin1(formatRfc3339Nanos(base + offsets[i]))}};
            log += QJsonDocument(entry).toJson(QJsonDocument::Compact) + '\n';
        }
        QFile file(logPath);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(log), log.size());
        file.close();

        const auto texts = [&](std::optional<qint64> sinceNs, qint64 tail) {
            LogRequest request;
            request.sinceNs = sinceNs;
            request.tail = tail;
            QStringList out;
            for (const ReadLine& l : readLogs(client, name, false, &error, request))
                out << QString::fromUtf8(l.text);
            return out;
        };
        // The rewritten log is what the engine serves, and since alone keeps the early-filed L2.
        QCOMPARE(texts(std::nullopt, -1), (QStringList{u"L1"_s, u"L2"_s, u"L3"_s, u"L4"_s, u"L5"_s}));
        QCOMPARE(texts(base + 25 * kMs, -1), (QStringList{u"L2"_s, u"L4"_s, u"L5"_s}));
        QCOMPARE(texts(std::nullopt, 3), (QStringList{u"L3"_s, u"L4"_s, u"L5"_s}));
        // Both together: tail first, then since.
        QCOMPARE(texts(base + 25 * kMs, 3), (QStringList{u"L4"_s, u"L5"_s}));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        TestEngine::removeContainer(name);
    }

    void eventsReportStartAndDie()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        DockerClient client(testEndpoint());
        QVERIFY(awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); }));
        EventStreamParser parser;
        EventStreamParser::Output out;
        HttpExchange* events = client.events(&client);
        events->setBodyHandler([&](QByteArrayView b) { parser.feed(b, out); });
        QSignalSpy headers(events, &HttpExchange::headersReceived);
        events->start();
        QVERIFY(headers.wait(10000));

        const QString name = TestEngine::uniqueName(u"events"_s);
        const QString id = TestEngine::runContainer(name, u"sleep 60"_s);
        QVERIFY(!id.isEmpty());
        TestEngine::docker({u"stop"_s, u"-t"_s, u"1"_s, name});
        const QString newName = name + u"-renamed"_s;
        TestEngine::docker({u"rename"_s, name, newName});
        TestEngine::removeContainer(newName);

        auto seen = [&](const QString& action) {
            return std::any_of(out.events.begin(), out.events.end(),
                               [&](const ContainerEvent& e) { return e.id == id && e.action == action; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(seen(u"destroy"_s), 20000);
        QVERIFY(seen(u"start"_s));
        QVERIFY(seen(u"die"_s));
        QVERIFY(seen(u"stop"_s));
        const auto rename = std::find_if(out.events.begin(), out.events.end(), [&](const ContainerEvent& e) {
            return e.id == id && e.action == u"rename"_s;
        });
        QVERIFY(rename != out.events.end());
        QCOMPARE(rename->name, newName);
        QCOMPARE(rename->oldName, name);
        const auto die = std::find_if(out.events.begin(), out.events.end(), [&](const ContainerEvent& e) {
            return e.id == id && e.action == u"die"_s;
        });
        QVERIFY(die->exitCode.has_value());
        QVERIFY(die->timeNs > 1600000000LL * 1000000000LL);
        QVERIFY(out.errors.isEmpty());
        QVERIFY(!events->isFinished());
        events->abort();
        QCOMPARE(events->error().kind, EngineError::Kind::Aborted);
    }

    void unknownContainerGivesDaemonMessage()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        DockerClient client(testEndpoint());
        QVERIFY(awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); }));
        auto r = awaitCall<ContainerDetails>(
            [&](auto cb) { client.inspectContainer(u"dp-no-such-container"_s, cb); });
        QVERIFY(r && !r->hasValue());
        QCOMPARE(r->error().kind, EngineError::Kind::Http);
        QCOMPARE(r->error().httpStatus, 404);
        QVERIFY2(r->error().message.contains(u"No such container: dp-no-such-container"_s),
                 qPrintable(r->error().message));

        // The same for a log stream.
        HttpExchange* logs = client.logs(u"dp-no-such-container"_s, {}, &client);
        QSignalSpy finished(logs, &HttpExchange::finished);
        logs->start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(logs->error().httpStatus, 404);
        QVERIFY(logs->error().message.contains(u"No such container"_s));
    }

    // Transport failures a user meets, each with its cause and remedy. No engine needed.
    void missingSocket()
    {
        QTemporaryDir dir;
        const auto r = negotiateAt(dir.path() + u"/docker.sock"_s);
        QCOMPARE(r.kind, EngineError::Kind::NoSocket);
        QVERIFY(r.toString().contains(u"no Docker socket at"_s));
        QVERIFY(r.toString().contains(u"Is Docker installed and running?"_s));
    }

    void refusedSocket()
    {
        // A socket file nobody listens on: what a crashed daemon leaves behind.
        QTemporaryDir dir;
        const QString path = dir.path() + u"/docker.sock"_s;
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        qstrncpy(addr.sun_path, QFile::encodeName(path).constData(), sizeof(addr.sun_path));
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
        ::close(fd);
        const auto r = negotiateAt(path);
        QCOMPARE(r.kind, EngineError::Kind::ConnectionRefused);
        QVERIFY(r.toString().contains(u"no engine is listening"_s));
    }

    void permissionDenied()
    {
        if (::geteuid() != 0)
            QSKIP("needs root, to open the socket as an unprivileged user");
        // A root-owned socket with mode 0600, opened as "nobody": the docker group situation.
        QTemporaryDir dir;
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                              QFile::ReadOther | QFile::ExeOther | QFile::ReadGroup |
                                              QFile::ExeGroup);
        QLocalServer server;
        server.setSocketOptions(QLocalServer::UserAccessOption);
        QVERIFY(server.listen(dir.path() + u"/docker.sock"_s));
        QCOMPARE(::seteuid(65534), 0);
        const auto r = negotiateAt(server.fullServerName());
        QCOMPARE(::seteuid(0), 0);
        QCOMPARE(r.kind, EngineError::Kind::PermissionDenied);
        QVERIFY(r.toString().contains(u"permission denied"_s));
        QVERIFY(r.toString().contains(u"docker' group"_s));
        QVERIFY(r.toString().contains(u"log out and in again"_s));
    }

private:
    static EngineError negotiateAt(const QString& socketPath)
    {
        Endpoint e;
        e.socketPath = socketPath;
        DockerClient client(e);
        auto r = awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); }, 10000);
        if (!r)
            return EngineError::make(EngineError::Kind::Other, {}, u"no callback"_s);
        return r->hasValue() ? EngineError{} : r->error();
    }
};

QTEST_GUILESS_MAIN(TestDockerClient)
#include "tst_dockerclient.moc"
