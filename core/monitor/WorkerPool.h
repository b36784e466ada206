#pragma once

#include <QThread>

#include <memory>
#include <vector>

namespace dockpulse::monitor {

// A fixed set of event-loop threads that host the container monitors and their log readers.
// Fixed, because the thread count must stay flat however many streams rotate (seed Diagram 6).
class WorkerPool
{
public:
    explicit WorkerPool(int threads);
    ~WorkerPool(); // quits every thread and waits for it

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // The thread for the next monitor, round robin.
    QThread* next();
    int size() const { return int(m_threads.size()); }
    QThread* thread(int i) const { return m_threads[size_t(i)].get(); }

private:
    struct QuitAndWait
    {
        void operator()(QThread* thread) const;
    };
    std::vector<std::unique_ptr<QThread, QuitAndWait>> m_threads;
    size_t m_next = 0;
};

} // namespace dockpulse::monitor
