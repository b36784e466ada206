#pragma once

#include "MonitorEngine.h"
#include "ScrapeSnapshot.h"

#include <QObject>

namespace dockpulse::metrics {

// Gathers a scrape's snapshot from the engine, in the engine's (the owner's) thread: the task
// snapshots (as the headless status line reads them), the last metrics sample the engine
// published, each engine's state, the safety nets counted from the engine's events since this
// object was made, and the store's size on disk when a store is set. Reads only what is kept
// already; waits for nothing.
class MonitorScrape : public QObject
{
    Q_OBJECT
public:
    explicit MonitorScrape(monitor::MonitorEngine& engine, QObject* parent = nullptr);

    // dockpulse_store_bytes from now on: the SQLite file at path and its -wal, as they are on disk.
    void setStorePath(const QString& path) { m_storePath = path; }

    telemetry::ScrapeSnapshot snapshot() const;

private:
    monitor::MonitorEngine& m_engine;
    monitor::MetricSample m_lastSample;
    bool m_sampled = false;
    qint64 m_safetyNets = 0;
    QString m_storePath;
};

} // namespace dockpulse::metrics
