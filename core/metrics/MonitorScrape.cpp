#include "MonitorScrape.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace dockpulse::metrics {

namespace {
telemetry::EngineStatus statusOf(const monitor::EngineWatcher& w)
{
    using State = monitor::EngineWatcher::State;
    telemetry::EngineStatus s{w.host(), w.state() == State::Connected, {}};
    if (!s.up) {
        s.problem = w.state() == State::Connecting ? u"connecting"_s : u"reconnecting"_s;
        if (w.lastError().isError())
            s.problem += u": "_s + w.lastError().toString();
    }
    return s;
}

qint64 fileBytes(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() ? info.size() : 0;
}
} // namespace

MonitorScrape::MonitorScrape(monitor::MonitorEngine& engine, QObject* parent)
    : QObject(parent), m_engine(engine)
{
    connect(&engine, &monitor::MonitorEngine::sampled, this, [this](const monitor::MetricSample& s) {
        m_lastSample = s;
        m_sampled = true;
    });
    connect(&engine, &monitor::MonitorEngine::eventRecorded, this, [this](const monitor::TaskEventRecord& r) {
        if (r.event == u"safety_net"_s)
            ++m_safetyNets;
    });
}

telemetry::ScrapeSnapshot MonitorScrape::snapshot() const
{
    telemetry::ScrapeSnapshot s;
    s.tasks = m_engine.tasks().snapshots();
    // Before the first tick, a sample now (the same figures, read once).
    s.sample = m_sampled ? m_lastSample : m_engine.sampleNow();
    for (const monitor::EngineWatcher* w : m_engine.engines())
        s.engines.append(statusOf(*w));
    s.safetyNets = m_safetyNets;
    if (!m_storePath.isEmpty())
        s.storeBytes = fileBytes(m_storePath) + fileBytes(m_storePath + u"-wal"_s);
    s.taskTimeoutMs = m_engine.settings().taskTimeoutMs;
    return s;
}

} // namespace dockpulse::metrics
