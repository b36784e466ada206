#pragma once

#include "LogBatch.h"
#include "LogMessage.h"

#include <QByteArray>

#include <optional>

namespace dockpulse::docker {

// Turns LogMessages into whole lines: rejoins 16 KiB partials per stream (stdout and stderr
// partials may interleave), and for TTY containers drops the '\r' of the terminal's "\r\n".
// It belongs to a task, not to a stream: a line cut by a stream rotation is completed by the
// next stream. Lines are appended to the batch given to add().
//
// A line longer than maxLineBytes (a progress bar redrawn with '\r', base64 -w0, binary output)
// is not held until its newline, which may never come: it goes out as pieces of at most
// maxLineBytes (LinePiece First, Middle..., Last), each as soon as it is full, so what a line
// holds in memory is bounded by the cap plus one message. Pieces are cut between UTF-8
// sequences where the bytes allow. Every piece has the line's first timestamp.
class LogLineAssembler
{
public:
    // An unfinished line held for its stream: what a resume point keeps so that a line cut by a
    // crash is completed by the next run (ResumePoint). cut: its First piece already went out.
    struct HeldLine
    {
        bool cut = false;
        qint64 timestampNs = 0;
        QByteArray text;

        bool operator==(const HeldLine&) const = default;
    };

    static constexpr qsizetype kDefaultMaxLineBytes = qsizetype(1) << 20;

    explicit LogLineAssembler(bool tty = false, qsizetype maxLineBytes = kDefaultMaxLineBytes)
        : m_tty(tty), m_maxLine(maxLineBytes < 1 ? 1 : maxLineBytes)
    {}

    void setTty(bool tty) { m_tty = tty; }
    // Applies from the next message on; at least 1.
    void setMaxLineBytes(qsizetype bytes) { m_maxLine = bytes < 1 ? 1 : bytes; }
    qsizetype maxLineBytes() const { return m_maxLine; }
    void add(const LogMessage& message, LogBatch& out);
    // Emits any unfinished line as it is (the container is gone: nothing will complete it).
    void flush(LogBatch& out);
    bool hasPending() const { return m_pending[0].active || m_pending[1].active; }
    // Bytes held for unfinished lines (at most the cap plus one message per stream).
    qsizetype pendingBytes() const { return m_pending[0].text.size() + m_pending[1].text.size(); }
    // The unfinished line of that stream, if any.
    std::optional<HeldLine> held(LogStreamKind stream) const;
    // Holds that line again (from a resume point), replacing what the stream held.
    void hold(LogStreamKind stream, HeldLine line);

private:
    struct Pending
    {
        bool active = false;
        bool cut = false; // a First piece went out: what follows is Middle or Last
        qint64 timestampNs = 0;
        QByteArray text;
    };
    // Sends full pieces while the pending text is longer than the cap.
    void emitFullPieces(Pending& pending, LogStreamKind stream, LogBatch& out);

    bool m_tty;
    qsizetype m_maxLine;
    static int index(LogStreamKind stream) { return stream == LogStreamKind::Stderr ? 1 : 0; }

    Pending m_pending[2]; // [0] stdout, [1] stderr
};

} // namespace dockpulse::docker
