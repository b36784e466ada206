#pragma once

#include <QList>

namespace dockpulse::telemetry {

// The newest `capacity` items, oldest first; pushing past the cap drops the oldest and counts
// it. Keeps long runs at flat memory.
template <typename T>
class BoundedHistory
{
public:
    explicit BoundedHistory(qsizetype capacity) : m_capacity(std::max<qsizetype>(1, capacity)) {}

    void push(T item)
    {
        if (m_items.size() < m_capacity) {
            m_items.append(std::move(item));
            return;
        }
        m_items[m_head] = std::move(item);
        m_head = (m_head + 1) % m_capacity;
        ++m_dropped;
    }
    qsizetype size() const { return m_items.size(); }
    qsizetype capacity() const { return m_capacity; }
    bool isEmpty() const { return m_items.isEmpty(); }
    // i = 0 is the oldest kept item.
    const T& at(qsizetype i) const { return m_items[(m_head + i) % m_items.size()]; }
    const T& last() const { return at(size() - 1); }
    qint64 dropped() const { return m_dropped; }
    void clear()
    {
        m_items.clear();
        m_head = 0;
        m_dropped = 0;
    }
    template <typename F>
    void forEach(F&& f) const
    {
        for (qsizetype i = 0; i < size(); ++i)
            f(at(i));
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
    QList<T> m_items;
    qsizetype m_head = 0; // index of the oldest item once full
    qint64 m_dropped = 0;
};

} // namespace dockpulse::telemetry
