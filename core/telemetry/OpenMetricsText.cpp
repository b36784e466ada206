#include "OpenMetricsText.h"

#include <QSet>

#include <algorithm>
#include <charconv>
#include <cmath>

using namespace Qt::StringLiterals;

namespace dockpulse::telemetry {

namespace {

bool isNameStart(QChar c, bool colon)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_' || (colon && c == u':');
}

bool isNameRest(QChar c, bool colon)
{
    return isNameStart(c, colon) || (c >= u'0' && c <= u'9');
}

bool isName(QStringView name, bool colon)
{
    return !name.isEmpty() && isNameStart(name.front(), colon) &&
           std::all_of(name.begin() + 1, name.end(), [colon](QChar c) { return isNameRest(c, colon); });
}

QString escaped(QStringView text, bool quotes = true)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == u'\\')
            out += u"\\\\"_s;
        else if (quotes && c == u'"')
            out += u"\\\""_s;
        else if (c == u'\n')
            out += u"\\n"_s;
        else
            out += c;
    }
    return out;
}

// The names a family's samples and metadata use: a counter x also owns x_total and x_created.
QStringList namesOf(const MetricFamily& family)
{
    if (family.type == MetricType::Counter)
        return {family.name, family.name + u"_total"_s, family.name + u"_created"_s};
    return {family.name};
}

QString sampleName(const MetricFamily& family)
{
    return family.type == MetricType::Counter ? family.name + u"_total"_s : family.name;
}

QString typeName(MetricType type)
{
    return type == MetricType::Counter ? u"counter"_s : u"gauge"_s;
}

QString checkPoints(const MetricFamily& family)
{
    QSet<QString> labelSets;
    for (const MetricPoint& point : family.points) {
        QStringList pairs;
        QSet<QString> names;
        for (const MetricLabel& label : point.labels) {
            if (!isLabelName(label.name))
                return u"%1: \"%2\" is not a label name"_s.arg(family.name, label.name);
            if (names.contains(label.name))
                return u"%1: label %2 twice in one point"_s.arg(family.name, label.name);
            names.insert(label.name);
            pairs << label.name + u'=' + escapeLabelValue(label.value);
        }
        pairs.sort();
        const QString key = pairs.join(u'\n');
        if (labelSets.contains(key))
            return u"%1: two points with the same labels {%2}"_s.arg(family.name, pairs.join(u','));
        labelSets.insert(key);
    }
    return {};
}

} // namespace

bool isMetricName(QStringView name)
{
    return isName(name, true);
}

bool isLabelName(QStringView name)
{
    return isName(name, false) && !name.startsWith(u"__");
}

QString escapeLabelValue(QStringView value)
{
    return escaped(value);
}

QString escapeHelp(QStringView help)
{
    return escaped(help);
}

QString formatValue(double value)
{
    if (std::isnan(value))
        return u"NaN"_s;
    if (std::isinf(value))
        return value > 0 ? u"+Inf"_s : u"-Inf"_s;
    if (value == 0)
        return u"0"_s; // and not "-0"
    char buffer[32];
    const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QString::fromLatin1(buffer, r.ptr - buffer);
}

QString checkFamilies(const QList<MetricFamily>& families)
{
    QSet<QString> taken;
    for (const MetricFamily& family : families) {
        if (!isMetricName(family.name))
            return u"\"%1\" is not a metric name"_s.arg(family.name);
        if (family.type == MetricType::Counter && family.name.endsWith(u"_total"_s))
            return u"counter %1: name the family without _total (its samples get it)"_s.arg(family.name);
        if (!family.unit.isEmpty() && !family.name.endsWith(u'_' + family.unit))
            return u"%1: its unit %2 is not the end of its name"_s.arg(family.name, family.unit);
        for (const QString& name : namesOf(family)) {
            if (taken.contains(name))
                return u"metric name %1 twice"_s.arg(name);
            taken.insert(name);
        }
        if (const QString problem = checkPoints(family); !problem.isEmpty())
            return problem;
    }
    return {};
}

namespace {

enum class Dialect
{
    OpenMetrics,
    Prometheus004,
};

QByteArray exposition(const QList<MetricFamily>& families, Dialect dialect)
{
    const bool om = dialect == Dialect::OpenMetrics;
    QString out;
    for (const MetricFamily& family : families) {
        // 0.0.4 has no families of samples: its metadata names the samples themselves.
        const QString described = om ? family.name : sampleName(family);
        out += u"# HELP "_s + described + u' ' + escaped(family.help, om) + u'\n';
        out += u"# TYPE "_s + described + u' ' + typeName(family.type) + u'\n';
        if (om && !family.unit.isEmpty())
            out += u"# UNIT "_s + family.name + u' ' + family.unit + u'\n';
        const QString sample = sampleName(family);
        for (const MetricPoint& point : family.points) {
            out += sample;
            if (!point.labels.isEmpty()) {
                out += u'{';
                for (qsizetype i = 0; i < point.labels.size(); ++i) {
                    const MetricLabel& label = point.labels[i];
                    out +=
                        (i ? u","_s : QString()) + label.name + u"=\"" + escapeLabelValue(label.value) + u'"';
                }
                out += u'}';
            }
            out += u' ' + formatValue(point.value) + u'\n';
        }
    }
    if (om)
        out += u"# EOF\n"_s;
    return out.toUtf8();
}

} // namespace

QByteArray openMetricsText(const QList<MetricFamily>& families)
{
    return exposition(families, Dialect::OpenMetrics);
}

QByteArray prometheusText(const QList<MetricFamily>& families)
{
    return exposition(families, Dialect::Prometheus004);
}

} // namespace dockpulse::telemetry
