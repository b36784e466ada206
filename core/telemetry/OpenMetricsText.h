#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

namespace dockpulse::telemetry {

// The OpenMetrics 1.0 text exposition format (what GET /metrics answers), as pure logic: metric
// families in, the text out. https://github.com/OpenObservability/OpenMetrics (specification).

enum class MetricType
{
    Gauge,
    Counter, // its samples are written as <family>_total; the family's name has no _total
};

struct MetricLabel
{
    QString name;
    QString value; // any text: escaped when written
};

struct MetricPoint
{
    QList<MetricLabel> labels;
    double value = 0;
};

struct MetricFamily
{
    QString name; // without _total for a counter
    MetricType type = MetricType::Gauge;
    QString help;
    QString unit; // empty, or the suffix of name ("seconds" for ..._seconds)
    QList<MetricPoint> points;
};

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool isMetricName(QStringView name);
// [a-zA-Z_][a-zA-Z0-9_]*, and not starting with "__" (reserved).
bool isLabelName(QStringView name);
// A label value between its double quotes: \ as \\, " as \", a newline as \n.
QString escapeLabelValue(QStringView value);
// HELP text: \ as \\, a newline as \n, " as \".
QString escapeHelp(QStringView help);
// A sample value: integers without a fraction ("12"), others in their shortest exact form
// ("0.25", "1e+21"), and NaN, +Inf, -Inf.
QString formatValue(double value);

// Why the families cannot be written as they are (an invalid name, a unit that is not the name's
// suffix, a counter named ..._total, two families of one name, two points of one family with the
// same labels, a label name twice in one point), or empty when they can.
QString checkFamilies(const QList<MetricFamily>& families);

// The families as the text format, in the order given, "# EOF\n" last. Each family: its HELP
// line, its TYPE line, a UNIT line when it has a unit, then its points in the order given. Callers give
// families that checkFamilies() accepts.
QByteArray openMetricsText(const QList<MetricFamily>& families);

// The Content-Type of that text.
inline constexpr const char* kOpenMetricsContentType =
    "application/openmetrics-text; version=1.0.0; charset=utf-8";

// The same families in the older Prometheus text format 0.0.4, for a client that asks for
// text/plain and not for OpenMetrics (promtool check metrics lints this format only): a counter's
// HELP and TYPE lines name its samples (<family>_total), HELP escapes \ and newlines only, no
// UNIT lines, no "# EOF".
QByteArray prometheusText(const QList<MetricFamily>& families);
inline constexpr const char* kPrometheusTextContentType = "text/plain; version=0.0.4; charset=utf-8";

} // namespace dockpulse::telemetry
