#include "MetricsEndpoint.h"

#include "ScrapeRoutes.h"

namespace dockpulse::metrics {

MetricsEndpoint::MetricsEndpoint(monitor::MonitorEngine& engine, QObject* parent)
    : QObject(parent), m_scrape(engine), m_server([this](const HttpRequestHead& request) {
          return scrapeReply(request, [this] { return m_scrape.snapshot(); });
      })
{}

} // namespace dockpulse::metrics
