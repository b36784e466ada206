#pragma once

#include "LogBatch.h"
#include "LogLevel.h"
#include "LogMessage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <deque>
#include <limits>
#include <vector>

namespace dockpulse::ui {

// The retained lines of one task, addressed by a per-task index that only grows (line n is the
// n-th line the task ever delivered), so references held by views stay meaningful across trims.
// Lines live in chunks of kChunkLines with one byte buffer each: one allocation per chunk rather
// than per line, O(1) lookup by index, and trimming from the front frees whole chunks.
class TaskLogBuffer
{
public:
    static constexpr qint64 kChunkLines = 1024;
    static constexpr qint64 kLineOverhead = 32; // sizeof(Entry), asserted below

    struct Line
    {
        qint64 timestampNs = 0;
        qint64 seq = 0; // arrival order across every task of the store
        docker::LogStreamKind stream = docker::LogStreamKind::Stdout;
        docker::LogLevel level = docker::LogLevel::Unknown; // detected once, when the line arrived
        QByteArrayView bytes;                               // valid until the line is trimmed
        // Not a log line: a mark the view shows between lines (a container restart), whose bytes
        // are its text. Never exported, never a search match.
        bool separator = false;
        // Part of a line longer than the line cap (LinePiece): the view marks the pieces.
        docker::LinePiece piece = docker::LinePiece::Whole;
    };

    explicit TaskLogBuffer(QString task) : m_task(std::move(task)) {}

    const QString& task() const { return m_task; }
    const QString& containerName() const { return m_containerName; }
    void setContainerName(const QString& name) { m_containerName = name; }

    qint64 firstIndex() const { return m_first; } // oldest retained line
    qint64 endIndex() const { return m_end; }     // one past the newest line
    qsizetype size() const { return static_cast<qsizetype>(m_end - m_first); }
    // What the retained lines cost: their bytes plus their index entries (kLineOverhead each).
    // The store's global budget counts this.
    qint64 byteCost() const { return m_byteCost; }
    bool contains(qint64 index) const { return index >= m_first && index < m_end; }
    // index must be contained.
    Line line(qint64 index) const;

    // bytes: at most monitor::kMaxLineBytes (the assembler's cap), so its size fits the entry's 32 bits.
    void append(qint64 timestampNs, docker::LogStreamKind stream, QByteArrayView bytes, qint64 seq,
                docker::LogLevel level = docker::LogLevel::Unknown,
                docker::LinePiece piece = docker::LinePiece::Whole);
    // A separator row (Line::separator) at `timestampNs`: after the lines so far, but before the
    // newest ones later than `placeAfterNs` (a restart's first lines, read before the restart was
    // seen), as far back as the newest chunk goes. Indices and seqs stay in order: the lines it
    // goes before move up one index. Returns how many lines it went before.
    qsizetype appendSeparator(qint64 timestampNs, QByteArrayView text, qint64 seq,
                              qint64 placeAfterNs = std::numeric_limits<qint64>::max());
    // Drops the oldest lines so that at most `keep` remain; returns how many were dropped.
    qsizetype trimTo(qsizetype keep);
    // Counts `count` lines as delivered and already dropped; the buffer must be empty.
    void skip(qint64 count);

private:
    struct Entry
    {
        qint64 timestampNs;
        qint64 seq;
        qsizetype offset;
        qint32 size;
        docker::LogStreamKind stream;
        docker::LogLevel level;  // in the padding after stream: no extra memory per line
        bool separator;          // likewise
        docker::LinePiece piece; // likewise, the last byte of padding
    };
    static_assert(sizeof(Entry) == kLineOverhead, "a line's index entry is what kLineOverhead counts");
    struct Chunk
    {
        qint64 number;  // index / kChunkLines of its lines
        qint64 skipped; // slots before its first entry (a chunk started after the buffer emptied)
        QByteArray bytes;
        std::vector<Entry> entries;
    };

    QString m_task;
    QString m_containerName;
    std::deque<Chunk> m_chunks;
    qint64 m_first = 0;
    qint64 m_end = 0;
    qint64 m_byteCost = 0;
};

} // namespace dockpulse::ui
