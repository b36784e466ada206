#pragma once

#include "Endpoint.h"
#include "EngineError.h"

#include <QByteArray>

namespace dockpulse::docker {

// Why `ssh ... docker system dial-stdio` ended before the engine answered, from its exit status
// and what it wrote on stderr: an unknown or changed host key, a refused login, no sshd, no
// docker on the far side (exit 127), the far side's engine down. Ssh's own failures are
// Kind::Ssh; an engine that is down or forbidden behind a working ssh keeps the kinds a local
// engine would have. The message quotes ssh's line; the remedy says what to do.
EngineError diagnoseSsh(const Endpoint& endpoint, int exitCode, const QByteArray& stderrText);

// The stderr lines worth quoting: ssh's notices about shared sessions and added host keys dropped.
QString meaningfulSshLines(const QByteArray& stderrText);

} // namespace dockpulse::docker
