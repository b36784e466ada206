#pragma once

// Shared by the log decoding tests: captured engine output under tests/data/logs (made by
// capture.sh there), the lines its container script wrote, and sinks that record messages.

#include "LogFrameDecoder.h"
#include "LogMessage.h"
#include "LogTimestamp.h"

#include <QByteArrayList>
#include <QFile>
#include <QList>
#include <QMetaType>
#include <QString>

#include <cstring>

namespace logtest {

using namespace Qt::StringLiterals;
using dockpulse::docker::LogFrameDecoder;
using dockpulse::docker::LogMessage;
using dockpulse::docker::LogMessageSink;
using dockpulse::docker::LogStreamKind;

inline QByteArray readData(const QString& name)
{
    QFile file(QStringLiteral(DOCKPULSE_SOURCE_DIR "/tests/data/logs/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

// Printable ASCII stays, anything else becomes \xNN, so that failures show every byte.
inline QByteArray escape(QByteArrayView bytes)
{
    QByteArray out;
    for (const char c : bytes) {
        const auto u = static_cast<uchar>(c);
        if (u >= 0x20 && u < 0x7f && u != '\\')
            out += c;
        else
            out += "\\x" + QByteArray::number(u, 16).rightJustified(2, '0');
    }
    return out;
}

struct Recorded
{
    bool daemonError = false;
    qint64 timestampNs = 0;
    LogStreamKind stream = LogStreamKind::Stdout;
    QByteArray content;
    bool endsLine = true;
};

// "out 2026-11-29T05:04:10.206123456Z . text": '.' ends a line, '+' is a partial.
inline QByteArray describe(const Recorded& r)
{
    if (r.daemonError)
        return "daemon " + escape(r.content);
    return (r.stream == LogStreamKind::Stderr ? "err " : "out ") +
           dockpulse::docker::formatRfc3339Nanos(r.timestampNs) + (r.endsLine ? " . " : " + ") +
           escape(r.content);
}

// A multiplexed frame as dockerd sends it: [stream, 0, 0, 0, size as big-endian u32] payload.
inline QByteArray frame(quint8 stream, const QByteArray& payload)
{
    QByteArray out(8, '\0');
    out[0] = char(stream);
    const auto size = quint32(payload.size());
    out[4] = char(size >> 24);
    out[5] = char(size >> 16);
    out[6] = char(size >> 8);
    out[7] = char(size);
    return out + payload;
}

inline bool sameBytes(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && (a.isEmpty() || std::memcmp(a.data(), b.data(), size_t(a.size())) == 0);
}

class RecordingSink : public LogMessageSink
{
public:
    void onLogMessage(const LogMessage& m) override
    {
        messages.append(Recorded{false, m.timestampNs, m.stream, m.content.toByteArray(), m.endsLine});
        pointers.append(m.content.data());
    }
    void onDaemonError(QByteArrayView message) override
    {
        messages.append(Recorded{true, 0, LogStreamKind::Stdout, message.toByteArray(), true});
        pointers.append(message.data());
    }
    QByteArrayList transcript() const
    {
        QByteArrayList out;
        for (const Recorded& r : messages)
            out.append(describe(r));
        return out;
    }

    QList<Recorded> messages;
    QList<const char*> pointers;
};

// Compares messages with an expected sequence as they come, without copying them: for feeding a
// capture split at each of its ~77000 byte boundaries.
class CheckingSink : public LogMessageSink
{
public:
    explicit CheckingSink(const QList<Recorded>& expected) : m_expected(expected) {}

    void onLogMessage(const LogMessage& m) override
    {
        check(Recorded{false, m.timestampNs, m.stream, {}, m.endsLine}, m.content);
    }
    void onDaemonError(QByteArrayView message) override
    {
        check(Recorded{true, 0, LogStreamKind::Stdout, {}, true}, message);
    }
    // Empty when all expected messages came, and nothing else.
    QByteArray verdict() const
    {
        if (!m_mismatch.isEmpty())
            return m_mismatch;
        if (m_count != m_expected.size())
            return "got " + QByteArray::number(m_count) + " messages, expected " +
                   QByteArray::number(m_expected.size());
        return {};
    }

private:
    void check(Recorded got, QByteArrayView content)
    {
        const qsizetype i = m_count++;
        if (!m_mismatch.isEmpty())
            return;
        got.content = content.toByteArray();
        if (i >= m_expected.size()) {
            m_mismatch = "unexpected message #" + QByteArray::number(i) + ": " + describe(got).left(200);
            return;
        }
        const Recorded& e = m_expected[i];
        if (e.daemonError != got.daemonError || e.timestampNs != got.timestampNs || e.stream != got.stream ||
            e.endsLine != got.endsLine || !sameBytes(e.content, content))
            m_mismatch = "message #" + QByteArray::number(i) + " differs:\n  got      " +
                         describe(got).left(200) + "\n  expected " + describe(e).left(200);
    }

    const QList<Recorded>& m_expected;
    QByteArray m_mismatch;
    qsizetype m_count = 0;
};

// The captures made by tests/data/logs/capture.sh.
struct Capture
{
    QString name;
    bool tty;
    bool jsonFile; // json-file driver: invalid UTF-8 replaced, newlines kept; local: bytes kept
    LogFrameDecoder::Framing framing() const
    {
        return tty ? LogFrameDecoder::Framing::Raw : LogFrameDecoder::Framing::Multiplexed;
    }
};

inline QList<Capture> captures()
{
    return {{u"nontty-jsonfile"_s, false, true},
            {u"tty-jsonfile"_s, true, true},
            {u"nontty-local"_s, false, false},
            {u"tty-local"_s, true, false}};
}

// "12345678910..." and "2000019999...": the long lines capture.sh's script writes with seq.
inline QByteArray countingDigits(int from, int step, qsizetype size)
{
    QByteArray out;
    for (int i = from; out.size() < size; i += step)
        out += QByteArray::number(i);
    out.truncate(size);
    return out;
}

struct ScriptLine
{
    LogStreamKind stream;
    QByteArray text;
};

// The lines capture.sh's container writes, in order, as a complete line reads (no '\n'; for a
// TTY without the terminal's '\r'). The json-file driver stores UTF-8, so it replaced the two
// invalid bytes with U+FFFD each.
inline QList<ScriptLine> scriptLines(bool jsonFile)
{
    const QByteArray notUtf8 = jsonFile ? "\xef\xbf\xbd\xef\xbf\xbd"_ba : "\xff\xfe"_ba;
    const auto out = LogStreamKind::Stdout;
    const auto err = LogStreamKind::Stderr;
    return {{out, "first line on stdout"_ba},
            {err, "first line on stderr"_ba},
            {out, "tab\there, utf-8 caf\xc3\xa9, not utf-8 "_ba + notUtf8 + " end"_ba},
            {out, "carriage return\r inside and before the newline\r"_ba},
            {out, QByteArray()},
            {out, countingDigits(1, 1, 40000)},
            {err, countingDigits(20000, -1, 20000)},
            {out, countingDigits(1, 1, 16384)},
            {out, "after the long lines"_ba},
            {err, "last line on stderr"_ba},
            {out, "nonl"_ba}};
}

// A file's lines as `docker logs` printed them: split at '\n', a last piece without one is a line.
inline QByteArrayList splitLines(const QByteArray& bytes)
{
    QByteArrayList lines = bytes.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace logtest

Q_DECLARE_METATYPE(logtest::Capture)
