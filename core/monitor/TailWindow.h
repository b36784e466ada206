#pragma once

#include <QtGlobal>

#include <optional>

namespace dockpulse::monitor {

// How many lines a stream must ask for from the end of the log (`tail`) to reach back to the
// cursor: the backlog of lines written after it. A json-file engine finds `since` by decoding
// its log from the first line, which on a big log outlasts a short read deadline; seeking a tail
// window from the end costs only the window. Too small a window is detected at once (the
// stream's first line is not the expected repeat) and costs one cheap retry; too large a window
// costs the engine decoding lines it then filters out. So the estimate keeps bounds on the
// backlog, lo < backlog <= hi, and narrows them by bisection:
//   missed(w): the backlog is larger than w        reached(w): it is at most w
//   consumed(n): n lines of it were delivered      newStream(): lines written since may add some
// The bounds hold when measured; between two streams the writer adds lines, which the upper
// bound allows for. That allowance doubles with each miss (and halves with each reach): with a
// fixed allowance a writer adding more lines per stream than it kept the bisection below the
// backlog for good, the window growing by the allowance per retry (issue 12 item 2).
class TailWindow
{
public:
    static constexpr qint64 kMinimum = 1024; // also the least allowance for lines written between streams
    static constexpr qint64 kMaximum = 1 << 26;

    // The window (lines after the cursor) to ask for next.
    qint64 next() const;
    void missed(qint64 window);
    void reached(qint64 window);
    // The backlog was exactly `lines` (the stream began at a known repeat).
    void measured(qint64 lines, qint64 window);
    void consumed(qint64 lines);
    void newStream();

    qint64 lowerBound() const { return m_lo; }
    std::optional<qint64> upperBound() const { return m_hi; }
    qint64 allowance() const { return m_allowance; }

private:
    qint64 m_lo = 0;
    std::optional<qint64> m_hi;
    qint64 m_allowance = kMinimum; // lines the writer may add between two streams
};

} // namespace dockpulse::monitor
