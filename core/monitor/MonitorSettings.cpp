#include "MonitorSettings.h"

#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

namespace {

QString ms(qint64 value)
{
    return u"%1 ms"_s.arg(value);
}

} // namespace

int MonitorSettings::effectiveThreads() const
{
    if (threads > 0)
        return threads;
    // idealThreadCount() may report 1 or less on odd systems, or more than we allow on big ones.
    return std::clamp(QThread::idealThreadCount(), 1, kMaxThreads);
}

QStringList validateSettings(const MonitorSettings& s)
{
    QStringList problems;

    struct Duration
    {
        const char16_t* option;
        qint64 value;
    };
    const Duration durations[] = {
        {u"--read-deadline", s.readDeadlineMs},     {u"--context-timeout", s.contextTimeoutMs},
        {u"--heartbeat-every", s.heartbeatEveryMs}, {u"--task-timeout", s.taskTimeoutMs},
        {u"--cleanup-every", s.cleanupEveryMs},     {u"--sample-every", s.sampleEveryMs},
    };
    for (const Duration& d : durations) {
        const QString option = QString::fromUtf16(d.option);
        if (d.value <= 0)
            problems << u"%1 (%2) must be at least 1 ms: a duration of zero or less cannot be waited for."_s
                            .arg(option, ms(d.value));
        else if (d.value > kMaxDurationMs)
            problems << u"%1 (%2) must be at most %3 (about 24 days): Qt timers cannot wait longer."_s.arg(
                option, ms(d.value), ms(kMaxDurationMs));
    }

    // The relations below only make sense between usable durations; one out of range has
    // already been reported and would only add noise.
    const auto usable = [](qint64 a, qint64 b) {
        return a > 0 && b > 0 && a <= kMaxDurationMs && b <= kMaxDurationMs;
    };

    if (usable(s.contextTimeoutMs, s.readDeadlineMs) && s.contextTimeoutMs <= s.readDeadlineMs)
        problems << u"--context-timeout (%1) must be greater than --read-deadline (%2): the safety net must "
                    u"fire after the reader's own deadline, or readers are abandoned while still blocked "
                    u"(seed Diagram 3)."_s.arg(ms(s.contextTimeoutMs), ms(s.readDeadlineMs));

    const QString strategy = strategyName(s.strategy);
    if (beatsOnTicker(s.strategy) && usable(s.heartbeatEveryMs, s.taskTimeoutMs) &&
        s.heartbeatEveryMs >= s.taskTimeoutMs)
        problems << u"--heartbeat-every (%1) must be less than --task-timeout (%2) with --strategy %3: "
                    u"otherwise the task manager times out a healthy task before its next ticker "
                    u"heartbeat."_s.arg(ms(s.heartbeatEveryMs), ms(s.taskTimeoutMs), strategy);
    // With rotation alone a task only beats when its stream rotates, at the read deadline.
    if (s.strategy == HeartbeatStrategy::Rotation && usable(s.readDeadlineMs, s.taskTimeoutMs) &&
        s.readDeadlineMs >= s.taskTimeoutMs)
        problems << u"--read-deadline (%1) must be less than --task-timeout (%2) with --strategy rotation: "
                    u"rotations are its only heartbeats, so the task manager would time out a healthy task "
                    u"before its next rotation."_s.arg(ms(s.readDeadlineMs), ms(s.taskTimeoutMs));
    // HeartbeatStrategy::None has no rule: it is the seed's broken timeline, kept to show it fail.

    if (s.threads < 0 || s.threads > kMaxThreads)
        problems << u"--threads (%1) must be between 0 and %2: 0 picks the machine's ideal thread count, "
                    u"and more threads than that only cost memory."_s.arg(s.threads)
                        .arg(kMaxThreads);

    if (s.tail < -1)
        problems << u"--tail (%1) must be \"all\" or a number of lines, 0 or more: it counts the existing "
                    u"lines a task reads before following."_s.arg(s.tail);

    if (s.logRetentionLines < kMinLogRetentionLines || s.logRetentionLines > kMaxLogRetentionLines)
        problems << u"The log retention (%1 lines) must be between %2 and %3 lines: fewer leave the log view "
                    u"without context, more exhaust memory."_s.arg(s.logRetentionLines)
                        .arg(kMinLogRetentionLines)
                        .arg(kMaxLogRetentionLines);

    if (s.logBudgetMiB < kMinLogBudgetMiB || s.logBudgetMiB > kMaxLogBudgetMiB)
        problems << u"The log memory budget (%1 MiB) must be between %2 and %3 MiB: less holds too few lines "
                    u"across many tasks, more than that is no budget."_s.arg(s.logBudgetMiB)
                        .arg(kMinLogBudgetMiB)
                        .arg(kMaxLogBudgetMiB);

    if (s.historyBudgetMiB < kMinHistoryBudgetMiB || s.historyBudgetMiB > kMaxHistoryBudgetMiB)
        problems << u"The run history memory budget (%1 MiB) must be between %2 and %3 MiB: it holds the "
                    u"heartbeats, events and samples File > Export writes."_s.arg(s.historyBudgetMiB)
                        .arg(kMinHistoryBudgetMiB)
                        .arg(kMaxHistoryBudgetMiB);

    if (s.releaseAfterMs <= 0 || s.releaseAfterMs > kMaxDurationMs)
        problems << u"The release delay of finished tasks (%1) must be between 1 ms and %2: a finished task "
                    u"is forgotten that long after it ended."_s.arg(ms(s.releaseAfterMs), ms(kMaxDurationMs));

    if (s.maxLineBytes < kMinMaxLineBytes || s.maxLineBytes > kMaxMaxLineBytes)
        problems << u"--max-line (%1 bytes) must be between %2 and %3 bytes: a log line longer than it is "
                    u"delivered in pieces of that size, so that a line without a newline cannot exhaust "
                    u"memory."_s.arg(s.maxLineBytes)
                        .arg(kMinMaxLineBytes)
                        .arg(kMaxMaxLineBytes);

    return problems;
}

bool parseStrategy(const QString& text, HeartbeatStrategy* out)
{
    // Exact names only, as CONTRACT.md spells them; strategyName() is the single spelling.
    for (HeartbeatStrategy s : {HeartbeatStrategy::Ticker, HeartbeatStrategy::Rotation,
                                HeartbeatStrategy::Hybrid, HeartbeatStrategy::None}) {
        if (text == strategyName(s)) {
            if (out)
                *out = s;
            return true;
        }
    }
    return false;
}

} // namespace dockpulse::monitor
