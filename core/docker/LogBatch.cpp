#include "LogBatch.h"

namespace dockpulse::docker {

void LogBatch::append(qint64 timestampNs, LogStreamKind stream, QByteArrayView text, LinePiece piece)
{
    const qsizetype offset = m_bytes.size();
    m_bytes.append(text.data(), text.size());
    m_entries.append(Entry{timestampNs, offset, text.size(), stream, piece});
}

void LogBatch::clear()
{
    // Both by assignment, never QByteArray::clear() or QList::clear(): a copy of the batch may
    // still be shared with the thread it was sent to. QList::clear() keeps the buffer when its
    // reference count looks unshared, but reads that count relaxed, which orders nothing: the next
    // append then wrote where the other thread had just read (ThreadSanitizer caught it in CI's
    // tst_timelines). Dropping the reference is an acquire-release step and the next append
    // allocates afresh: one allocation per batch, as the class promises.
    m_bytes = QByteArray();
    m_entries = QList<Entry>();
}

void LogBatch::reserve(qsizetype lines, qsizetype bytes)
{
    m_entries.reserve(lines);
    m_bytes.reserve(bytes);
}

} // namespace dockpulse::docker
