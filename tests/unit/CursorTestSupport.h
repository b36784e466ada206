#pragma once

// Shared by the cursor tests: a log message as a simulated engine keeps it, and the view of it
// the cursor is fed.

#include "LogMessage.h"

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>
#include <QtTest>

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

// The shapes of log the rotation properties run over, `seeds` of each: one line per timestamp,
// 50 pieces per timestamp, the stdout and stderr copiers stamping a little out of order (well
// within the margin), --tail 10 and --tail 0.
struct LogShape
{
    int seed = 0;
    int distinctEvery = 1; // messages per timestamp
    qint64 jitterNs = 0;   // out-of-order stamping within this range
    qint64 tail = -1;
};

inline void addLogShapeRows(int seeds)
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("distinctEvery");
    QTest::addColumn<qint64>("jitterNs");
    QTest::addColumn<qint64>("tail");
    for (int seed = 1; seed <= seeds; ++seed) {
        QTest::addRow("unique ts seed %d", seed) << seed << 1 << qint64(0) << qint64(-1);
        QTest::addRow("50 per ts seed %d", seed) << seed << 50 << qint64(0) << qint64(-1);
        QTest::addRow("reordered seed %d", seed) << seed << 1 << qint64(200'000) << qint64(-1);
        QTest::addRow("tail 10 seed %d", seed) << seed << 3 << qint64(0) << qint64(10);
        QTest::addRow("tail 0 seed %d", seed) << seed << 2 << qint64(0) << qint64(0);
    }
}

inline LogShape fetchLogShape()
{
    QFETCH(int, seed);
    QFETCH(int, distinctEvery);
    QFETCH(qint64, jitterNs);
    QFETCH(qint64, tail);
    return {seed, distinctEvery, jitterNs, tail};
}

// A container's log when its task starts: some history already in the engine's log, then what
// is written later, stamped after the engine's clock reading at the first stream.
struct TaskLog
{
    QList<Msg> all;
    qsizetype history = 0;
    qint64 engineStartNs = 0;

    FakeEngineLog engineAtStart() const { return FakeEngineLog{all.first(history)}; }
    QList<Msg> later() const { return all.sliced(history); }
};

inline TaskLog taskLog(int total, const LogShape& shape, QRandomGenerator& rng)
{
    TaskLog log;
    const qint64 base = 1'700'000'000'000'000'000LL;
    log.history = rng.bounded(0, 200);
    log.engineStartNs = base + 100'000'000;
    log.all = makeMessages(int(log.history), base, shape.distinctEvery, shape.jitterNs, rng);
    log.all += makeMessages(total - int(log.history), log.engineStartNs + shape.jitterNs, shape.distinctEvery,
                            shape.jitterNs, rng);
    return log;
}

} // namespace cursortest
