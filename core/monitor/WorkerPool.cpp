#include "WorkerPool.h"

#include "EventDispatcher.h"

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

void WorkerPool::QuitAndWait::operator()(QThread* thread) const
{
    thread->quit();
    thread->wait();
    delete thread;
}

WorkerPool::WorkerPool(int threads)
{
    m_threads.reserve(size_t(std::max(1, threads)));
    for (int i = 0; i < std::max(1, threads); ++i) {
        auto* thread = new QThread;
        thread->setObjectName(u"dockpulse-worker-%1"_s.arg(i));
        if (auto* dispatcher = eventloop::createSocketHeavyDispatcher())
            thread->setEventDispatcher(dispatcher);
        thread->start();
        m_threads.emplace_back(thread);
    }
}

WorkerPool::~WorkerPool() = default;

QThread* WorkerPool::next()
{
    QThread* thread = m_threads[m_next].get();
    m_next = (m_next + 1) % m_threads.size();
    return thread;
}

} // namespace dockpulse::monitor
