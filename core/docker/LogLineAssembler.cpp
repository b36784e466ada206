#include "LogLineAssembler.h"

#include "Utf8Bytes.h"

namespace dockpulse::docker {

void LogLineAssembler::add(const LogMessage& message, LogBatch& out)
{
    Pending& pending = m_pending[index(message.stream)];
    QByteArrayView content = message.content;
    // A terminal turns "\n" into "\r\n": the line's last '\r' is the terminal's (any before it the
    // program's). It is dropped before the cap is applied, so it never makes a piece of its own.
    if (m_tty && message.endsLine) {
        if (!content.isEmpty()) {
            if (content.back() == '\r')
                content.chop(1);
        } else if (pending.active && pending.text.endsWith('\r')) {
            pending.text.chop(1);
        }
    }
    if (!pending.active) {
        // The common case: a whole line goes from the decoder's view straight into the batch.
        if (message.endsLine && content.size() <= m_maxLine) {
            out.append(message.timestampNs, message.stream, content);
            return;
        }
        pending.active = true;
        pending.cut = false;
        pending.timestampNs = message.timestampNs; // a line's time is its first part's
        pending.text.resize(0);
    }
    pending.text.append(content);
    emitFullPieces(pending, message.stream, out);
    if (!message.endsLine)
        return;
    out.append(pending.timestampNs, message.stream, pending.text,
               pending.cut ? LinePiece::Last : LinePiece::Whole);
    pending.active = false;
    // Keep the buffer for the next long line unless it grew unusually large.
    if (pending.text.capacity() > 2 * m_maxLine || pending.text.capacity() > 4 * 1024 * 1024)
        pending.text.clear();
    else
        pending.text.resize(0);
}

void LogLineAssembler::emitFullPieces(Pending& pending, LogStreamKind stream, LogBatch& out)
{
    // Only while more than the cap is held: a piece of exactly the cap may still be the whole
    // line, if its newline comes in the next message.
    const QByteArrayView text(pending.text);
    qsizetype from = 0;
    while (text.size() - from > m_maxLine) {
        const QByteArrayView rest = text.sliced(from);
        const qsizetype size = utf8::cutBefore(rest, m_maxLine);
        out.append(pending.timestampNs, stream, rest.first(size),
                   pending.cut ? LinePiece::Middle : LinePiece::First);
        pending.cut = true;
        from += size;
    }
    if (from > 0)
        pending.text.remove(0, from);
}

std::optional<LogLineAssembler::HeldLine> LogLineAssembler::held(LogStreamKind stream) const
{
    const Pending& pending = m_pending[index(stream)];
    if (!pending.active)
        return std::nullopt;
    return HeldLine{pending.cut, pending.timestampNs, pending.text};
}

void LogLineAssembler::hold(LogStreamKind stream, HeldLine line)
{
    Pending& pending = m_pending[index(stream)];
    pending.active = true;
    pending.cut = line.cut;
    pending.timestampNs = line.timestampNs;
    pending.text = std::move(line.text);
}

void LogLineAssembler::flush(LogBatch& out)
{
    constexpr LogStreamKind kStreams[2] = {LogStreamKind::Stdout, LogStreamKind::Stderr};
    for (int i = 0; i < 2; ++i) {
        Pending& pending = m_pending[i];
        if (!pending.active)
            continue;
        // As it is: a cut line's last byte is no line end, even if it is a '\r'.
        out.append(pending.timestampNs, kStreams[i], pending.text,
                   pending.cut ? LinePiece::Last : LinePiece::Whole);
        pending.active = false;
        pending.text.clear();
    }
}

} // namespace dockpulse::docker
