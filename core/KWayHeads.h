#pragma once

#include <QtGlobal>

#include <algorithm>
#include <functional>
#include <vector>

namespace dockpulse {

// The heads of several ordered sources, for a k-way merge: push() each source's next element,
// pop() the one that comes first by `Before` on its key. Equal keys come out by source number,
// lower first, so a merge is stable when sources are numbered in the order that wins ties.
// O(log sources) per element. Used by the log view (newest lines first, by arrival seq) and by
// logs.csv (oldest first, by Docker's timestamp).
template <typename Key, typename Before = std::less<Key>>
class KWayHeads
{
public:
    struct Head
    {
        Key key;
        int source = 0;
        qint64 index = 0;
    };

    void reserve(std::size_t sources) { m_heap.reserve(sources); }
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }

    void push(const Head& head)
    {
        m_heap.push_back(head);
        std::push_heap(m_heap.begin(), m_heap.end(), &comesLater);
    }
    // The head that comes first; the heap must not be empty.
    Head pop()
    {
        std::pop_heap(m_heap.begin(), m_heap.end(), &comesLater);
        Head head = m_heap.back();
        m_heap.pop_back();
        return head;
    }

private:
    // std's heaps put the greatest element on top; "greatest" here is the one that comes first.
    static bool comesLater(const Head& a, const Head& b)
    {
        const Before before;
        if (before(b.key, a.key))
            return true;
        if (before(a.key, b.key))
            return false;
        return b.source < a.source;
    }

    std::vector<Head> m_heap;
};

} // namespace dockpulse
