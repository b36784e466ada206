#include "TransportFixtures.h"

#include "TestEngine.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

using namespace Qt::StringLiterals;

namespace dockpulse::test {

namespace {

struct Ran
{
    bool ok = false;
    QString output; // stderr and stdout, for the failure message
};

Ran runProgram(const QString& program, const QStringList& args, const QString& workDir = {},
               const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setProcessEnvironment(env);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
    Ran r;
    if (!p.waitForStarted(10000)) {
        r.output = u"%1 did not start: %2"_s.arg(program, p.errorString());
        return r;
    }
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished(5000);
        r.output = u"%1 %2 timed out"_s.arg(program, args.join(u' '));
        return r;
    }
    r.output = QString::fromLocal8Bit(p.readAll());
    r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!r.ok)
        r.output = u"%1 %2 failed: %3"_s.arg(program, args.join(u' '), r.output.trimmed());
    return r;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool copyInto(const QString& from, const QString& toDir)
{
    return QFile::copy(from, QDir(toDir).filePath(QFileInfo(from).fileName()));
}

bool portAnswers(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(u"127.0.0.1"_s, port);
    const bool ok = s.waitForConnected(200);
    s.abort();
    return ok;
}

} // namespace

quint16 freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

QString TlsMaterial::rightDir() const
{
    return m_dir.filePath(u"right"_s);
}

QString TlsMaterial::wrongCaDir() const
{
    return m_dir.filePath(u"wrong-ca"_s);
}

QString TlsMaterial::noClientCertDir() const
{
    return m_dir.filePath(u"no-cert"_s);
}

QString TlsMaterial::openssl(const QStringList& args)
{
    const Ran r = runProgram(u"openssl"_s, args, m_dir.path());
    return r.ok ? QString() : r.output;
}

QString TlsMaterial::make()
{
    if (!m_dir.isValid())
        return u"no temporary folder"_s;
    QDir d(m_dir.path());
    for (const QString& sub : {u"right"_s, u"wrong-ca"_s, u"no-cert"_s})
        d.mkpath(sub);
    if (!writeFile(d.filePath(u"server.ext"_s),
                   "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n") ||
        !writeFile(d.filePath(u"client.ext"_s), "extendedKeyUsage=clientAuth\n"))
        return u"cannot write the openssl extension files"_s;
    const QString days = u"2"_s;
    const QList<QStringList> steps = {
        // The CA the engine and we trust.
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"ca-key.pem"_s,
         u"-out"_s, u"right/ca.pem"_s, u"-days"_s, days, u"-subj"_s, u"/CN=dockpulse test CA"_s},
        // The engine's certificate, for IP 127.0.0.1.
        {u"req"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"server-key.pem"_s, u"-out"_s,
         u"server.csr"_s, u"-subj"_s, u"/CN=127.0.0.1"_s},
        {u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"right/ca.pem"_s, u"-CAkey"_s,
         u"ca-key.pem"_s, u"-CAcreateserial"_s, u"-out"_s, u"server-cert.pem"_s, u"-days"_s, days,
         u"-extfile"_s, u"server.ext"_s},
        // Our client certificate.
        {u"req"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"right/key.pem"_s, u"-out"_s,
         u"client.csr"_s, u"-subj"_s, u"/CN=dockpulse client"_s},
        {u"x509"_s, u"-req"_s, u"-in"_s, u"client.csr"_s, u"-CA"_s, u"right/ca.pem"_s, u"-CAkey"_s,
         u"ca-key.pem"_s, u"-CAcreateserial"_s, u"-out"_s, u"right/cert.pem"_s, u"-days"_s, days,
         u"-extfile"_s, u"client.ext"_s},
        // A CA that signed neither.
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"wrong-ca-key.pem"_s,
         u"-out"_s, u"wrong-ca/ca.pem"_s, u"-days"_s, days, u"-subj"_s, u"/CN=some other CA"_s},
    };
    for (const QStringList& step : steps) {
        const QString why = openssl(step);
        if (!why.isEmpty())
            return why;
    }
    if (!copyInto(d.filePath(u"right/cert.pem"_s), wrongCaDir()) ||
        !copyInto(d.filePath(u"right/key.pem"_s), wrongCaDir()) ||
        !copyInto(d.filePath(u"right/ca.pem"_s), noClientCertDir()))
        return u"cannot copy the certificates"_s;
    return {};
}

QString TlsMaterial::serverDockerdArgs(quint16 port) const
{
    return u"--host tcp://127.0.0.1:%1 --tlsverify --tlscacert %2 --tlscert %3 --tlskey %4"_s.arg(port).arg(
        m_dir.filePath(u"right/ca.pem"_s), m_dir.filePath(u"server-cert.pem"_s),
        m_dir.filePath(u"server-key.pem"_s));
}

PrivateSshd::~PrivateSshd()
{
    // Shared sessions (ControlMaster) first, so that none outlives the server.
    for (const quint16 port : {m_port, m_noDockerPort}) {
        if (port != 0)
            runProgram(u"ssh"_s, QProcess::splitCommand(clientOptions()) +
                                     QStringList{u"-p"_s, QString::number(port), u"-O"_s, u"exit"_s,
                                                 u"root@127.0.0.1"_s});
    }
    if (m_sshd && m_sshd->state() != QProcess::NotRunning) {
        m_sshd->terminate();
        if (!m_sshd->waitForFinished(5000)) {
            m_sshd->kill();
            m_sshd->waitForFinished(5000);
        }
    }
}

QString PrivateSshd::url() const
{
    return u"ssh://root@127.0.0.1:%1"_s.arg(m_port);
}

QString PrivateSshd::run(const QString& program, const QStringList& args)
{
    const Ran r = runProgram(program, args, m_dir.path());
    return r.ok ? QString() : r.output;
}

QString PrivateSshd::start(const QString& dockerHostForSessions)
{
    const QString sshd = u"/usr/sbin/sshd"_s;
    if (!QFileInfo(sshd).isExecutable())
        return u"%1 is missing: scripts/install-deps.sh installs openssh-server"_s.arg(sshd);
    if (!m_dir.isValid())
        return u"no temporary folder"_s;
    // Debian's sshd refuses to start without its privilege separation folder.
    QDir().mkpath(u"/run/sshd"_s);
    for (const QString& key : {u"host_key"_s, u"client_key"_s, u"other_key"_s}) {
        const QString why = run(u"ssh-keygen"_s, {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, QString(), u"-f"_s,
                                                  m_dir.filePath(key), u"-C"_s, key});
        if (!why.isEmpty())
            return why;
    }
    QDir(m_dir.path()).mkpath(u"home"_s);
    m_port = freeLoopbackPort();
    m_noDockerPort = freeLoopbackPort();
    const QString dir = m_dir.path();
    if (!writeFile(m_dir.filePath(u"authorized_keys"_s), readFile(m_dir.filePath(u"client_key.pub"_s))) ||
        !writeFile(m_dir.filePath(u"known_hosts"_s),
                   u"[127.0.0.1]:%1,[127.0.0.1]:%2 "_s.arg(m_port).arg(m_noDockerPort).toUtf8() +
                       readFile(m_dir.filePath(u"host_key.pub"_s))) ||
        !writeFile(m_dir.filePath(u"empty_known_hosts"_s), {}))
        return u"cannot write the ssh key files"_s;
    const QString config =
        u"ListenAddress 127.0.0.1\n"
        u"Port %1\n"
        u"Port %2\n"
        u"HostKey %3/host_key\n"
        u"PidFile %3/sshd.pid\n"
        u"AuthorizedKeysFile %3/authorized_keys\n"
        u"StrictModes no\n"
        u"PermitRootLogin prohibit-password\n"
        u"PasswordAuthentication no\n"
        u"KbdInteractiveAuthentication no\n"
        u"UsePAM no\n"
        u"LogLevel ERROR\n"
        // HOME: an empty folder, so that sessions do not run this machine's ~/.bashrc, whose
        // cost is not the transport's.
        u"SetEnv DOCKER_HOST=%4 HOME=%3/home\n"
        u"Match LocalPort %2\n"
        // Sessions on the second port cannot find docker: exit 127 as on a host without it.
        u"    ForceCommand PATH=/nonexistent; $SSH_ORIGINAL_COMMAND\n"_s.arg(m_port)
            .arg(m_noDockerPort)
            .arg(dir, dockerHostForSessions);
    if (!writeFile(m_dir.filePath(u"sshd_config"_s), config.toUtf8()))
        return u"cannot write sshd_config"_s;
    const QString check = run(sshd, {u"-t"_s, u"-f"_s, m_dir.filePath(u"sshd_config"_s)});
    if (!check.isEmpty())
        return check;

    m_sshd = std::make_unique<QProcess>();
    m_sshd->setProcessChannelMode(QProcess::MergedChannels);
    m_sshd->start(sshd, {u"-D"_s, u"-e"_s, u"-f"_s, m_dir.filePath(u"sshd_config"_s)});
    if (!m_sshd->waitForStarted(10000))
        return u"sshd did not start: "_s + m_sshd->errorString();
    QDeadlineTimer deadline(10000);
    while (!portAnswers(m_port) || !portAnswers(m_noDockerPort)) {
        if (m_sshd->state() == QProcess::NotRunning)
            return u"sshd exited: "_s + QString::fromLocal8Bit(m_sshd->readAll());
        if (deadline.hasExpired())
            return u"sshd did not listen on ports %1 and %2 within 10 s"_s.arg(m_port).arg(m_noDockerPort);
        QThread::msleep(50);
    }
    return {};
}

QString PrivateSshd::clientOptions(Client client) const
{
    const QString dir = m_dir.path();
    const QString key = client == Client::WrongKey ? u"other_key"_s : u"client_key"_s;
    const QString knownHosts = client == Client::UnknownHostKey ? u"empty_known_hosts"_s : u"known_hosts"_s;
    // A private ControlPath per client kind: a session shared with the trusted client would let
    // the wrong key in. A short ControlPersist: nothing lingers after the test.
    return u"-i %1/%2 -o IdentitiesOnly=yes -o IdentityAgent=none -o UserKnownHostsFile=%1/%3 "
           u"-o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o ControlPath=%1/cm-%4-%C "
           u"-o ControlPersist=5"_s.arg(dir, key, knownHosts)
               .arg(int(client));
}

} // namespace dockpulse::test
