#include "LogCursor.h"

#include <QtEndian>

#include <algorithm>

namespace dockpulse::monitor {

using docker::LogMessage;

quint32 LogCursor::stableHash(QByteArrayView bytes)
{
    // Fingerprints outlive the process in the store's cursors, so the hash must be the same in
    // every process and on every machine (qHashBits differs between CPUs and Qt builds): eight
    // bytes at a time, read as little-endian, each folded in by a multiply and a shift.
    quint64 h = 0x9E3779B97F4A7C15ULL ^ quint64(bytes.size());
    const char* p = bytes.data();
    qsizetype n = bytes.size();
    for (; n >= 8; p += 8, n -= 8) {
        h = (h ^ qFromLittleEndian<quint64>(p)) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    quint64 tail = 0;
    for (qsizetype i = 0; i < n; ++i)
        tail |= quint64(quint8(p[i])) << (8 * i);
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 29;
    return quint32(h ^ (h >> 32));
}

LogCursor::Seen LogCursor::fingerprint(const LogMessage& m)
{
    return Seen{m.timestampNs, quint32(m.content.size()), stableHash(m.content), m.stream};
}

qint64 LogCursor::sinceNs() const
{
    if (m_delivered == 0)
        return m_engineStartNs;
    qint64 since = m_newestNs - kReorderMarginNs;
    // Lines older than the first tail line were left out on purpose; never ask for them again.
    if (m_tailLimited)
        since = std::max(since, m_firstNs);
    return since;
}

bool LogCursor::firstStreamAgain() const
{
    // A stream can open and end before its first message (a slow engine sends its headers well
    // before the backlog). With nothing delivered, asking for all of the log again repeats
    // nothing and misses nothing.
    return !m_opened || (m_delivered == 0 && m_firstStreamTail < 0);
}

std::optional<qint64> LogCursor::nextSince() const
{
    if (firstStreamAgain())
        return std::nullopt;
    return sinceNs();
}

LogCursor::StreamRequest LogCursor::beginStream(qint64 firstStreamTail)
{
    m_windowMissed = false;
    m_replayFromNs.reset();
    m_replayedLines = 0;
    m_gap.reset();
    m_expected.clear();
    m_matched = 0;
    m_landed = false;
    m_windowFrom = 0;
    m_skipped = 0;
    m_resynced = false;
    m_preTailNs.reset();
    m_streamWindow = -1;
    m_firstStreamTail = firstStreamTail;
    if (firstStreamAgain())
        return {std::nullopt, firstStreamTail};
    // --tail N > 0 and the first stream brought nothing: a tail asks for the newest N lines, which
    // by now may all be lines written since the start. Read every line since the start; the N
    // lines from before it are left out, and that is reported.
    if (m_delivered == 0 && firstStreamTail > 0)
        m_tailContextLeftOut = true;

    StreamRequest request;
    const qint64 since = sinceNs();
    request.since = since;
    for (const Seen& s : m_recent)
        if (s.ts >= since)
            m_expected.append(s);
    // The engine will also repeat lines older than the tail window that share the first tail
    // line's timestamp; they come first and are dropped until the match begins.
    if (m_tailLimited && m_delivered > 0 && since == m_firstNs)
        m_preTailNs = m_firstNs;
    // Nothing delivered yet: since is the engine's start clock, nothing to repeat or check.
    // A window as large as the maximum would not be cheaper than asking for all (and a log
    // truncated under us is only recognised that way).
    if (!m_expected.isEmpty() && m_window.next() < TailWindow::kMaximum) {
        m_window.newStream();
        m_streamWindow = m_window.next();
        const qsizetype repeats = std::min(m_expected.size(), kWindowRepeats);
        m_windowFrom = m_expected.size() - repeats;
        request.tail = repeats + m_streamWindow;
    }
    return request;
}

qsizetype LogCursor::landing(const Seen& first) const
{
    // A stream without a window repeats everything at or after since: it begins at the first.
    if (m_streamWindow < 0)
        return first == m_expected.first() ? 0 : -1;
    // Where the window was meant to begin, or earlier (it reached further back than needed), or
    // later (a little short, but still at or before the cursor: nothing is missed).
    for (qsizetype i = m_windowFrom; i >= 0; --i)
        if (m_expected[i] == first)
            return i;
    for (qsizetype i = m_windowFrom + 1; i < m_expected.size(); ++i)
        if (m_expected[i] == first)
            return i;
    return -1;
}

LogCursor::Verdict LogCursor::windowFellShort()
{
    m_windowMissed = true;
    ++m_windowMisses;
    m_window.missed(m_streamWindow);
    return Verdict::WindowMissed;
}

LogCursor::Verdict LogCursor::replayBegins(const Seen& seen)
{
    m_replayFromNs = seen.ts;
    ++m_replayedLines;
    return Verdict::EngineRepeat;
}

LogCursor::Verdict LogCursor::accept(const LogMessage& message)
{
    if (m_windowMissed)
        return Verdict::WindowMissed;
    if (m_replayFromNs) {
        ++m_replayedLines;
        return Verdict::EngineRepeat;
    }
    const Seen seen = fingerprint(message);
    if (!m_landed && !m_expected.isEmpty()) {
        if (const qsizetype at = landing(seen); at >= 0) {
            m_landed = true;
            m_matched = at + 1;
            ++m_skipped;
            // Where the tail began tells the backlog: the window, give or take how far from
            // m_windowFrom the stream began. At the first expected repeat the engine's since may
            // have filtered older lines of the tail: the window was at least enough.
            if (m_streamWindow >= 0) {
                if (at == 0)
                    m_window.reached(m_streamWindow);
                else
                    m_window.measured(m_streamWindow + (at - m_windowFrom), m_streamWindow);
            }
            return Verdict::Skip;
        }
        if (m_preTailNs && seen.ts == *m_preTailNs) {
            ++m_skipped;
            return Verdict::Skip;
        }
        // A windowed stream that begins after every expected repeat began past the cursor.
        if (m_streamWindow >= 0)
            return windowFellShort();
        m_resynced = true;
        m_gap = Gap{m_newestNs, seen.ts};
        m_expected.clear();
    } else if (m_matched < m_expected.size()) {
        if (seen == m_expected[m_matched]) {
            ++m_matched;
            ++m_skipped;
            return Verdict::Skip;
        }
        if (m_streamWindow >= 0)
            return windowFellShort();
        m_resynced = true;
        m_gap = Gap{m_newestNs, seen.ts};
        m_expected.clear();
        m_matched = 0;
    }

    // The engine stamps each stream's lines in order, so a line older than the newest one
    // delivered on its stream is not new: dockerd (20.10, json-file and local) sends part of a
    // log file again when it rotates (or only its newest line), and its follow can then skip the
    // next file. None of it is delivered; the stream ends and the next one reads from the cursor,
    // in the engine's files. Two whole lines alike to the nanosecond are one line sent twice (the
    // engine stamps each line as it reads it); the pieces of a long line share its stamp, and with
    // whole-second stamps (Podman) two lines alike can be two lines: those are delivered.
    Head& head = m_head[headIndex(seen.stream)];
    if (seen.ts < head.seen.ts)
        return replayBegins(seen);
    if (seen == head.seen && message.endsLine && head.endsLine && seen.ts % 1'000'000'000 != 0)
        return replayBegins(seen);
    head = {seen, message.endsLine};

    if (m_delivered == 0)
        m_firstNs = seen.ts;
    ++m_delivered;
    m_window.consumed(1);
    m_newestNs = std::max(m_newestNs, seen.ts);
    m_recent.push_back(seen);
    // Forget what can no longer be at or after a future since.
    const qint64 horizon = m_newestNs - kReorderMarginNs;
    while (!m_recent.empty() && m_recent.front().ts < horizon)
        m_recent.pop_front();
    return Verdict::Deliver;
}

} // namespace dockpulse::monitor
