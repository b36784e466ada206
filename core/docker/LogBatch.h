#pragma once

#include "LogMessage.h"

#include <QByteArray>
#include <QList>

namespace dockpulse::docker {

// Complete log lines in one contiguous buffer: one allocation per batch, not per line, because
// a noisy container delivers hundreds of thousands of lines per second.
class LogBatch
{
public:
    struct Entry
    {
        qint64 timestampNs;
        qint32 offset;
        qint32 size;
        LogStreamKind stream;
    };

    void append(qint64 timestampNs, LogStreamKind stream, QByteArrayView text);
    void clear();
    void reserve(qsizetype lines, qsizetype bytes);

    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    const Entry& entry(qsizetype i) const { return m_entries[i]; }
    QByteArrayView text(qsizetype i) const
    {
        const Entry& e = m_entries[i];
        return QByteArrayView(m_bytes.constData() + e.offset, e.size);
    }
    qsizetype byteSize() const { return m_bytes.size(); }

private:
    QByteArray m_bytes;
    QList<Entry> m_entries;
};

} // namespace dockpulse::docker
