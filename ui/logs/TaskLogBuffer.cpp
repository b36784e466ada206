#include "TaskLogBuffer.h"

namespace dockpulse::ui {

TaskLogBuffer::Line TaskLogBuffer::line(qint64 index) const
{
    Q_ASSERT(contains(index));
    const qint64 number = index / kChunkLines;
    const Chunk& chunk = m_chunks[static_cast<std::size_t>(number - m_chunks.front().number)];
    const Entry& e = chunk.entries[static_cast<std::size_t>(index % kChunkLines - chunk.skipped)];
    return Line{
        e.timestampNs, e.seq,  e.stream, e.level, QByteArrayView(chunk.bytes.constData() + e.offset, e.size),
        e.separator,   e.piece};
}

void TaskLogBuffer::append(qint64 timestampNs, docker::LogStreamKind stream, QByteArrayView bytes, qint64 seq,
                           docker::LogLevel level, docker::LinePiece piece)
{
    if (m_chunks.empty() || m_chunks.back().number != m_end / kChunkLines) {
        if (!m_chunks.empty())
            m_chunks.back().bytes.squeeze(); // full: give back the growth slack
        Chunk chunk{m_end / kChunkLines, m_end % kChunkLines, {}, {}};
        chunk.entries.reserve(static_cast<std::size_t>(kChunkLines - chunk.skipped));
        m_chunks.push_back(std::move(chunk));
    }
    Chunk& chunk = m_chunks.back();
    chunk.entries.push_back(Entry{timestampNs, seq, chunk.bytes.size(), static_cast<qint32>(bytes.size()),
                                  stream, level, false, piece});
    chunk.bytes.append(bytes.data(), bytes.size());
    ++m_end;
    m_byteCost += bytes.size() + kLineOverhead;
}

qsizetype TaskLogBuffer::appendSeparator(qint64 timestampNs, QByteArrayView text, qint64 seq,
                                         qint64 placeAfterNs)
{
    append(timestampNs, docker::LogStreamKind::Stdout, text, seq);
    std::vector<Entry>& entries = m_chunks.back().entries;
    entries.back().separator = true;
    // Entries hold offsets into their own chunk's bytes: within one chunk they can trade places.
    // Each index keeps its seq, so the order by index stays the order by seq.
    std::size_t at = entries.size() - 1;
    while (at > 0 && m_end - qint64(entries.size() - at) > m_first && !entries[at - 1].separator &&
           entries[at - 1].timestampNs > placeAfterNs) {
        std::swap(entries[at - 1], entries[at]);
        std::swap(entries[at - 1].seq, entries[at].seq);
        --at;
    }
    return qsizetype(entries.size() - 1 - at);
}

qsizetype TaskLogBuffer::trimTo(qsizetype keep)
{
    keep = qMax<qsizetype>(keep, 0);
    if (size() <= keep)
        return 0;
    const qint64 dropped = size() - keep;
    for (qint64 i = m_first; i < m_first + dropped; ++i)
        m_byteCost -= line(i).bytes.size() + kLineOverhead;
    m_first += dropped;
    // Free every chunk whose lines are all gone; an empty buffer frees everything.
    while (!m_chunks.empty()) {
        const Chunk& front = m_chunks.front();
        const qint64 chunkEnd = front.number * kChunkLines + front.skipped + qint64(front.entries.size());
        if (chunkEnd > m_first)
            break;
        m_chunks.pop_front();
    }
    return static_cast<qsizetype>(dropped);
}

void TaskLogBuffer::skip(qint64 count)
{
    Q_ASSERT(m_first == m_end);
    m_chunks.clear();
    m_byteCost = 0;
    m_first = m_end = m_end + count;
}

} // namespace dockpulse::ui
