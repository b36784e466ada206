#pragma once

#include "LogMessage.h"

#include <QByteArray>
#include <QString>

namespace dockpulse::docker {

// Decodes the body of GET /containers/{id}/logs?timestamps=1 into LogMessages, incrementally.
//
// Multiplexed (non-TTY containers): frames of an 8-byte header [stream, 0, 0, 0, size as
// big-endian u32] and a payload "<timestamp> <text>". Stream 0 and 1 are stdout, 2 stderr, 3 an
// error from the daemon. One frame carries one message.
//
// Raw (TTY containers; chosen from inspect's Config.Tty, never guessed): the bytes are
// "<timestamp> <text>\n" back to back with no framing.
//
// A message whose text does not end in '\n' is a 16 KiB partial (endsLine false) when it is at
// least kPartialSize long; a shorter one is a last line the container ended without a newline
// (or the last part of a long line: the local and journald drivers drop its newline). In raw
// mode a text that reaches kPartialSize bytes without '\n' is a partial; the message after one
// may lack its timestamp (continuation text) or its newline ("\r<timestamp> " follows instead).
// Frame headers with a stream above 3, non-zero padding or a size above 16 MiB are errors; after
// an error nothing more is decoded until reset().
// Input may be split anywhere; complete messages in a feed are passed as views into it
// without copying, incomplete ones are carried over to the next feed.
class LogFrameDecoder
{
public:
    enum class Framing
    {
        Multiplexed,
        Raw
    };
    static constexpr qsizetype kPartialSize = 16 * 1024;
    static constexpr qsizetype kMaxTimestampLength = 40;

    explicit LogFrameDecoder(Framing framing) : m_framing(framing) {}

    Framing framing() const { return m_framing; }

    // Decodes what it can. Returns false once the input is malformed (then errorString()).
    bool feed(QByteArrayView bytes, LogMessageSink& sink);
    // The stream ended at EOF (the engine closed it): in raw mode, trailing text without a
    // newline is a final message. Returns false if a multiplexed frame was cut short.
    bool finish(LogMessageSink& sink);
    // Forgets any incomplete input and any error (the stream was aborted; the cursor re-reads it).
    void reset();

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // Bytes held back waiting for the rest of a message.
    qsizetype pendingBytes() const { return m_carry.size(); }

private:
    bool feedMultiplexed(QByteArrayView bytes, LogMessageSink& sink);
    bool feedRaw(QByteArrayView bytes, LogMessageSink& sink);
    bool emitPayload(quint8 streamByte, QByteArrayView payload, LogMessageSink& sink);
    qsizetype decodeRawMessage(QByteArrayView bytes, bool atEof, LogMessageSink& sink);
    bool checkHeader(const char* header);
    void dropCarry();
    bool fail(const QString& message);

    Framing m_framing;
    QByteArray m_carry;
    QString m_error;
    // Raw mode: after a 16 KiB partial the next message continues the same line.
    bool m_rawContinuation = false;
    qint64 m_rawContinuationTs = 0;
};

} // namespace dockpulse::docker
