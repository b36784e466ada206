// Engines reached as the docker CLI reaches them, each against a real, private engine on this
// machine: tcp:// with TLS (certificates made by openssl for the test; the right CA works, a wrong
// CA, a missing client certificate, a host name the certificate does not name are refused with
// messages that say so) and ssh:// to a private sshd whose sessions reach the engine through
// `docker system dial-stdio` (an unknown host key, a refused key, a host without docker, no sshd).
// How the tests configure ssh: DOCKPULSE_SSH_OPTS (see SshCommand.h).
#include "DockerClient.h"
#include "EndpointResolver.h"
#include "EngineCall.h"
#include "HeadlessRun.h"
#include "TestEngine.h"
#include "TransportFixtures.h"

#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using dockpulse::docker::DockerClient;
using dockpulse::docker::Endpoint;
using dockpulse::docker::EngineError;
using dockpulse::docker::EngineResult;
using dockpulse::docker::PingResult;
using dockpulse::test::HeadlessRun;
using dockpulse::test::PrivateSshd;
using dockpulse::test::TestEngine;

namespace {

// 150 numbered stdout lines, then the container exits.
const QString kLines =
    u"i=0; while [ $i -lt 150 ]; do i=$((i+1)); echo \"line $i of the transport test\"; done"_s;

QList<QByteArray> dockerLogs(const QString& name, const QString& host)
{
    QList<QByteArray> lines = TestEngine::docker({u"logs"_s, name}, 60000, host).out.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// The endpoint -H URL gives with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH=certDir, read by the
// same resolver code the program uses.
Endpoint tlsEndpoint(const QString& url, const QString& certDir)
{
    QProcessEnvironment env;
    env.insert(u"DOCKER_TLS_VERIFY"_s, u"1"_s);
    env.insert(u"DOCKER_CERT_PATH"_s, certDir);
    const dockpulse::docker::EndpointResolver resolver(env, QDir::tempPath());
    auto parsed = dockpulse::docker::parseEndpoint(url);
    if (!parsed)
        return {};
    auto withTls = resolver.applyTlsEnvironment(parsed.value());
    return withTls ? withTls.value() : Endpoint{};
}

EngineResult<PingResult> ping(const Endpoint& endpoint)
{
    DockerClient client(endpoint);
    auto r = dockpulse::test::awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); }, 60000);
    if (!r)
        return EngineError::make(EngineError::Kind::Timeout, endpoint.url(), u"no callback within 60 s"_s);
    return *r;
}

Endpoint sshEndpoint(quint16 port)
{
    return dockpulse::docker::parseEndpoint(u"ssh://root@127.0.0.1:%1"_s.arg(port)).value();
}

} // namespace

class TestTransports : public QObject
{
    Q_OBJECT
private:
    dockpulse::test::TlsMaterial m_tls;
    std::unique_ptr<dockpulse::test::SandboxEngine> m_engine;
    PrivateSshd m_sshd;
    quint16 m_tlsPort = 0;
    QString m_container;

    QString tlsUrl() const { return u"tcp://127.0.0.1:%1"_s.arg(m_tlsPort); }

    // A headless run reading m_container through `url` with these variables set.
    void expectExactRun(const QString& url, const QHash<QString, QString>& vars)
    {
        HeadlessRun run;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (auto it = vars.cbegin(); it != vars.cend(); ++it)
            env.insert(it.key(), it.value());
        run.setEnvironment(env);
        QVERIFY(run.run({u"-H"_s, url, u"-m"_s, m_container, u"--until-exit"_s}, 120000));
        QVERIFY2(run.exitCode() == 0, run.stderrText().constData());
        QVERIFY2(!run.stderrText().contains("plain TCP"), run.stderrText().constData());
        const QList<QByteArray> want = dockerLogs(m_container, m_engine->url());
        QCOMPARE(want.size(), 150);
        QCOMPARE(run.messages(m_container), want);
        const auto logs = run.csv(u"logs.csv"_s);
        for (qsizetype i = 1; i < logs.size(); ++i)
            QCOMPARE(QString::fromUtf8(logs[i][1]), url);
    }

    void expectRefused(const EngineResult<PingResult>& r, EngineError::Kind kind, const QStringList& words)
    {
        QVERIFY2(!r.hasValue(), "the engine was reached");
        const QString text = r.error().toString();
        qInfo("%s", qPrintable(text));
        QVERIFY2(r.error().kind == kind, qPrintable(EngineError::kindName(r.error().kind) + u": "_s + text));
        for (const QString& w : words)
            QVERIFY2(text.contains(w, Qt::CaseInsensitive), qPrintable(u"\"%1\" not in: %2"_s.arg(w, text)));
        QVERIFY2(!r.error().remedy.isEmpty(), qPrintable(text));
    }

private Q_SLOTS:
    void initTestCase()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        // Missing tools are failures, not skips: these transports are what the test is about.
        const QString tlsProblem = m_tls.make();
        QVERIFY2(tlsProblem.isEmpty(), qPrintable(u"openssl: "_s + tlsProblem));
        m_tlsPort = dockpulse::test::freeLoopbackPort();
        m_engine = std::make_unique<dockpulse::test::SandboxEngine>(m_tls.serverDockerdArgs(m_tlsPort));
        QVERIFY2(!m_engine->url().isEmpty(), qPrintable(u"private engine: "_s + m_engine->error()));
        const QString sshProblem = m_sshd.start(m_engine->url());
        QVERIFY2(sshProblem.isEmpty(), qPrintable(u"sshd: "_s + sshProblem));
        m_container = u"dp-transports-%1"_s.arg(QCoreApplication::applicationPid());
        QVERIFY(!TestEngine::runContainer(m_container, kLines, {}, m_engine->url()).isEmpty());
        QVERIFY(TestEngine::waitExited(m_container, 30000, m_engine->url()));
    }

    void cleanupTestCase()
    {
        qunsetenv("DOCKPULSE_SSH_OPTS");
        // The last calls' ssh processes are reaped by the event loop: let it run before exit.
        QTest::qWait(300);
    }

    void tlsRightCaWorks()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const Endpoint endpoint = tlsEndpoint(tlsUrl(), m_tls.rightDir());
        QVERIFY(endpoint.tls.enabled && endpoint.tls.verifyPeer);
        const auto r = ping(endpoint);
        QVERIFY2(r.hasValue(), qPrintable(dockpulse::test::errorOf(r)));
        DockerClient client(endpoint);
        const auto list = dockpulse::test::awaitCall<QList<dockpulse::docker::ContainerSummary>>(
            [&](auto cb) { client.listContainers(cb); });
        QVERIFY(list && list->hasValue());
        bool found = false;
        for (const auto& c : list->value())
            found = found || c.names.contains(m_container);
        QVERIFY2(found, "the container is not in the list read over TLS");
        expectExactRun(tlsUrl(),
                       {{u"DOCKER_TLS_VERIFY"_s, u"1"_s}, {u"DOCKER_CERT_PATH"_s, m_tls.rightDir()}});
    }

    void tlsWrongCaRefused()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        expectRefused(ping(tlsEndpoint(tlsUrl(), m_tls.wrongCaDir())), EngineError::Kind::Tls,
                      {u"not trusted"_s, m_tls.wrongCaDir()});
        // The program says the same and exits 3.
        HeadlessRun run;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DOCKER_TLS_VERIFY"_s, u"1"_s);
        env.insert(u"DOCKER_CERT_PATH"_s, m_tls.wrongCaDir());
        run.setEnvironment(env);
        QVERIFY(run.run({u"-H"_s, tlsUrl(), u"-m"_s, m_container}, 60000));
        QCOMPARE(run.exitCode(), 3);
        QVERIFY2(run.stderrText().contains("not trusted"), run.stderrText().constData());
    }

    void tlsWithoutClientCertificateRefused()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        expectRefused(ping(tlsEndpoint(tlsUrl(), m_tls.noClientCertDir())), EngineError::Kind::Tls,
                      {u"requires a client certificate"_s, u"cert.pem"_s});
    }

    void tlsHostNameMismatchRefused()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        // The engine's certificate names IP 127.0.0.1 only.
        expectRefused(ping(tlsEndpoint(u"tcp://localhost:%1"_s.arg(m_tlsPort), m_tls.rightDir())),
                      EngineError::Kind::Tls, {u"not valid for \"localhost\""_s, u"127.0.0.1"_s});
    }

    void tlsUnreadableKeyRefused()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        Endpoint endpoint = tlsEndpoint(tlsUrl(), m_tls.rightDir());
        endpoint.tls.keyFile = m_tls.rightDir() + u"/missing-key.pem"_s;
        expectRefused(ping(endpoint), EngineError::Kind::Tls,
                      {u"cannot read the client key"_s, u"missing-key.pem"_s});
    }

    // Plain tcp:// warns on stderr; against a TLS engine the engine's 400 names the remedy.
    void plainTcpWarnsAndNamesTheRemedy()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        HeadlessRun run;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DOCKER_TLS_VERIFY"_s);
        env.remove(u"DOCKER_TLS"_s);
        run.setEnvironment(env);
        QVERIFY(run.run({u"-H"_s, tlsUrl(), u"-m"_s, m_container}, 60000));
        QCOMPARE(run.exitCode(), 3);
        const QByteArray err = run.stderrText();
        QVERIFY2(err.contains(QByteArray("warning: " + tlsUrl().toUtf8() + " is plain TCP")),
                 err.constData());
        QVERIFY2(err.contains("DOCKER_TLS_VERIFY=1"), err.constData());
        QCOMPARE(err.count("is plain TCP"), 1);
    }

    void sshWorks()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        qputenv("DOCKPULSE_SSH_OPTS", m_sshd.clientOptions().toUtf8());
        const auto r = ping(sshEndpoint(m_sshd.port()));
        QVERIFY2(r.hasValue(), qPrintable(dockpulse::test::errorOf(r)));
        expectExactRun(m_sshd.url(), {{u"DOCKPULSE_SSH_OPTS"_s, m_sshd.clientOptions()}});
    }

    // More log streams at once than sshd's MaxSessions (10) per shared session, all opened in one
    // burst: ssh falls back to connections of their own, the burst waits for the first session,
    // and every line arrives.
    void sshManyContainersAtOnce()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        constexpr int kContainers = 12;
        QStringList args{u"-H"_s,   m_sshd.url(),           u"--until-exit"_s, u"--read-deadline"_s,
                         u"2000"_s, u"--context-timeout"_s, u"2500"_s};
        QStringList names;
        for (int i = 0; i < kContainers; ++i) {
            names << u"dp-transports-many-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(i);
            QVERIFY(!TestEngine::runContainer(names.last(),
                                              u"i=0; while [ $i -lt 100 ]; do i=$((i+1)); echo \"n $i\"; "
                                              u"sleep 0.03; done"_s,
                                              {}, m_engine->url())
                         .isEmpty());
            args << u"-m"_s << names.last();
        }
        HeadlessRun run;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DOCKPULSE_SSH_OPTS"_s, m_sshd.clientOptions());
        run.setEnvironment(env);
        QVERIFY(run.run(args, 120000));
        QVERIFY2(run.exitCode() == 0, run.stderrText().constData());
        for (const QString& name : std::as_const(names)) {
            const QList<QByteArray> want = dockerLogs(name, m_engine->url());
            QCOMPARE(want.size(), 100);
            QCOMPARE(run.messages(name), want);
            TestEngine::removeContainer(name, m_engine->url());
        }
    }

    void sshUnknownHostKeyRefused()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        qputenv("DOCKPULSE_SSH_OPTS", m_sshd.clientOptions(PrivateSshd::Client::UnknownHostKey).toUtf8());
        expectRefused(ping(sshEndpoint(m_sshd.port())), EngineError::Kind::Ssh,
                      {u"host key"_s, u"Host key verification failed"_s, u"known_hosts"_s});
    }

    void sshWrongKeyRefused()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        qputenv("DOCKPULSE_SSH_OPTS", m_sshd.clientOptions(PrivateSshd::Client::WrongKey).toUtf8());
        expectRefused(ping(sshEndpoint(m_sshd.port())), EngineError::Kind::Ssh,
                      {u"login to root@127.0.0.1"_s, u"refused"_s, u"Permission denied (publickey"_s});
    }

    void sshHostWithoutDockerRefused()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        qputenv("DOCKPULSE_SSH_OPTS", m_sshd.clientOptions().toUtf8());
        expectRefused(ping(sshEndpoint(m_sshd.noDockerPort())), EngineError::Kind::Ssh,
                      {u"no docker command on 127.0.0.1"_s, u"command not found"_s});
    }

    void sshNothingListeningRefused()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        qputenv("DOCKPULSE_SSH_OPTS", m_sshd.clientOptions().toUtf8());
        expectRefused(ping(sshEndpoint(dockpulse::test::freeLoopbackPort())), EngineError::Kind::Ssh,
                      {u"connection refused"_s});
    }
};

QTEST_GUILESS_MAIN(TestTransports)
#include "tst_transports.moc"
