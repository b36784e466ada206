#pragma once

#include <QtGlobal>

namespace dockpulse::monitor {

// Whether one container's log streams make progress: the bookkeeping behind two decisions of
// ContainerMonitor.
// - A stream that ended early with no new line is fruitless: its reopen waits a backoff that grows
//   (a follow stream the engine ends at once must not become a loop as fast as the engine answers).
// - Streams that open but bring no new line, although the engine has lines at or after the cursor
//   (the tail window fell short, or the stream ended before the lines expected at the cursor came),
//   make the cursor stuck once that lasted stuckAfterMs: an error and a stalled task, never silence.
//   A quiet log is not this (its streams bring the expected repeats, then nothing), nor an engine
//   that does not answer (its streams never open; that is `stalled` already).
class StreamProgress
{
public:
    enum class Change
    {
        None,
        Stuck,   // the cursor has not advanced for stuckAfterMs: report it, once
        Advances // a stream delivered again after the cursor was stuck
    };

    struct StreamEnd
    {
        qint64 delivered = 0;        // the cursor's count of delivered lines now
        bool opened = false;         // the stream opened (the engine answered)
        bool repeatsDone = false;    // the lines expected at the cursor all came again
        bool lastedDeadline = false; // it ended at its read deadline, not early
        qint64 nowNs = 0;            // a steady clock
    };

    explicit StreamProgress(qint64 stuckAfterMs = 0) : m_stuckAfterMs(stuckAfterMs) {}

    void setStuckAfterMs(qint64 ms) { m_stuckAfterMs = ms; }
    // A stream begins; delivered: the cursor's count of delivered lines.
    void streamBegan(qint64 delivered);
    // The current stream's tail window did not reach the cursor.
    void windowMissed() { m_windowMissed = true; }
    bool windowWasMissed() const { return m_windowMissed; }
    Change streamEnded(const StreamEnd& end);

    bool lastStreamFruitless() const { return m_lastFruitless; }
    bool stuck() const { return m_stuck; }
    // How long the cursor has made no progress that it should have made (0 when it does).
    qint64 noProgressForMs(qint64 nowNs) const;

private:
    qint64 m_stuckAfterMs;
    qint64 m_deliveredAtBegin = 0;
    qint64 m_noProgressSinceNs = 0; // the first stream in a row that brought nothing, though it should have
    bool m_windowMissed = false;
    bool m_lastFruitless = false;
    bool m_stuck = false;
};

} // namespace dockpulse::monitor
