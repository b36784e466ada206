#pragma once

#include <QString>

namespace dockpulse::docker {

// Lets the first ssh connection to an engine set up the shared session (ControlMaster) before the
// others start, so that a burst of calls (the first list, an inspect per container, a log stream
// per task) becomes one ssh handshake and many cheap shared sessions instead of a herd of full
// handshakes that sshd starts dropping (MaxStartups). Process-wide and thread-safe: sockets in
// the worker threads ask too. The key names the engine and the ssh options in force.
namespace ssh_session_gate {

enum class Admission
{
    Go,         // the shared session is up (or nobody is setting it up): start now
    GoAsLeader, // start now; the others wait for this one's outcome
    Wait,       // another connection is setting the session up: ask again shortly
};

Admission admit(const QString& key, const void* who);
// The leader's (or anyone's) first bytes from the engine: the shared session works.
void sessionUp(const QString& key);
// A connection failed before the engine answered: the session is not known to work (any more).
void attemptFailed(const QString& key, const void* who);
// The connection went away; a leader that leaves lets the next one lead.
void leave(const QString& key, const void* who);

} // namespace ssh_session_gate

} // namespace dockpulse::docker
