#include "SshSessionGate.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>

namespace dockpulse::docker::ssh_session_gate {

namespace {

// A leader that neither answers nor fails within this long does not hold the others back: the
// exchange's own timeout judges it.
constexpr int kLeaderGraceMs = 5000;

struct Entry
{
    bool sessionUp = false;
    const void* leader = nullptr;
    QDeadlineTimer leaderSince;
};

QMutex& mutex()
{
    static QMutex m;
    return m;
}

QHash<QString, Entry>& entries()
{
    static QHash<QString, Entry> e;
    return e;
}

} // namespace

Admission admit(const QString& key, const void* who)
{
    const QMutexLocker lock(&mutex());
    Entry& e = entries()[key];
    if (e.sessionUp || e.leader == who)
        return Admission::Go;
    if (e.leader && !e.leaderSince.hasExpired())
        return Admission::Wait;
    e.leader = who;
    e.leaderSince = QDeadlineTimer(kLeaderGraceMs);
    return Admission::GoAsLeader;
}

void sessionUp(const QString& key)
{
    const QMutexLocker lock(&mutex());
    Entry& e = entries()[key];
    e.sessionUp = true;
    e.leader = nullptr;
}

void attemptFailed(const QString& key, const void* who)
{
    const QMutexLocker lock(&mutex());
    Entry& e = entries()[key];
    e.sessionUp = false;
    if (e.leader == who)
        e.leader = nullptr;
}

void leave(const QString& key, const void* who)
{
    const QMutexLocker lock(&mutex());
    const auto it = entries().find(key);
    if (it != entries().end() && it->leader == who)
        it->leader = nullptr;
}

} // namespace dockpulse::docker::ssh_session_gate
