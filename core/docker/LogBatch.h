#pragma once

#include "LogMessage.h"

#include <QByteArray>
#include <QList>

namespace dockpulse::docker {

// Where a row stands in its logical line. A line longer than the assembler's cap
// (MonitorSettings::maxLineBytes) is delivered as pieces of at most the cap: First, any number of
// Middle, then Last; concatenated in order they are the line's exact bytes. Pieces of one line
// come in order on their stream; lines of the other stream may come between them.
enum class LinePiece : quint8
{
    Whole,  // a complete line
    First,  // the start of a cut line: the next piece of its stream continues it
    Middle, // continues the previous piece and is continued by the next
    Last    // the end of a cut line
};

// More of the same line follows in the next piece of the stream.
constexpr bool isContinued(LinePiece piece)
{
    return piece == LinePiece::First || piece == LinePiece::Middle;
}

// Log lines (or pieces of over-long ones, see LinePiece) in one contiguous buffer: one allocation
// per batch, not per line, because a noisy container delivers hundreds of thousands of lines per
// second.
class LogBatch
{
public:
    struct Entry
    {
        qint64 timestampNs;
        qsizetype offset; // 64-bit: a batch may hold more than 2 GiB of text
        qsizetype size;
        LogStreamKind stream;
        LinePiece piece;
    };

    void append(qint64 timestampNs, LogStreamKind stream, QByteArrayView text,
                LinePiece piece = LinePiece::Whole);
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
