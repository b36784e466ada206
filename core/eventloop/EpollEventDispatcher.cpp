#include "EpollEventDispatcher.h"

#include "TsanAnnotations.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QVarLengthArray>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>

namespace dockpulse::eventloop {

namespace {

constexpr int kMaxEventsPerWait = 256;
constexpr qint64 kNsPerMs = 1'000'000;

#ifdef DOCKPULSE_UNDER_TSAN
// Every event Qt delivers in a thread acquires what was released by the wakeUp() calls of that
// thread's dispatcher: a posted event is taken from Qt's queue at any time after its wakeUp().
bool acquireBeforeEachEvent(void**)
{
    tsanAcquire(QAbstractEventDispatcher::instance());
    return false; // deliver as usual
}
#endif

qint64 steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject* parent)
    : QAbstractEventDispatcher(parent), m_epoll(epoll_create1(EPOLL_CLOEXEC)),
      m_wake(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
#ifdef DOCKPULSE_UNDER_TSAN
    static const bool registered =
        QInternal::registerCallback(QInternal::EventNotifyCallback, acquireBeforeEachEvent);
    Q_UNUSED(registered);
#endif
    if (m_epoll < 0 || m_wake < 0)
        qFatal("EpollEventDispatcher: cannot create epoll or eventfd: %s", std::strerror(errno));
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = m_wake;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &ev) != 0)
        qFatal("EpollEventDispatcher: cannot watch its eventfd: %s", std::strerror(errno));
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wake);
    ::close(m_epoll);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupt.storeRelaxed(0);
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();

    // Posted events that arrive from now on call wakeUp(), which makes the eventfd readable:
    // a wait below cannot miss them.
    int timeoutMs = 0;
    if (flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_interrupt.loadRelaxed()) {
        timeoutMs = flags.testFlag(QEventLoop::X11ExcludeTimers) ? -1 : waitTimeoutMs();
        if (timeoutMs != 0)
            Q_EMIT aboutToBlock();
    }
    epoll_event events[kMaxEventsPerWait];
    int count = epoll_wait(m_epoll, events, kMaxEventsPerWait, timeoutMs);
    if (count < 0) {
        if (errno != EINTR)
            qWarning("EpollEventDispatcher: epoll_wait failed: %s", std::strerror(errno));
        count = 0;
    }
    int activated = activateSockets(events, count, !flags.testFlag(QEventLoop::ExcludeSocketNotifiers));
    if (!flags.testFlag(QEventLoop::X11ExcludeTimers) && !m_interrupt.loadRelaxed())
        activated += activateTimers();
    return activated > 0;
}

int EpollEventDispatcher::activateSockets(const epoll_event* events, int count, bool deliver)
{
    // The fds first, then one notifier at a time, each looked up again just before: a handler
    // may disable, delete or replace any notifier, including those of other sockets.
    QVarLengthArray<std::pair<int, uint32_t>, 64> ready;
    for (int i = 0; i < count; ++i) {
        if (events[i].data.fd == m_wake) {
            eventfd_t value;
            eventfd_read(m_wake, &value);
            // Posts from here on write again; one that came in between is sent by the next
            // pass's sendPostedEvents() before it waits.
            m_wakeUpPending.storeRelease(0);
        } else if (deliver) { // level triggered: an undelivered one is reported again
            ready.append({events[i].data.fd, events[i].events});
        }
    }
    int activated = 0;
    const auto activate = [&](int fd, QSocketNotifier* Watch::*slot) {
        const auto it = m_watches.find(fd);
        if (it == m_watches.end() || !(it->second.*slot))
            return;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(it->second.*slot, &event);
        ++activated;
    };
    for (const auto& [fd, revents] : ready) {
        const bool broken = revents & (EPOLLHUP | EPOLLERR);
        if (revents & (EPOLLIN | EPOLLRDHUP) || broken)
            activate(fd, &Watch::read);
        if (revents & EPOLLOUT || broken)
            activate(fd, &Watch::write);
        if (revents & EPOLLPRI || broken)
            activate(fd, &Watch::exception);
    }
    return activated;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier* notifier)
{
    const int fd = int(notifier->socket());
    const auto [it, isNew] = m_watches.try_emplace(fd);
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        it->second.read = notifier;
        break;
    case QSocketNotifier::Write:
        it->second.write = notifier;
        break;
    case QSocketNotifier::Exception:
        it->second.exception = notifier;
        break;
    }
    updateEpoll(fd, it->second, isNew);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier* notifier)
{
    const int fd = int(notifier->socket());
    const auto it = m_watches.find(fd);
    if (it == m_watches.end())
        return;
    Watch& w = it->second;
    for (QSocketNotifier** slot : {&w.read, &w.write, &w.exception}) {
        if (*slot == notifier)
            *slot = nullptr;
    }
    if (!w.read && !w.write && !w.exception) {
        // The fd may be closed already (then the kernel dropped it from the set itself).
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        m_watches.erase(it);
        return;
    }
    updateEpoll(fd, w, false);
}

void EpollEventDispatcher::updateEpoll(int fd, const Watch& watch, bool isNew)
{
    epoll_event ev{};
    ev.data.fd = fd;
    ev.events =
        (watch.read ? EPOLLIN : 0u) | (watch.write ? EPOLLOUT : 0u) | (watch.exception ? EPOLLPRI : 0u);
    // An fd number can be reused after a close we were not told about: fall back either way.
    if (epoll_ctl(m_epoll, isNew ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &ev) == 0)
        return;
    if (epoll_ctl(m_epoll, isNew ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev) != 0)
        qWarning("EpollEventDispatcher: cannot watch socket %d: %s", fd, std::strerror(errno));
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject* object)
{
    unregisterTimer(timerId);
    Timer t;
    t.object = object;
    t.intervalMs = std::max<qint64>(0, interval);
    t.type = timerType;
    t.deadlineNs = steadyNowNs() + t.intervalMs * kNsPerMs;
    m_timers.emplace(timerId, t);
    m_queue.emplace(t.deadlineNs, timerId);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_queue.erase({it->second.deadlineNs, timerId});
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject* object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->second.object == object) {
            m_queue.erase({it->second.deadlineNs, it->first});
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject* object) const
{
    QList<TimerInfo> out;
    for (const auto& [id, t] : m_timers) {
        if (t.object == object)
            out.append(TimerInfo(id, int(t.intervalMs), t.type));
    }
    return out;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return -1;
    return int(std::max<qint64>(0, (it->second.deadlineNs - steadyNowNs() + kNsPerMs - 1) / kNsPerMs));
}

int EpollEventDispatcher::waitTimeoutMs() const
{
    if (m_queue.empty())
        return -1;
    const qint64 leftNs = m_queue.begin()->first - steadyNowNs();
    if (leftNs <= 0)
        return 0;
    // Rounded up: waking a little late is a timer's nature, waking early would spin.
    return int(std::min<qint64>((leftNs + kNsPerMs - 1) / kNsPerMs, std::numeric_limits<int>::max()));
}

int EpollEventDispatcher::activateTimers()
{
    const qint64 now = steadyNowNs();
    QVarLengthArray<int, 32> due;
    for (auto it = m_queue.begin(); it != m_queue.end() && it->first <= now; ++it)
        due.append(it->second);
    int fired = 0;
    for (const int id : due) {
        auto it = m_timers.find(id);
        if (it == m_timers.end() || it->second.inTimerEvent || it->second.deadlineNs > now)
            continue; // stopped, restarted or still running by an earlier handler
        Timer& t = it->second;
        // The next deadline is set before delivery, as Qt does; one missed by far is not
        // caught up with a burst.
        m_queue.erase({t.deadlineNs, id});
        t.deadlineNs += t.intervalMs * kNsPerMs;
        if (t.deadlineNs <= now)
            t.deadlineNs = now + t.intervalMs * kNsPerMs;
        m_queue.emplace(t.deadlineNs, id);
        t.inTimerEvent = true;
        QObject* object = t.object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
        it = m_timers.find(id); // the handler may have stopped or replaced it
        if (it != m_timers.end())
            it->second.inTimerEvent = false;
    }
    return fired;
}

void EpollEventDispatcher::wakeUp()
{
    // Every posted event calls this: one write until the loop has seen it.
    tsanRelease(this);
    if (m_wakeUpPending.testAndSetAcquire(0, 1))
        eventfd_write(m_wake, 1);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupt.storeRelaxed(1);
    eventfd_write(m_wake, 1);
}

} // namespace dockpulse::eventloop
