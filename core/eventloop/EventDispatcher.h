#pragma once

class QAbstractEventDispatcher;

namespace dockpulse::eventloop {

// The event dispatcher for a thread that waits on many sockets (the workers, and headless mode's
// main thread): epoll on Linux; elsewhere, or with DOCKPULSE_POLL_DISPATCHER=1 (to compare the
// two in one run), nullptr, which leaves Qt's own dispatcher in place.
QAbstractEventDispatcher* createSocketHeavyDispatcher();

} // namespace dockpulse::eventloop
