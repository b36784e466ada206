#pragma once

#include <QAbstractEventDispatcher>
#include <QAtomicInt>

#include <set>
#include <unordered_map>
#include <utility>

class QSocketNotifier;
struct epoll_event;

namespace dockpulse::eventloop {

// The event dispatcher of the worker threads. Qt 6.4's dispatchers (glib's and Qt's own) poll()
// every socket of a thread at every wakeup: with a hundred log streams per thread and one line
// arriving at a time, that scan was about a third of the CPU of 200 monitored containers
// (docs/PERFORMANCE.md). epoll reports only the sockets that are ready, so a wakeup costs the
// same whatever the number of streams; timers sit in an ordered set for the same reason.
//
// Semantics follow QEventDispatcherUNIX: posted events first, then ready sockets (level
// triggered; a hang-up or error wakes every notifier of the socket), then due timers, each at
// most once per pass and never re-entered from its own handler. Linux only.
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject* parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier* notifier) override;
    void unregisterSocketNotifier(QSocketNotifier* notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject* object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject* object) override;
    QList<TimerInfo> registeredTimers(QObject* object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    struct Watch
    {
        QSocketNotifier* read = nullptr;
        QSocketNotifier* write = nullptr;
        QSocketNotifier* exception = nullptr;
    };
    struct Timer
    {
        QObject* object = nullptr;
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        qint64 deadlineNs = 0;
        bool inTimerEvent = false;
    };

    void updateEpoll(int fd, const Watch& watch, bool isNew);
    int activateSockets(const ::epoll_event* events, int count, bool deliver);
    int activateTimers();
    int waitTimeoutMs() const;

    int m_epoll = -1;
    int m_wake = -1; // eventfd: wakeUp() from any thread
    QAtomicInt m_interrupt;
    QAtomicInt m_wakeUpPending;
    std::unordered_map<int, Watch> m_watches;
    std::unordered_map<int, Timer> m_timers;
    std::set<std::pair<qint64, int>> m_queue; // (deadline, timer id), soonest first
};

} // namespace dockpulse::eventloop
