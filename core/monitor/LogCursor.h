#pragma once

#include "LogMessage.h"
#include "TailWindow.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <array>

#include <deque>
#include <optional>

namespace dockpulse::monitor {

// Makes stream rotation lossless and duplicate-free.
//
// Each stream after the first asks the engine for `since=S` (inclusive, to the nanosecond),
// which repeats every message with a timestamp >= S that earlier streams already delivered.
// The cursor remembers the recent messages it delivered (timestamp, stream, size and a hash of
// the text); a new stream's first messages are matched against those with timestamp >= S and
// skipped exactly. That holds when many messages share one timestamp (the parts of a long line
// always do) and when stdout and stderr reach the log slightly out of timestamp order: S lies
// kReorderMargin before the newest timestamp seen, so a message that was written earlier but
// stamped a little later is still covered.
//
// With --tail N the lines before the tail window were left out on purpose; if some of them share
// the first tail line's exact timestamp they are told apart by order and fingerprint (a line
// identical in timestamp, stream and text straddling that boundary cannot be told apart).
//
// Until a stream has opened and delivered a message, each stream is requested as the first (a
// stream can open and end before its backlog arrives). With --tail N (N >= 0), once a stream has
// opened but before any message has arrived, S is the engine's clock at the first stream's start
// (engines can be remote and clocks differ), so nothing written after the task began is missed.
class LogCursor
{
public:
    static constexpr qint64 kReorderMarginNs = 50'000'000;
    // A stream with a tail window reaches back at most this many delivered lines before the
    // cursor, whatever since says: at 1M lines/s the margin holds 50,000 lines, and re-reading them
    // all would cost each short stream its deadline. since still lies the whole margin back, so a
    // line that reached the log after the cursor's position but is stamped up to the margin
    // earlier (stderr beside a busy stdout) still passes the engine's filter; the window's
    // position in the file, not since, bounds the repeats.
    static constexpr qsizetype kWindowRepeats = 1024;

    // The engine's clock when the task's first stream was opened.
    void setEngineStartNs(qint64 ns) { m_engineStartNs = ns; }
    // The first stream read only the last N lines: older lines were left out on purpose and
    // must not come back through a later stream's since.
    void setTailLimited(bool limited) { m_tailLimited = limited; }

    struct StreamRequest
    {
        std::optional<qint64> since; // nullopt: the first stream of the task
        qint64 tail = -1;            // -1: all
    };

    // Call before each stream is requested: says what to ask for and arms the skip of what the
    // stream will repeat. firstStreamTail is --tail, used until a first stream has opened.
    // Later streams also ask for a tail window that just reaches back past the cursor (see
    // TailWindow); whether it did is checked on the stream's first message, which must be the
    // first expected repeat; if not, accept() says WindowMissed and the next window is larger.
    StreamRequest beginStream(qint64 firstStreamTail = -1);
    // `since` the next stream would ask for (for display).
    std::optional<qint64> nextSince() const;
    // The stream's response headers arrived: the engine is serving it. Until one stream has
    // opened, the next stream is requested as the first one again.
    void streamOpened() { m_opened = true; }
    // A stream has opened at least once: the cursor knows where the log was read up to, and a
    // later task of the same container continues from it.
    bool hasOpened() const { return m_opened; }

    enum class Verdict
    {
        Deliver,
        Skip,
        WindowMissed, // end this stream and open the next at once: its tail window was too short
        EngineRepeat, // the engine sends lines again (its log rotated): end this stream, open the next
    };
    // Every message of the stream, in order. Deliver means new: the cursor has recorded it.
    Verdict accept(const docker::LogMessage& message);

    // The new stream did not repeat what was expected (the log was truncated or rotated away
    // under us): matching stopped and delivery went on. Cleared by beginStream().
    bool resynced() const { return m_resynced; }
    // When resynced: the lines stamped after `from` and before `to` (the first line the stream
    // delivered) may be lost; the engine's log no longer holds the cursor's position.
    struct Gap
    {
        qint64 fromNs = 0;
        qint64 toNs = 0;
    };
    std::optional<Gap> gap() const { return m_gap; }
    // The engine began sending lines again in this stream: the first one's timestamp, and how many
    // lines were refused since (none was delivered).
    std::optional<qint64> replayFromNs() const { return m_replayFromNs; }
    qint64 replayedLines() const { return m_replayedLines; }
    // The newest timestamp delivered on a stream.
    qint64 headNs(docker::LogStreamKind stream) const { return m_head[headIndex(stream)].seen.ts; }
    // --tail N: the first stream ended before any of its lines arrived, so the lines from before
    // the start were left out (every line written since is read). Reported once by the monitor.
    bool tailContextLeftOut() const { return m_tailContextLeftOut; }
    qint64 skippedThisStream() const { return m_skipped; }
    // The current stream brought every repeat it was expected to (or stopped matching): what
    // comes after is new. A stream that ends before is one that did not reach the cursor.
    bool repeatsDone() const { return m_expected.isEmpty() || (m_landed && m_matched >= m_expected.size()); }
    qint64 windowMisses() const { return m_windowMisses; }
    qint64 delivered() const { return m_delivered; }
    bool hasDelivered() const { return m_delivered > 0; }
    qint64 newestNs() const { return m_newestNs; }
    // Entries remembered for matching (bounded by the reorder margin's worth of messages).
    qsizetype rememberedCount() const { return qsizetype(m_recent.size()); }

    // What a later process needs to continue exactly where this cursor is (the store keeps it
    // with the lines it covers): where the log was read up to and the fingerprints of the lines
    // the next stream will repeat. Taken between two messages; the stream in progress, if any, is
    // not part of it (a restored cursor begins with a new stream). The tail window starts afresh:
    // the backlog after a restart is unknown. CursorSnapshot.cpp has the format.
    QByteArray save() const;
    // A cursor from save(), or why the bytes are not one (cut short, damaged, a newer format).
    static std::optional<LogCursor> restore(QByteArrayView snapshot, QString* error);
    // The hash of a message's bytes in its fingerprint: the same on every machine.
    static quint32 stableHash(QByteArrayView bytes);

private:
    struct Seen
    {
        qint64 ts;
        quint32 size;
        quint32 hash;
        docker::LogStreamKind stream;
        bool operator==(const Seen&) const = default;
    };
    static Seen fingerprint(const docker::LogMessage& message);
    static int headIndex(docker::LogStreamKind stream)
    {
        return stream == docker::LogStreamKind::Stderr ? 1 : 0;
    }
    Verdict replayBegins(const Seen& seen);
    qsizetype landing(const Seen& first) const;
    Verdict windowFellShort();
    bool firstStreamAgain() const;
    qint64 sinceNs() const;

    std::deque<Seen> m_recent;  // delivered messages with ts >= newest - margin, in order
    QList<Seen> m_expected;     // what the current stream can repeat first, in order
    qsizetype m_matched = 0;    // the next of m_expected to come, once landed
    bool m_landed = false;      // the stream's first repeat was found in m_expected
    qsizetype m_windowFrom = 0; // where in m_expected a windowed stream's tail is meant to begin
    qint64 m_newestNs = 0;
    qint64 m_firstNs = 0;
    qint64 m_engineStartNs = 0;
    std::optional<qint64> m_preTailNs; // see beginStream()
    qint64 m_delivered = 0;
    qint64 m_skipped = 0;
    bool m_tailLimited = false;
    bool m_opened = false;
    bool m_resynced = false;
    bool m_tailContextLeftOut = false;
    qint64 m_firstStreamTail = -1; // as last given to beginStream()
    TailWindow m_window;
    qint64 m_streamWindow = -1; // lines after the cursor the current stream asked for; -1: all
    qint64 m_windowMisses = 0;
    bool m_windowMissed = false; // in the current stream
    // Each stream's copier in the engine stamps its lines in order: a line older than its stream's
    // newest delivered line is one the engine sends again, and so is that line itself (see accept()).
    struct Head
    {
        Seen seen{};
        bool endsLine = false;
    };
    std::array<Head, 2> m_head{};
    std::optional<qint64> m_replayFromNs; // in the current stream
    qint64 m_replayedLines = 0;           // in the current stream
    std::optional<Gap> m_gap;             // in the current stream
};

} // namespace dockpulse::monitor
