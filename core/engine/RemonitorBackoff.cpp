#include "RemonitorBackoff.h"

#include <algorithm>

namespace dockpulse::monitor {

qint64 RemonitorBackoff::delayMs(int attempt)
{
    qint64 delay = kFirstMs;
    for (int i = 0; i < attempt && delay < kMaxMs; ++i)
        delay *= 2;
    return std::min(delay, kMaxMs);
}

void RemonitorBackoff::schedule(const ContainerKey& key, std::function<void()> retry)
{
    Slot& slot = m_slots[key];
    if (slot.timer && slot.timer->isActive())
        return;
    if (!slot.timer) {
        slot.timer = std::shared_ptr<QTimer>(new QTimer, [](QTimer* t) {
            t->stop();
            t->deleteLater();
        });
        slot.timer->setSingleShot(true);
    }
    slot.timer->disconnect();
    connect(slot.timer.get(), &QTimer::timeout, this, std::move(retry));
    slot.timer->start(int(delayMs(slot.attempts)));
    ++slot.attempts;
}

bool RemonitorBackoff::isPending(const ContainerKey& key) const
{
    const auto it = m_slots.constFind(key);
    return it != m_slots.cend() && it->timer && it->timer->isActive();
}

void RemonitorBackoff::reset(const ContainerKey& key)
{
    m_slots.remove(key);
}

void RemonitorBackoff::cancelAll()
{
    m_slots.clear();
}

} // namespace dockpulse::monitor
