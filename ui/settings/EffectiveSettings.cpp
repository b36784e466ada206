#include "EffectiveSettings.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

DashboardSettings effectiveSettings(const DashboardSettings& stored, const QSet<QString>& givenOptions,
                                    const monitor::MonitorSettings& cmdlineSettings,
                                    const QStringList& cmdlineHosts)
{
    DashboardSettings out = stored;
    if (!cmdlineHosts.isEmpty())
        out.hosts = cmdlineHosts;

    monitor::MonitorSettings& m = out.monitor;
    const monitor::MonitorSettings& c = cmdlineSettings;
    const auto given = [&givenOptions](const QString& name) {
        return givenOptions.contains(name);
    };
    if (given(u"read-deadline"_s))
        m.readDeadlineMs = c.readDeadlineMs;
    if (given(u"context-timeout"_s))
        m.contextTimeoutMs = c.contextTimeoutMs;
    if (given(u"heartbeat-every"_s))
        m.heartbeatEveryMs = c.heartbeatEveryMs;
    if (given(u"strategy"_s))
        m.strategy = c.strategy;
    if (given(u"task-timeout"_s))
        m.taskTimeoutMs = c.taskTimeoutMs;
    if (given(u"cleanup-every"_s))
        m.cleanupEveryMs = c.cleanupEveryMs;
    if (given(u"sample-every"_s))
        m.sampleEveryMs = c.sampleEveryMs;
    if (given(u"threads"_s))
        m.threads = c.threads;
    if (given(u"max-line"_s))
        m.maxLineBytes = c.maxLineBytes;
    if (given(u"csv-raw"_s))
        m.csvRaw = c.csvRaw;
    if (given(u"tail"_s))
        m.tail = c.tail;
    else
        m.tail = m.tail < 0 ? m.logRetentionLines : std::min(m.tail, m.logRetentionLines);
    return out;
}

DashboardSettings effectiveSettings(const DashboardSettings& stored, const RunOverrides& overrides)
{
    return effectiveSettings(stored, overrides.givenOptions, overrides.settings, overrides.hosts);
}

QStringList overriddenOptions(const RunOverrides& overrides)
{
    QStringList out;
    if (!overrides.hosts.isEmpty())
        out << u"--host"_s;
    QStringList given(overrides.givenOptions.cbegin(), overrides.givenOptions.cend());
    given.sort();
    for (const QString& name : std::as_const(given))
        out << u"--"_s + name;
    return out;
}

} // namespace dockpulse::ui
