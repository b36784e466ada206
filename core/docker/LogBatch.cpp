#include "LogBatch.h"

namespace dockpulse::docker {

void LogBatch::append(qint64 timestampNs, LogStreamKind stream, QByteArrayView text)
{
    const auto offset = static_cast<qint32>(m_bytes.size());
    m_bytes.append(text.data(), text.size());
    m_entries.append(Entry{timestampNs, offset, static_cast<qint32>(text.size()), stream});
}

void LogBatch::clear()
{
    m_bytes.clear();
    m_entries.clear();
}

void LogBatch::reserve(qsizetype lines, qsizetype bytes)
{
    m_entries.reserve(lines);
    m_bytes.reserve(bytes);
}

} // namespace dockpulse::docker
