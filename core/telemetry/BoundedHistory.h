#pragma once

#include <QList>

#include <deque>

namespace dockpulse::telemetry {

// The newest `capacity` items, oldest first; pushing past the cap drops the oldest and counts
// it. Keeps long runs at flat memory: a deque frees its blocks as the oldest items go, so a
// full history costs the same however long it ran.
template <typename T>
class BoundedHistory
{
public:
    explicit BoundedHistory(qsizetype capacity) : m_capacity(std::max<qsizetype>(1, capacity)) {}

    void push(T item)
    {
        m_items.push_back(std::move(item));
        if (size() > m_capacity)
            dropOldest();
    }
    // Drops the oldest item (a byte budget above this history decides when); counts it.
    void dropOldest()
    {
        m_items.pop_front();
        ++m_dropped;
    }
    qsizetype size() const { return qsizetype(m_items.size()); }
    qsizetype capacity() const { return m_capacity; }
    bool isEmpty() const { return m_items.empty(); }
    // i = 0 is the oldest kept item.
    const T& at(qsizetype i) const { return m_items[size_t(i)]; }
    const T& first() const { return m_items.front(); }
    const T& last() const { return m_items.back(); }
    qint64 dropped() const { return m_dropped; }
    void clear()
    {
        m_items.clear();
        m_dropped = 0;
    }
    template <typename F>
    void forEach(F&& f) const
    {
        for (const T& item : m_items)
            f(item);
    }
    QList<T> toList() const
    {
        QList<T> out;
        out.reserve(size());
        forEach([&](const T& t) { out.append(t); });
        return out;
    }

private:
    qsizetype m_capacity;
    std::deque<T> m_items;
    qint64 m_dropped = 0;
};

} // namespace dockpulse::telemetry
