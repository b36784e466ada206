#include "SshDiagnosis.h"

#include <QStringList>

namespace dockpulse::docker {

using namespace Qt::StringLiterals;

namespace {

constexpr int kExitCommandNotFound = 127;
constexpr int kExitSshFailed = 255; // ssh's own failure, as opposed to the remote command's status
constexpr qsizetype kMaxQuoted = 400;

QString target(const Endpoint& e)
{
    QString text = e.user.isEmpty() ? e.host : e.user + u'@' + e.host;
    if (e.port != 0)
        text += u" port "_s + QString::number(e.port);
    return text;
}

// How the user runs ssh by hand to fix or see the problem.
QString manualSsh(const Endpoint& e)
{
    QString text = u"ssh"_s;
    if (e.port != 0)
        text += u" -p "_s + QString::number(e.port);
    return text + u' ' + (e.user.isEmpty() ? e.host : e.user + u'@' + e.host);
}

EngineError make(const Endpoint& e, EngineError::Kind kind, const QString& message, const QString& remedy)
{
    return EngineError::make(kind, e.url(), message, remedy);
}

} // namespace

QString meaningfulSshLines(const QByteArray& stderrText)
{
    QStringList kept;
    const QStringList lines = QString::fromUtf8(stderrText).split(u'\n', Qt::SkipEmptyParts);
    for (QString line : lines) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(u"Warning: Permanently added"_s) ||
            line.startsWith(u"mux_client_"_s) || line.startsWith(u"Control socket connect"_s) ||
            line.startsWith(u"ControlSocket "_s) || line.startsWith(u"muxclient:"_s))
            continue;
        kept << line;
    }
    QString text = kept.join(u" / "_s);
    if (text.size() > kMaxQuoted)
        text = text.left(kMaxQuoted) + u"…"_s;
    return text;
}

EngineError diagnoseSsh(const Endpoint& e, int exitCode, const QByteArray& stderrText)
{
    const QString said = meaningfulSshLines(stderrText);
    const QString quoted = said.isEmpty() ? QString() : u" (ssh said: %1)"_s.arg(said);
    const auto has = [&](const QString& needle) {
        return said.contains(needle, Qt::CaseInsensitive);
    };
    using Kind = EngineError::Kind;

    if (has(u"REMOTE HOST IDENTIFICATION HAS CHANGED"_s))
        return make(
            e, Kind::Ssh, u"the ssh host key of %1 has changed since it was recorded%2"_s.arg(e.host, quoted),
            u"Someone may be intercepting the connection. If the host was reinstalled, remove the old "
            u"key (ssh-keygen -R %1) and connect once by hand (%2) to accept the new one."_s.arg(
                e.host, manualSsh(e)));
    if (has(u"Host key verification failed"_s) || has(u"No ED25519 host key is known"_s) ||
        has(u"host key is known for"_s) || has(u"No RSA host key is known"_s) ||
        has(u"No ECDSA host key is known"_s))
        return make(e, Kind::Ssh,
                    u"ssh does not know the host key of %1, so it refused to connect%2"_s.arg(e.host, quoted),
                    u"Connect once by hand (%1) and accept the key, or add it to ~/.ssh/known_hosts; "
                    u"dockpulse runs ssh with BatchMode, which never asks."_s.arg(manualSsh(e)));
    if (has(u"permission denied while trying to connect"_s))
        return make(e, Kind::PermissionDenied,
                    u"the ssh user may not use the engine on %1%2"_s.arg(e.host, quoted),
                    u"Add that user to the 'docker' group on the host."_s);
    if (has(u"Permission denied"_s))
        return make(e, Kind::Ssh, u"ssh login to %1 was refused%2"_s.arg(target(e), quoted),
                    u"Use a key the server accepts: load it into ssh-agent (ssh-add) or name it in "
                    u"~/.ssh/config (IdentityFile); dockpulse cannot type a password (BatchMode)."_s);
    if (has(u"Connection refused"_s) && exitCode == kExitSshFailed)
        return make(e, Kind::Ssh,
                    u"ssh could not connect to %1: connection refused%2"_s.arg(target(e), quoted),
                    u"Is sshd running there, on that port?"_s);
    if (has(u"Could not resolve hostname"_s))
        return make(e, Kind::Ssh, u"ssh could not resolve the host name %1%2"_s.arg(e.host, quoted),
                    u"Check the host in the ssh:// URL (or a Host alias in ~/.ssh/config)."_s);
    if (has(u"timed out"_s) && exitCode == kExitSshFailed)
        return make(e, Kind::Ssh, u"ssh timed out connecting to %1%2"_s.arg(target(e), quoted),
                    u"Is the host up and reachable on the ssh port?"_s);
    if (exitCode == kExitCommandNotFound || has(u"command not found"_s) || has(u"docker: not found"_s))
        return make(e, Kind::Ssh, u"there is no docker command on %1%2"_s.arg(e.host, quoted),
                    u"Install the docker CLI on that host and make sure it is on the PATH of a "
                    u"non-interactive ssh session: dockpulse runs \"docker system dial-stdio\" there."_s);
    if (has(u"Cannot connect to the Docker daemon"_s) || has(u"connect: no such file"_s) ||
        has(u"connect: connection refused"_s) || has(u"error during connect"_s))
        return make(e, Kind::ConnectionRefused, u"the engine on %1 is not answering%2"_s.arg(e.host, quoted),
                    u"Start dockerd on that host (ssh worked; docker there cannot reach its engine)."_s);
    if (has(u"unknown command"_s) || has(u"is not a docker command"_s))
        return make(e, Kind::Ssh, u"the docker CLI on %1 cannot carry the connection%2"_s.arg(e.host, quoted),
                    u"It must support \"docker system dial-stdio\" (Docker 18.09 or newer)."_s);
    if (exitCode == kExitSshFailed)
        return make(e, Kind::Ssh, u"ssh to %1 failed%2"_s.arg(target(e), quoted),
                    u"Run it by hand to see why: %1 docker system dial-stdio"_s.arg(manualSsh(e)));
    return make(
        e, Kind::Ssh,
        u"\"docker system dial-stdio\" on %1 ended with status %2 before the engine answered%3"_s.arg(e.host)
            .arg(exitCode)
            .arg(quoted),
        u"Run it by hand to see why: %1 docker system dial-stdio"_s.arg(manualSsh(e)));
}

} // namespace dockpulse::docker
