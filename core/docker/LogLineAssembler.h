#pragma once

#include "LogBatch.h"
#include "LogMessage.h"

#include <QByteArray>

namespace dockpulse::docker {

// Turns LogMessages into whole lines: rejoins 16 KiB partials per stream (stdout and stderr
// partials may interleave), and for TTY containers drops the '\r' of the terminal's "\r\n".
// It belongs to a task, not to a stream: a line cut by a stream rotation is completed by the
// next stream. Lines are appended to the batch given to add().
class LogLineAssembler
{
public:
    explicit LogLineAssembler(bool tty = false) : m_tty(tty) {}

    void setTty(bool tty) { m_tty = tty; }
    void add(const LogMessage& message, LogBatch& out);
    // Emits any unfinished line as it is (the container is gone: nothing will complete it).
    void flush(LogBatch& out);
    bool hasPending() const { return m_pending[0].active || m_pending[1].active; }

private:
    struct Pending
    {
        bool active = false;
        qint64 timestampNs = 0;
        QByteArray text;
    };
    void emitLine(qint64 ts, LogStreamKind stream, QByteArrayView text, LogBatch& out) const;

    bool m_tty;
    Pending m_pending[2]; // [0] stdout, [1] stderr
};

} // namespace dockpulse::docker
