#include "ScrapeRoutes.h"

#include "OpenMetricsText.h"
#include "RunHealth.h"
#include "RunMetrics.h"

namespace dockpulse::metrics {

namespace {
// OpenMetrics unless the client asks for text/plain and not for OpenMetrics (Prometheus asks for
// OpenMetrics first; promtool's lint reads the older text format only).
bool wantsPrometheusText(const HttpRequestHead& request)
{
    const QByteArray accept = request.header("accept").toLower();
    return accept.contains("text/plain") && !accept.contains("application/openmetrics-text");
}

HttpReply text(int status, const QByteArray& body)
{
    HttpReply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}
} // namespace

HttpReply scrapeReply(const HttpRequestHead& request,
                      const std::function<telemetry::ScrapeSnapshot()>& scrape)
{
    switch (request.status()) {
    case HttpRequestHead::Status::Incomplete:
    case HttpRequestHead::Status::Malformed:
        return text(400, "not an HTTP/1.x request\n");
    case HttpRequestHead::Status::TooLarge:
        return text(431, "the request head is too large\n");
    case HttpRequestHead::Status::Complete:
        break;
    }
    const QByteArray path = request.path();
    if (path != "/metrics" && path != "/healthz")
        return text(404, "not found: dockpulse serves /metrics and /healthz\n");
    if (request.method() != "GET") {
        HttpReply reply = text(405, "only GET is served here\n");
        reply.headers.append(QPair<QByteArray, QByteArray>("Allow", "GET"));
        return reply;
    }
    const telemetry::ScrapeSnapshot snapshot = scrape();
    if (path == "/healthz") {
        const telemetry::HealthVerdict verdict = telemetry::runHealth(snapshot);
        return verdict.healthy() ? text(200, "ok\n") : text(503, verdict.reasons.join(u'\n').toUtf8() + '\n');
    }
    const QList<telemetry::MetricFamily> families = telemetry::runMetricFamilies(snapshot);
    // A defect, not the scraper's fault: said rather than served as an exposition it would reject.
    if (const QString problem = telemetry::checkFamilies(families); !problem.isEmpty())
        return text(500, "dockpulse cannot write its metrics: " + problem.toUtf8() + '\n');
    HttpReply reply;
    if (wantsPrometheusText(request)) {
        reply.contentType = telemetry::kPrometheusTextContentType;
        reply.body = telemetry::prometheusText(families);
    } else {
        reply.contentType = telemetry::kOpenMetricsContentType;
        reply.body = telemetry::openMetricsText(families);
    }
    return reply;
}

} // namespace dockpulse::metrics
