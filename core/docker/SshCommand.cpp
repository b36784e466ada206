#include "SshCommand.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <cerrno>

#include <sys/stat.h>
#include <unistd.h>

namespace dockpulse::docker {

using namespace Qt::StringLiterals;

namespace {
// Long enough to span the gaps between a dashboard's periodic calls; short enough that the
// shared session does not linger long after dockpulse exits.
constexpr int kControlPersistSeconds = 60;
} // namespace

SshCommand sshCommand(const Endpoint& endpoint, const QString& extraOptions, const QString& controlDir)
{
    SshCommand command;
    command.program = u"ssh"_s;
    QStringList& args = command.arguments;
    args += QProcess::splitCommand(extraOptions);
    // The docker CLI's own options.
    args << u"-o"_s << u"ConnectTimeout=30"_s << u"-T"_s;
    if (!endpoint.user.isEmpty())
        args << u"-l"_s << endpoint.user;
    if (endpoint.port != 0)
        args << u"-p"_s << QString::number(endpoint.port);
    args << u"-o"_s << u"BatchMode=yes"_s;
    if (!controlDir.isEmpty()) {
        // %C: a hash of local host, remote host, port and user; short enough for a socket path.
        args << u"-o"_s << u"ControlMaster=auto"_s << u"-o"_s << u"ControlPath=%1/%C"_s.arg(controlDir)
             << u"-o"_s << u"ControlPersist=%1"_s.arg(kControlPersistSeconds);
    }
    args << u"--"_s << endpoint.host << u"docker"_s << u"system"_s << u"dial-stdio"_s;
    return command;
}

QString sshControlDir()
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    const QString dir = runtime.isEmpty() ? u"/tmp/dockpulse-ssh-%1"_s.arg(::getuid())
                                          : QDir(runtime).filePath(u"dockpulse-ssh"_s);
    const QByteArray path = QFile::encodeName(dir);
    if (::mkdir(path.constData(), 0700) != 0 && errno != EEXIST)
        return {};
    struct stat st = {};
    if (::lstat(path.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid() ||
        (st.st_mode & 077) != 0)
        return {};
    return dir;
}

} // namespace dockpulse::docker
