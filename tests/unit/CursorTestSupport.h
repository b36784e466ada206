#pragma once

// Shared by the cursor tests: a log message as a simulated engine keeps it, and the view of it
// the cursor is fed.

#include "LogMessage.h"

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <optional>

namespace cursortest {

struct Msg
{
    qint64 ts;
    dockpulse::docker::LogStreamKind stream;
    QByteArray text;
    bool endsLine = true; // false: a piece of a long line, continued by the next piece
    bool operator==(const Msg&) const = default;
};

inline dockpulse::docker::LogMessage view(const Msg& m)
{
    return dockpulse::docker::LogMessage{m.ts, m.stream, QByteArrayView(m.text), m.endsLine};
}

// A json-file log as the engine serves it (behaviour pinned against Docker 20.10): append-only;
// `tail` takes the last N messages first, then `since` (inclusive) filters those.
struct FakeEngineLog
{
    QList<Msg> messages;

    QList<Msg> stream(std::optional<qint64> since, qint64 tail) const
    {
        QList<Msg> out;
        qsizetype from = 0;
        if (tail >= 0)
            from = std::max<qsizetype>(0, messages.size() - tail);
        for (qsizetype i = from; i < messages.size(); ++i)
            if (!since || messages[i].ts >= *since)
                out.append(messages[i]);
        return out;
    }
};

// Messages stamped as dockerd stamps them: each stream's copier stamps its lines in order, the
// two streams a little out of order with each other (within jitterNs); the pieces of a long line
// (distinctEvery of them) share its timestamp and stream, all but the last without the line's
// end. Repeated texts too: identity is (position), never just (ts, text).
inline QList<Msg> makeMessages(int count, qint64 startNs, int distinctEvery, qint64 jitterNs,
                               QRandomGenerator& rng)
{
    QList<Msg> out;
    qint64 ts = startNs;
    std::array<qint64, 2> head{0, 0};
    for (int i = 0; i < count;) {
        ts += 1000;
        const qint64 jitter = jitterNs > 0 ? qint64(rng.bounded(quint64(jitterNs))) : 0;
        const auto stream = rng.bounded(3) == 0 ? dockpulse::docker::LogStreamKind::Stderr
                                                : dockpulse::docker::LogStreamKind::Stdout;
        qint64& last = head[stream == dockpulse::docker::LogStreamKind::Stderr ? 1 : 0];
        last = std::max(ts + jitter, last + 1);
        for (int piece = 0; piece < distinctEvery && i < count; ++piece, ++i) {
            const bool ends = piece == distinctEvery - 1 || i == count - 1;
            out.append({last, stream, QByteArray("line ") + QByteArray::number(i % 7), ends});
        }
    }
    return out;
}

} // namespace cursortest
