#include "EventDispatcher.h"

#ifdef DOCKPULSE_HAVE_EPOLL
#include "EpollEventDispatcher.h"
#endif

#include <QtGlobal>

namespace dockpulse::eventloop {

QAbstractEventDispatcher* createSocketHeavyDispatcher()
{
#ifdef DOCKPULSE_HAVE_EPOLL
    if (qEnvironmentVariableIsEmpty("DOCKPULSE_POLL_DISPATCHER"))
        return new EpollEventDispatcher;
#endif
    return nullptr;
}

} // namespace dockpulse::eventloop
