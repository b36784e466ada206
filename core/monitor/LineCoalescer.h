#pragma once

#include "LogBatch.h"

#include <QTimer>

#include <functional>

namespace dockpulse::monitor {

// Gathers the lines a stream decodes and hands them on in batches. A busy engine sends a few
// lines per read; handing each read to the owner's thread would cost a queued call per read, so
// lines wait up to kCoalesceMs (or until the batch is large): a bounded delay, one hand-over per
// tick. A quiet container's line goes at once (one wake-up, no added delay).
class LineCoalescer
{
public:
    // Lines are handed on at most this much later than they were decoded...
    static constexpr int kCoalesceMs = 5;
    // ...or at once when a batch reaches this size.
    static constexpr qsizetype kFlushLines = 8192;
    static constexpr qsizetype kFlushBytes = 1 << 20;

    using Sink = std::function<void(const docker::LogBatch&)>;

    // timerParent: the timer follows it to its thread (moveToThread()).
    LineCoalescer(QObject* timerParent, Sink sink);

    // Where decoded lines go.
    docker::LogBatch& batch() { return m_batch; }
    // A read was decoded: hand the batch on now, or within kCoalesceMs.
    void chunkDecoded();
    // Hands on what is gathered, now.
    void flush();

private:
    Sink m_sink;
    docker::LogBatch m_batch;
    QTimer m_timer;
    qint64 m_lastFlushNs = 0;
};

} // namespace dockpulse::monitor
