#pragma once
// What the settings tests share: a DashboardSettings with every field away from its default,
// and how QCOMPARE prints one.
#include "EffectiveSettings.h"
#include "SettingsStore.h"

#include <QTest>

namespace dockpulse::ui {
inline char* toString(const DashboardSettings& s)
{
    using namespace Qt::StringLiterals;
    const monitor::MonitorSettings& m = s.monitor;
    return qstrdup(u"hosts=[%1] read=%2 context=%3 heartbeat=%4 strategy=%5 task=%6 cleanup=%7 sample=%8 "
                   u"threads=%9 tail=%10 csvRaw=%11 retention=%12 history=%13"_s.arg(s.hosts.join(u", "_s))
                       .arg(m.readDeadlineMs)
                       .arg(m.contextTimeoutMs)
                       .arg(m.heartbeatEveryMs)
                       .arg(monitor::strategyName(m.strategy))
                       .arg(m.taskTimeoutMs)
                       .arg(m.cleanupEveryMs)
                       .arg(m.sampleEveryMs)
                       .arg(m.threads)
                       .arg(m.tail)
                       .arg(m.csvRaw)
                       .arg(m.logRetentionLines)
                       .arg(m.historyBudgetMiB)
                       .toUtf8()
                       .constData());
}
} // namespace dockpulse::ui

namespace settings_test {

using namespace Qt::StringLiterals;
using dockpulse::monitor::HeartbeatStrategy;
using dockpulse::monitor::MonitorSettings;
using dockpulse::ui::DashboardSettings;

// Every field away from its default, and still valid when any single field goes back to its
// default (so that a row can corrupt one key and expect exactly that field to fall back).
inline DashboardSettings unusualSettings()
{
    DashboardSettings s;
    s.hosts = {u"unix:///run/user/1000/docker.sock"_s, u"tcp://10.0.0.5:2376"_s,
               u"ssh://deploy@build.example.com:2222"_s};
    MonitorSettings& m = s.monitor;
    m.readDeadlineMs = 20000;
    m.contextTimeoutMs = 40000;
    m.heartbeatEveryMs = 10000;
    m.strategy = HeartbeatStrategy::Ticker;
    m.taskTimeoutMs = 200000;
    m.cleanupEveryMs = 30000;
    m.sampleEveryMs = 500;
    m.threads = 3;
    m.tail = 50;
    m.csvRaw = true;
    m.logRetentionLines = 2000;
    m.historyBudgetMiB = 3;
    return s;
}

} // namespace settings_test
