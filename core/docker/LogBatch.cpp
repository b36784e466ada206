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
    // The text by assignment, not QByteArray::clear(): a copy of it may still be shared with the
    // thread a batch was sent to, and releasing it in inlined code lets ThreadSanitizer see that
    // thread's release of it (clear() does it inside the uninstrumented Qt library). QList's
    // clear() is inline and keeps an unshared list's capacity.
    m_bytes = QByteArray();
    m_entries.clear();
}

void LogBatch::reserve(qsizetype lines, qsizetype bytes)
{
    m_entries.reserve(lines);
    m_bytes.reserve(bytes);
}

} // namespace dockpulse::docker
