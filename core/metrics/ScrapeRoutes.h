#pragma once

#include "HttpReply.h"
#include "HttpRequestHead.h"
#include "ScrapeSnapshot.h"

#include <functional>

namespace dockpulse::metrics {

// The answer to one request: GET /metrics (OpenMetrics text; the Prometheus text format 0.0.4 when
// the Accept header asks for text/plain and not for OpenMetrics), GET /healthz (200 "ok" or 503 and
// the reasons, a line each); 404 for any other path, 405 for another method on those two, 400 for
// a request that is not HTTP/1.x, 431 for a head past the server's bound. `scrape` is called
// only for the two GET requests.
HttpReply scrapeReply(const HttpRequestHead& request,
                      const std::function<telemetry::ScrapeSnapshot()>& scrape);

} // namespace dockpulse::metrics
