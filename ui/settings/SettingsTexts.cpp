#include "SettingsTexts.h"

#include "MonitorSettings.h"

#include <QHash>
#include <QList>
#include <QLocale>
#include <QPair>

using namespace Qt::StringLiterals;

namespace dockpulse::ui::settings_text {

QString plainToolTip(const QString& text)
{
    // <qt> makes Qt treat it as rich text (which wraps); escaping keeps every character literal.
    return u"<qt>"_s + text.toHtmlEscaped() + u"</qt>"_s;
}

QString fieldToolTip(const QString& field)
{
    const QLocale c = QLocale::c();
    const auto ms = [&c](qint64 value) -> QString {
        return c.toString(value) + u" ms"_s;
    };
    const monitor::MonitorSettings d;
    static const QString threadsNow = QString::number(d.effectiveThreads());
    const QHash<QString, QString> tips = {
        {u"engines"_s,
         u"Docker engines to monitor: unix:///path, tcp://host:port (TLS as DOCKER_TLS_VERIFY/"
         u"DOCKER_CERT_PATH say), ssh://[user@]host[:port]. Several engines at once. Empty: DOCKER_HOST, "
         u"then the current docker context, then unix:///var/run/docker.sock. -H/--host on the command line "
         u"replaces this list for that run."_s},
        {u"readDeadline"_s,
         u"Lifetime of one log stream: at the deadline its reader ends and the stream rotates. "
         u"--read-deadline; default %1."_s.arg(ms(d.readDeadlineMs))},
        {u"contextTimeout"_s,
         u"Safety net of one stream: if its reader has not ended by then, it is torn down. Must be greater "
         u"than the read deadline, so that the reader's own deadline ends the stream first and this is only "
         u"a backstop. "
         u"--context-timeout; default %1."_s.arg(ms(d.contextTimeoutMs))},
        {u"heartbeatEvery"_s,
         u"Period of the heartbeat ticker (strategies ticker and hybrid). Must be less than the task "
         u"timeout. --heartbeat-every; default %1."_s.arg(ms(d.heartbeatEveryMs))},
        {u"strategy"_s,
         u"Heartbeat strategy: ticker, rotation (after each rotation), hybrid (both), none (no heartbeats: "
         u"the broken timeline). --strategy; default hybrid."_s},
        {u"taskTimeout"_s,
         u"The task manager times out a task whose last heartbeat is older than this. --task-timeout; "
         u"default %1."_s.arg(ms(d.taskTimeoutMs))},
        {u"cleanupEvery"_s,
         u"Period of the task manager's cleanup, which times out stale tasks. --cleanup-every; default %1."_s
             .arg(ms(d.cleanupEveryMs))},
        {u"releaseAfter"_s,
         u"A finished task (stopped, timed out, failed, its container removed) is forgotten this long "
         u"after it ended: its row and its log lines leave the dashboard, so that container churn keeps "
         u"memory flat. Default %1."_s.arg(ms(d.releaseAfterMs))},
        {u"sampleEvery"_s,
         u"Period of the metrics sample (threads, readers, heartbeat ages). --sample-every; default %1."_s
             .arg(ms(d.sampleEveryMs))},
        {u"threads"_s,
         u"Worker threads that host the log readers. auto (0): the machine's ideal thread count, %1 here. "
         u"--threads; default auto."_s.arg(threadsNow)},
        {u"logRetention"_s,
         u"Log lines kept per task in the log view, between %1 and %2. Unless --tail is given on the "
         u"command line, it also caps the existing lines a task reads when it starts. Default %3."_s.arg(
             c.toString(monitor::kMinLogRetentionLines), c.toString(monitor::kMaxLogRetentionLines),
             c.toString(d.logRetentionLines))},
        {u"logBudget"_s,
         u"Memory for log lines in the log view, over every task (between %1 and %2 MiB): past it the "
         u"oldest lines of all tasks go first. Default %3 MiB."_s.arg(c.toString(monitor::kMinLogBudgetMiB),
                                                                      c.toString(monitor::kMaxLogBudgetMiB),
                                                                      c.toString(d.logBudgetMiB))},
        {u"historyBudget"_s,
         u"Memory for the run's heartbeats, events and metric samples that File > Export writes (between %1 "
         u"and %2 MiB): past it the oldest records go first, and the export says from when it is whole. "
         u"Default %3 MiB."_s.arg(c.toString(monitor::kMinHistoryBudgetMiB),
                                  c.toString(monitor::kMaxHistoryBudgetMiB), c.toString(d.historyBudgetMiB))},
        {u"tail"_s,
         u"Existing log lines to read when a task starts, before following (later rotations always continue "
         u"from the cursor): all, or a number of lines. In the dashboard it is capped at the log retention. "
         u"--tail; default all (that is, the log retention cap)."_s},
        {u"maxLine"_s,
         u"The longest log line kept as one line, in bytes (between %1 and %2). A longer line (a progress "
         u"bar, base64 output: a line without a newline can grow forever) goes out as pieces of this size, "
         u"marked as continued. --max-line; default %3."_s.arg(c.toString(monitor::kMinMaxLineBytes),
                                                               c.toString(monitor::kMaxMaxLineBytes),
                                                               c.toString(d.maxLineBytes))},
        {u"csvRaw"_s,
         u"Export container-controlled text exactly as received (no spreadsheet-formula guard, ANSI "
         u"sequences and bytes that are not UTF-8 kept). --csv-raw; default off."_s},
    };
    return plainToolTip(tips.value(field));
}

QString fieldForMessage(const QString& message)
{
    static const QList<QPair<QString, QString>> tokens = {
        {u"--read-deadline"_s, u"readDeadline"_s},
        {u"--context-timeout"_s, u"contextTimeout"_s},
        {u"--heartbeat-every"_s, u"heartbeatEvery"_s},
        {u"--strategy"_s, u"strategy"_s},
        {u"--task-timeout"_s, u"taskTimeout"_s},
        {u"--cleanup-every"_s, u"cleanupEvery"_s},
        {u"--sample-every"_s, u"sampleEvery"_s},
        {u"--threads"_s, u"threads"_s},
        {u"--tail"_s, u"tail"_s},
        {u"--max-line"_s, u"maxLine"_s},
        {u"--csv-raw"_s, u"csvRaw"_s},
        {u"log retention"_s, u"logRetention"_s},
        {u"log memory budget"_s, u"logBudget"_s},
        {u"run history memory budget"_s, u"historyBudget"_s},
        {u"release delay"_s, u"releaseAfter"_s},
    };
    // Messages name their subject first, so the earliest mention wins.
    QString best;
    qsizetype bestAt = -1;
    for (const auto& [token, field] : tokens) {
        const qsizetype at = message.indexOf(token, 0, Qt::CaseInsensitive);
        if (at >= 0 && (bestAt < 0 || at < bestAt)) {
            best = field;
            bestAt = at;
        }
    }
    return best;
}

QString strategyExplanation(monitor::HeartbeatStrategy strategy)
{
    using monitor::HeartbeatStrategy;
    switch (strategy) {
    case HeartbeatStrategy::Ticker:
        return u"A heartbeat every period, whatever the stream does: it keeps beating even while a "
               u"stream hangs."_s;
    case HeartbeatStrategy::Rotation:
        return u"A heartbeat after each rotation only: a stream that hangs or fails to "
               u"rotate sends none."_s;
    case HeartbeatStrategy::Hybrid:
        return u"Both: every period and after each rotation. Recommended."_s;
    case HeartbeatStrategy::None:
        return u"No heartbeats at all, to see what happens without them: tasks will be timed out at the task "
               u"timeout."_s;
    }
    return {};
}

QString strategyLabel(monitor::HeartbeatStrategy strategy)
{
    const QString name = monitor::strategyName(strategy);
    return strategy == monitor::HeartbeatStrategy::Hybrid ? name + u" (recommended)"_s : name;
}

QString csvGuardExplanation()
{
    return u"Off: container text that begins with =, +, -, @, TAB or CR is exported with a leading ' so that "
           u"a spreadsheet shows it instead of running it as a formula."_s;
}

} // namespace dockpulse::ui::settings_text
