#pragma once

#include "ListenAddress.h"
#include "MonitorScrape.h"
#include "ScrapeServer.h"

#include <QObject>

namespace dockpulse::metrics {

// --metrics-listen: GET /metrics and GET /healthz of one run, served in the engine's thread from
// what MonitorScrape gathers (docs/CONTRACT.md, "Metrics and health"). Made before the engine
// starts, so that every safety net of the run is counted.
class MetricsEndpoint : public QObject
{
    Q_OBJECT
public:
    explicit MetricsEndpoint(monitor::MonitorEngine& engine, QObject* parent = nullptr);

    // Starts serving; the error names the address and the cause, or is empty.
    QString listen(const ListenAddress& at) { return m_server.listen(at); }
    ListenAddress address() const { return m_server.address(); }
    MonitorScrape& scrape() { return m_scrape; }

private:
    MonitorScrape m_scrape;
    ScrapeServer m_server;
};

} // namespace dockpulse::metrics
