#pragma once

#include "ContainerKey.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace dockpulse::monitor {

// Monitor-all means every running container: a task that timed out or failed while its
// container runs on is monitored again, from its cursor. The delay doubles with each
// consecutive retry of that container (kFirstMs, 2x, 4x ... kMaxMs), so a container that
// cannot be read does not loop hot; a new run of the container (a start event) resets it.
class RemonitorBackoff : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kFirstMs = 1000;
    static constexpr qint64 kMaxMs = 60000;

    explicit RemonitorBackoff(QObject* parent = nullptr) : QObject(parent) {}

    // The delay before retry number `attempt` (0 = the first).
    static qint64 delayMs(int attempt);

    // Calls `retry` after the container's next delay, unless one is already pending.
    void schedule(const ContainerKey& key, std::function<void()> retry);
    bool isPending(const ContainerKey& key) const;
    // The container started anew or is gone: its next retry waits kFirstMs again.
    void reset(const ContainerKey& key);
    // Monitor-all turned off, or the run ends: nothing pending fires.
    void cancelAll();

private:
    struct Slot
    {
        int attempts = 0;
        std::shared_ptr<QTimer> timer; // deleted later: reset() may run while it fires
    };
    QHash<ContainerKey, Slot> m_slots;
};

} // namespace dockpulse::monitor
