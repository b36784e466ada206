#pragma once

#include "Endpoint.h"

#include <QStringList>

namespace dockpulse::docker {

// The ssh command line that carries the engine API, as the docker CLI runs it:
//   ssh [DOCKPULSE_SSH_OPTS...] -o ConnectTimeout=30 -T [-l user] [-p port] -o BatchMode=yes
//       [-o ControlMaster=auto -o ControlPath=DIR/%C -o ControlPersist=60] -- host docker system dial-stdio
// BatchMode: ssh must fail, never wait for a password or a host key answer on a terminal.
// ControlMaster: every API call and log stream opens its own connection; sharing one ssh
// session makes that a fork instead of a key exchange (see docs/DESIGN.md).
// DOCKPULSE_SSH_OPTS comes first because ssh keeps the first value of an option, so it can
// override ours (e.g. "-o ControlMaster=no", "-i key -o UserKnownHostsFile=file").
struct SshCommand
{
    QString program; // "ssh"
    QStringList arguments;
};

// extraOptions: DOCKPULSE_SSH_OPTS as written, split at spaces (a "double-quoted" word may hold them);
// controlDir: where the shared sessions' sockets live, empty for none.
SshCommand sshCommand(const Endpoint& endpoint, const QString& extraOptions, const QString& controlDir);

// A private folder for ControlPath sockets: $XDG_RUNTIME_DIR/dockpulse-ssh, else
// /tmp/dockpulse-ssh-<uid>, created 0700. Empty (no sharing) when it cannot be made, or exists
// but is not a folder that only we may use: a socket there could be someone else's session.
QString sshControlDir();

} // namespace dockpulse::docker
