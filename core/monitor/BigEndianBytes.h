#pragma once

#include <QByteArrayView>
#include <QtEndian>

namespace dockpulse::monitor {

// Fixed-width fields written and read big-endian by hand, for the snapshots the store keeps
// (CursorSnapshot.cpp, ResumePoint.cpp): one buffer sized up front, no QDataStream.
class BigEndianWriter
{
public:
    explicit BigEndianWriter(char* at) : m_at(at) {}
    template <typename T>
    void put(T value)
    {
        qToBigEndian(value, m_at);
        m_at += sizeof(T);
    }
    void putBytes(QByteArrayView bytes)
    {
        if (!bytes.isEmpty())
            memcpy(m_at, bytes.data(), size_t(bytes.size()));
        m_at += bytes.size();
    }

private:
    char* m_at;
};

// Reads fields until the bytes run out; then every later read gives 0 (or nothing) and ok() is
// false.
class BigEndianReader
{
public:
    explicit BigEndianReader(QByteArrayView bytes) : m_bytes(bytes) {}
    template <typename T>
    T get()
    {
        if (m_bytes.size() - m_at < qsizetype(sizeof(T))) {
            m_short = true;
            return T{};
        }
        const T value = qFromBigEndian<T>(m_bytes.data() + m_at);
        m_at += sizeof(T);
        return value;
    }
    QByteArrayView getBytes(qsizetype size)
    {
        if (size < 0 || m_bytes.size() - m_at < size) {
            m_short = true;
            return {};
        }
        const QByteArrayView bytes = m_bytes.sliced(m_at, size);
        m_at += size;
        return bytes;
    }
    bool ok() const { return !m_short; }
    qsizetype left() const { return m_bytes.size() - m_at; }

private:
    QByteArrayView m_bytes;
    qsizetype m_at = 0;
    bool m_short = false;
};

} // namespace dockpulse::monitor
