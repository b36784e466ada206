#pragma once

#include "SandboxEngine.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace dockpulse::test {

// A free TCP port on 127.0.0.1 (bound, read and released: good enough on a test machine).
quint16 freeLoopbackPort();

// Certificates made by openssl at test time: a CA, a server certificate for IP 127.0.0.1 and a
// client certificate it signed; a second, unrelated CA. Folders laid out as DOCKER_CERT_PATH.
class TlsMaterial
{
public:
    // Empty on success, else why (openssl missing or failing).
    QString make();

    QString serverDockerdArgs(quint16 port) const;
    QString rightDir() const;        // ca.pem, cert.pem, key.pem
    QString wrongCaDir() const;      // another CA's ca.pem, our cert.pem and key.pem
    QString noClientCertDir() const; // the right ca.pem only

private:
    QString openssl(const QStringList& args);
    QTemporaryDir m_dir;
};

// A private sshd (Debian's openssh-server) on a loopback port, run in the foreground (-D) by the
// test: a generated host key, an authorized key for root, StrictModes off, and DOCKER_HOST set
// for its sessions (SetEnv) so that `docker system dial-stdio` on the far side reaches the
// engine given, and HOME an empty folder (no login rc files). A second port runs sessions whose
// PATH has no docker.
class PrivateSshd
{
public:
    ~PrivateSshd();
    // Empty on success, else why.
    QString start(const QString& dockerHostForSessions);
    quint16 port() const { return m_port; }
    quint16 noDockerPort() const { return m_noDockerPort; }
    QString url() const; // ssh://root@127.0.0.1:PORT

    // DOCKPULSE_SSH_OPTS for a client: which key and known_hosts to use, a private ControlPath.
    enum class Client
    {
        Trusted,        // the authorized key, the server's key known
        UnknownHostKey, // the authorized key, an empty known_hosts
        WrongKey,       // a key the server does not accept
    };
    QString clientOptions(Client client = Client::Trusted) const;

private:
    QString run(const QString& program, const QStringList& args);
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_sshd;
    quint16 m_port = 0;
    quint16 m_noDockerPort = 0;
};

} // namespace dockpulse::test
