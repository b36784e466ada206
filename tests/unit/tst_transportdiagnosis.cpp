// The pure parts of the TLS and ssh transports: the ssh command line (as the docker CLI's, with
// BatchMode, shared sessions and DOCKPULSE_SSH_OPTS first), ssh's failures and TLS failures
// turned into errors that say what to do, and -H tcp:// picking up TLS from the environment.
#include "EngineSelection.h"
#include "SshCommand.h"
#include "SshDiagnosis.h"
#include "SshSessionGate.h"
#include "TlsConfig.h"
#include "TlsDiagnosis.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;

namespace {
Endpoint endpoint(const QString& url)
{
    return parseEndpoint(url).value();
}
} // namespace

class TestTransportDiagnosis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sshCommandLikeTheDockerCli()
    {
        const SshCommand c = sshCommand(endpoint(u"ssh://me@box:2222"_s), QString(), QString());
        QCOMPARE(c.program, u"ssh"_s);
        QCOMPARE(c.arguments, (QStringList{u"-o"_s, u"ConnectTimeout=30"_s, u"-T"_s, u"-l"_s, u"me"_s,
                                           u"-p"_s, u"2222"_s, u"-o"_s, u"BatchMode=yes"_s, u"--"_s, u"box"_s,
                                           u"docker"_s, u"system"_s, u"dial-stdio"_s}));
        // No user, no port: ssh's own defaults (~/.ssh/config applies).
        const SshCommand plain = sshCommand(endpoint(u"ssh://box"_s), QString(), QString());
        QVERIFY(!plain.arguments.contains(u"-l"_s));
        QVERIFY(!plain.arguments.contains(u"-p"_s));
    }

    void sshCommandSharesSessionsAndTakesExtraOptionsFirst()
    {
        const SshCommand c =
            sshCommand(endpoint(u"ssh://box"_s), u"-i \"/tmp/a key\" -o ControlMaster=no"_s, u"/run/dp"_s);
        // First: ssh keeps the first value of an option, so the user's win.
        QCOMPARE(c.arguments.mid(0, 4),
                 (QStringList{u"-i"_s, u"/tmp/a key"_s, u"-o"_s, u"ControlMaster=no"_s}));
        QVERIFY(c.arguments.contains(u"ControlMaster=auto"_s));
        QVERIFY(c.arguments.contains(u"ControlPath=/run/dp/%C"_s));
        QVERIFY(c.arguments.contains(u"ControlPersist=60"_s));
        QCOMPARE(c.arguments.last(), u"dial-stdio"_s);
    }

    void sshControlDirIsPrivate()
    {
        QTemporaryDir runtime;
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
        const QString dir = sshControlDir();
        QCOMPARE(dir, runtime.filePath(u"dockpulse-ssh"_s));
        QCOMPARE(QFileInfo(dir).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions());
        // A folder others may write to is not used.
        QVERIFY(QFile::setPermissions(dir, QFile::Permissions(0x7777)));
        QCOMPARE(sshControlDir(), QString());
        qunsetenv("XDG_RUNTIME_DIR");
    }

    // The first connection sets the shared session up; the others wait for its outcome.
    void sshSessionGate()
    {
        namespace gate = ssh_session_gate;
        const QString key = u"ssh://gate-test\n"_s;
        int a = 0, b = 0, c = 0;
        QCOMPARE(gate::admit(key, &a), gate::Admission::GoAsLeader);
        QCOMPARE(gate::admit(key, &a), gate::Admission::Go); // asking again (a retry) is fine
        QCOMPARE(gate::admit(key, &b), gate::Admission::Wait);
        gate::leave(key, &a); // the leader went away: the next one leads
        QCOMPARE(gate::admit(key, &b), gate::Admission::GoAsLeader);
        QCOMPARE(gate::admit(key, &c), gate::Admission::Wait);
        gate::sessionUp(key);
        QCOMPARE(gate::admit(key, &c), gate::Admission::Go);
        gate::attemptFailed(key, &c); // no longer known to work: lead again
        QCOMPARE(gate::admit(key, &a), gate::Admission::GoAsLeader);
        QCOMPARE(gate::admit(u"ssh://another\n"_s, &b), gate::Admission::GoAsLeader);
    }

    void sshFailures_data()
    {
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("stderrText");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("says");
        const int ssh = int(EngineError::Kind::Ssh);
        QTest::newRow("unknown host key")
            << 255
            << QByteArray("No ED25519 host key is known for [h]:22 and you have requested strict checking.\n"
                          "Host key verification failed.\n")
            << ssh << u"does not know the host key"_s;
        QTest::newRow("changed host key")
            << 255 << QByteArray("@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\n") << ssh
            << u"has changed"_s;
        QTest::newRow("key refused") << 255 << QByteArray("me@h: Permission denied (publickey).\n") << ssh
                                     << u"login to me@h was refused"_s;
        QTest::newRow("no sshd") << 255 << QByteArray("ssh: connect to host h port 22: Connection refused\n")
                                 << ssh << u"connection refused"_s;
        QTest::newRow("unknown host")
            << 255 << QByteArray("ssh: Could not resolve hostname h: Name or service not known\n") << ssh
            << u"could not resolve"_s;
        QTest::newRow("no docker") << 127 << QByteArray("bash: line 1: docker: command not found\n") << ssh
                                   << u"no docker command on h"_s;
        QTest::newRow("engine down behind ssh")
            << 1
            << QByteArray("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker "
                          "daemon running?\n")
            << int(EngineError::Kind::ConnectionRefused) << u"not answering"_s;
        QTest::newRow("docker socket forbidden")
            << 1
            << QByteArray("permission denied while trying to connect to the Docker daemon socket at "
                          "unix:///var/run/docker.sock\n")
            << int(EngineError::Kind::PermissionDenied) << u"may not use the engine"_s;
        QTest::newRow("mux noise dropped")
            << 255
            << QByteArray("Control socket connect(/run/x): No such file or directory\n"
                          "ssh: connect to host h port 22: Connection refused\n")
            << ssh << u"(ssh said: ssh: connect to host h port 22: Connection refused)"_s;
        QTest::newRow("anything else") << 255 << QByteArray("kex_exchange_identification: read: reset\n")
                                       << ssh << u"ssh to me@h failed"_s;
    }

    void sshFailures()
    {
        QFETCH(int, exitCode);
        QFETCH(QByteArray, stderrText);
        QFETCH(int, kind);
        QFETCH(QString, says);
        const EngineError e = diagnoseSsh(endpoint(u"ssh://me@h"_s), exitCode, stderrText);
        QCOMPARE(int(e.kind), kind);
        QVERIFY2(e.toString().contains(says), qPrintable(e.toString()));
        QVERIFY(!e.remedy.isEmpty());
        QCOMPARE(e.endpoint, u"ssh://me@h"_s);
    }

    void tlsFailures()
    {
        Endpoint e = endpoint(u"tcp://engine:2376"_s);
        e.tls.enabled = true;
        e.tls.verifyPeer = true;
        e.tls.caFile = u"/certs/ca.pem"_s;

        TlsFailure untrusted;
        untrusted.verifyErrors = {QSslError(QSslError::UnableToGetLocalIssuerCertificate)};
        EngineError err = diagnoseTls(e, untrusted);
        QCOMPARE(err.kind, EngineError::Kind::Tls);
        QVERIFY(err.message.contains(u"not trusted: it is not signed by /certs/ca.pem"_s));

        TlsFailure mismatch;
        mismatch.verifyErrors = {QSslError(QSslError::HostNameMismatch)};
        QVERIFY(diagnoseTls(e, mismatch).message.contains(u"not valid for \"engine\""_s));

        TlsFailure noCert;
        noCert.alert = QSsl::AlertType::CertificateRequired;
        QVERIFY(
            diagnoseTls(e, noCert).message.contains(u"requires a client certificate and none was given"_s));
        e.tls.certFile = u"/certs/cert.pem"_s;
        e.tls.keyFile = u"/certs/key.pem"_s;
        TlsFailure badCert;
        badCert.alert = QSsl::AlertType::BadCertificate;
        QVERIFY(
            diagnoseTls(e, badCert).message.contains(u"refused our client certificate /certs/cert.pem"_s));

        TlsFailure plain;
        plain.socketError = u"error:0A00010B:SSL routines::wrong version number"_s;
        QVERIFY(diagnoseTls(e, plain).message.contains(u"does not speak TLS"_s));
    }

    void tlsConfigurationNamesTheBadFile()
    {
        QTemporaryDir dir;
        QFile junk(dir.filePath(u"ca.pem"_s));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a certificate\n");
        junk.close();
        Endpoint e = endpoint(u"tcp://engine:2376"_s);
        e.tls.enabled = true;
        e.tls.caFile = junk.fileName();
        auto config = tlsConfiguration(e);
        QVERIFY(!config);
        QCOMPARE(config.error().kind, EngineError::Kind::Tls);
        QVERIFY2(config.error().message.contains(junk.fileName()), qPrintable(config.error().toString()));
        e.tls.caFile = dir.filePath(u"nothing.pem"_s);
        QVERIFY(tlsConfiguration(e).error().message.contains(u"cannot read the CA certificate"_s));
    }

    // -H tcp:// reads DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as DOCKER_HOST does; unix and ssh do not care.
    void hostFlagTakesTlsFromTheEnvironment()
    {
        QTemporaryDir certs;
        for (const QString& f : {u"ca.pem"_s, u"cert.pem"_s, u"key.pem"_s}) {
            QFile file(certs.filePath(f));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        QProcessEnvironment env;
        env.insert(u"DOCKER_TLS_VERIFY"_s, u"1"_s);
        env.insert(u"DOCKER_CERT_PATH"_s, certs.path());
        const auto specs = dockpulse::cli::selectEngines(
            {u"tcp://10.0.0.5:2376"_s, u"unix:///run/docker.sock"_s, u"ssh://me@box"_s}, env, certs.path());
        QVERIFY(specs);
        QCOMPARE(specs->size(), 3);
        const Endpoint::Tls& tls = specs->at(0).endpoint.tls;
        QVERIFY(tls.enabled && tls.verifyPeer);
        QCOMPARE(tls.caFile, certs.filePath(u"ca.pem"_s));
        QCOMPARE(tls.certFile, certs.filePath(u"cert.pem"_s));
        QCOMPARE(tls.keyFile, certs.filePath(u"key.pem"_s));
        QVERIFY(!specs->at(1).endpoint.tls.enabled);
        QVERIFY(!specs->at(2).endpoint.tls.enabled);
        QVERIFY(dockpulse::cli::plainTcpWarnings(specs.value()).isEmpty());

        // Without TLS in the environment: plain, and warned about once per engine.
        const auto plain = dockpulse::cli::selectEngines({u"tcp://10.0.0.5:2375"_s}, {}, certs.path());
        QVERIFY(plain && !plain->at(0).endpoint.tls.enabled);
        const QStringList warnings = dockpulse::cli::plainTcpWarnings(plain.value());
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().contains(u"tcp://10.0.0.5:2375 is plain TCP"_s));

        // DOCKER_TLS_VERIFY with no ca.pem where it points: exit 2 with the reason, as the CLI refuses.
        env.insert(u"DOCKER_CERT_PATH"_s, certs.filePath(u"missing"_s));
        const auto missing = dockpulse::cli::selectEngines({u"tcp://10.0.0.5:2376"_s}, env, certs.path());
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(u"ca.pem"_s), qPrintable(missing.error()));
    }
};

QTEST_GUILESS_MAIN(TestTransportDiagnosis)
#include "tst_transportdiagnosis.moc"
