#include "LogLineAssembler.h"

namespace dockpulse::docker {

void LogLineAssembler::add(const LogMessage& message, LogBatch& out)
{
    Pending& pending = m_pending[message.stream == LogStreamKind::Stderr ? 1 : 0];
    if (!pending.active) {
        // The common case: a whole line goes from the decoder's view straight into the batch.
        if (message.endsLine) {
            emitLine(message.timestampNs, message.stream, message.content, out);
            return;
        }
        pending.active = true;
        pending.timestampNs = message.timestampNs; // a line's time is its first part's
        pending.text.resize(0);
        pending.text.append(message.content);
        return;
    }
    pending.text.append(message.content);
    if (!message.endsLine)
        return;
    emitLine(pending.timestampNs, message.stream, pending.text, out);
    pending.active = false;
    // Keep the buffer for the next long line unless it grew unusually large.
    if (pending.text.capacity() > 1024 * 1024)
        pending.text.clear();
    else
        pending.text.resize(0);
}

void LogLineAssembler::flush(LogBatch& out)
{
    constexpr LogStreamKind kStreams[2] = {LogStreamKind::Stdout, LogStreamKind::Stderr};
    for (int i = 0; i < 2; ++i) {
        Pending& pending = m_pending[i];
        if (!pending.active)
            continue;
        // As it is: a cut line's last byte is no line end, even if it is a '\r'.
        out.append(pending.timestampNs, kStreams[i], pending.text);
        pending.active = false;
        pending.text.clear();
    }
}

void LogLineAssembler::emitLine(qint64 ts, LogStreamKind stream, QByteArrayView text, LogBatch& out) const
{
    // A terminal turns "\n" into "\r\n"; one '\r' is the terminal's, any before it the program's.
    if (m_tty && !text.isEmpty() && text.back() == '\r')
        text.chop(1);
    out.append(ts, stream, text);
}

} // namespace dockpulse::docker
