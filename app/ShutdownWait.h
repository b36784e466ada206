#pragma once

#include <QEventLoop>
#include <QObject>

#include <utility>

namespace dockpulse::cli {

// Calls start() and runs an event loop until `sender` emits `signal` (start() may emit it at
// once). Between events the thread sleeps in the event dispatcher, so waiting costs no CPU.
// (processEvents(WaitForMoreEvents, ms) would spin: that overload ignores the flag.)
template <typename Sender, typename Signal, typename Start>
void runUntilSignal(Sender* sender, Signal signal, Start&& start)
{
    QEventLoop loop;
    bool done = false;
    // The loop is the context: the connection ends with this call.
    QObject::connect(sender, signal, &loop, [&done, &loop] {
        done = true;
        loop.quit();
    });
    std::forward<Start>(start)();
    if (!done)
        loop.exec();
}

} // namespace dockpulse::cli
