// The OpenMetrics text format of GET /metrics: names, label escaping, values, counters written
// as <family>_total under a TYPE line on the family's name, "# EOF" at the end, and the checks
// that keep an invalid exposition from ever being written.
#include "OpenMetricsText.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace dockpulse::telemetry;

Q_DECLARE_METATYPE(dockpulse::telemetry::MetricFamily)

namespace {
MetricFamily gauge(const QString& name, QList<MetricPoint> points, const QString& help = u"h"_s)
{
    return MetricFamily{name, MetricType::Gauge, help, {}, std::move(points)};
}
MetricFamily counter(const QString& name, QList<MetricPoint> points, const QString& help = u"h"_s)
{
    return MetricFamily{name, MetricType::Counter, help, {}, std::move(points)};
}
} // namespace

class TestOpenMetricsText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void metricNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << u"dockpulse_readers"_s << true;
        QTest::newRow("colon") << u"job:dockpulse_readers:sum"_s << true;
        QTest::newRow("leading underscore") << u"_x"_s << true;
        QTest::newRow("digits after the first") << u"x1_2"_s << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("leading digit") << u"1x"_s << false;
        QTest::newRow("dash") << u"dockpulse-readers"_s << false;
        QTest::newRow("dot") << u"dockpulse.readers"_s << false;
        QTest::newRow("space") << u"dockpulse readers"_s << false;
        QTest::newRow("not ASCII") << u"dockpulse_lecteurs_é"_s << false;
    }
    void metricNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(isMetricName(name), valid);
    }

    void labelNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("host") << u"host"_s << true;
        QTest::newRow("underscore inside") << u"container_name"_s << true;
        QTest::newRow("one underscore first") << u"_x"_s << true;
        QTest::newRow("reserved __") << u"__name__"_s << false;
        QTest::newRow("colon") << u"a:b"_s << false;
        QTest::newRow("leading digit") << u"9lives"_s << false;
        QTest::newRow("empty") << QString() << false;
    }
    void labelNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(isLabelName(name), valid);
    }

    void labelValueEscaping_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("escaped");
        QTest::newRow("plain") << u"web"_s << u"web"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("double quote") << u"say \"hi\""_s << u"say \\\"hi\\\""_s;
        QTest::newRow("backslash") << u"C:\\logs"_s << u"C:\\\\logs"_s;
        QTest::newRow("newline") << u"a\nb"_s << u"a\\nb"_s;
        QTest::newRow("backslash then n stays two characters") << u"\\n"_s << u"\\\\n"_s;
        QTest::newRow("tab and CR as they are") << u"a\tb\rc"_s << u"a\tb\rc"_s;
        QTest::newRow("UTF-8 as it is") << u"café ☕"_s << u"café ☕"_s;
        QTest::newRow("unix URL") << u"unix:///var/run/docker.sock"_s << u"unix:///var/run/docker.sock"_s;
        QTest::newRow("everything") << u"\"\\\n"_s << u"\\\"\\\\\\n"_s;
    }
    void labelValueEscaping()
    {
        QFETCH(QString, value);
        QFETCH(QString, escaped);
        QCOMPARE(escapeLabelValue(value), escaped);
    }

    void helpEscaping()
    {
        QCOMPARE(escapeHelp(u"plain words."_s), u"plain words."_s);
        QCOMPARE(escapeHelp(u"a \\ b\nc \"d\""_s), u"a \\\\ b\\nc \\\"d\\\""_s);
    }

    void values_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << 0.0 << u"0"_s;
        QTest::newRow("minus zero") << -0.0 << u"0"_s;
        QTest::newRow("integer") << 12.0 << u"12"_s;
        QTest::newRow("negative integer") << -3.0 << u"-3"_s;
        QTest::newRow("big integer") << 9007199254740992.0 << u"9007199254740992"_s;
        QTest::newRow("quarter") << 0.25 << u"0.25"_s;
        QTest::newRow("milliseconds as seconds") << 1.234 << u"1.234"_s;
        QTest::newRow("tenth, shortest form") << 0.1 << u"0.1"_s;
        QTest::newRow("huge") << 1e21 << u"1e+21"_s;
        QTest::newRow("tiny") << 1e-7 << u"1e-07"_s;
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << u"NaN"_s;
        QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << u"+Inf"_s;
        QTest::newRow("-Inf") << -std::numeric_limits<double>::infinity() << u"-Inf"_s;
    }
    void values()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(formatValue(value), text);
    }

    void gaugeWithoutLabels()
    {
        const QByteArray text =
            openMetricsText({gauge(u"dockpulse_readers"_s, {MetricPoint{{}, 2}}, u"Log readers alive."_s)});
        QCOMPARE(text, QByteArray("# HELP dockpulse_readers Log readers alive.\n"
                                  "# TYPE dockpulse_readers gauge\n"
                                  "dockpulse_readers 2\n"
                                  "# EOF\n"));
    }

    // A counter's TYPE line names the family; each sample is <family>_total.
    void counterSamplesEndInTotal()
    {
        const QByteArray text = openMetricsText(
            {counter(u"dockpulse_task_lines"_s,
                     {MetricPoint{{{u"host"_s, u"unix:///a.sock"_s}, {u"container"_s, u"web"_s}}, 120433},
                      MetricPoint{{{u"host"_s, u"unix:///a.sock"_s}, {u"container"_s, u"db"_s}}, 0}},
                     u"Log lines delivered."_s)});
        QCOMPARE(text,
                 QByteArray("# HELP dockpulse_task_lines Log lines delivered.\n"
                            "# TYPE dockpulse_task_lines counter\n"
                            "dockpulse_task_lines_total{host=\"unix:///a.sock\",container=\"web\"} 120433\n"
                            "dockpulse_task_lines_total{host=\"unix:///a.sock\",container=\"db\"} 0\n"
                            "# EOF\n"));
    }

    void unitLineAfterType()
    {
        MetricFamily age = gauge(u"dockpulse_task_heartbeat_age_seconds"_s,
                                 {MetricPoint{{{u"container"_s, u"web"_s}}, 1.5}}, u"Age."_s);
        age.unit = u"seconds"_s;
        QCOMPARE(openMetricsText({age}),
                 QByteArray("# HELP dockpulse_task_heartbeat_age_seconds Age.\n"
                            "# TYPE dockpulse_task_heartbeat_age_seconds gauge\n"
                            "# UNIT dockpulse_task_heartbeat_age_seconds seconds\n"
                            "dockpulse_task_heartbeat_age_seconds{container=\"web\"} 1.5\n"
                            "# EOF\n"));
    }

    // Container names and hosts are the container's and the user's text: escaped, UTF-8 kept.
    void labelValuesAreEscapedInTheText()
    {
        const QByteArray text = openMetricsText(
            {gauge(u"x"_s, {MetricPoint{{{u"container"_s, u"we\"ird\\na\nme é"_s}}, 1}}, u"a \"b\" \\ c"_s)});
        QCOMPARE(text, QByteArray("# HELP x a \\\"b\\\" \\\\ c\n"
                                  "# TYPE x gauge\n"
                                  "x{container=\"we\\\"ird\\\\na\\nme \xc3\xa9\"} 1\n"
                                  "# EOF\n"));
    }

    // A family with no points yet (no tasks) keeps its metadata: a scraper learns its type.
    void emptyFamilyKeepsItsMetadata()
    {
        QCOMPARE(openMetricsText({counter(u"dockpulse_task_rotations"_s, {}, u"R."_s)}),
                 QByteArray("# HELP dockpulse_task_rotations R.\n"
                            "# TYPE dockpulse_task_rotations counter\n"
                            "# EOF\n"));
    }

    void nothingIsJustEof() { QCOMPARE(openMetricsText({}), QByteArray("# EOF\n")); }

    void familiesKeepTheirOrder()
    {
        const QByteArray text =
            openMetricsText({gauge(u"b"_s, {MetricPoint{{}, 1}}), gauge(u"a"_s, {MetricPoint{{}, 2}})});
        QVERIFY(text.indexOf("\nb 1\n") < text.indexOf("\na 2\n"));
        QVERIFY(text.endsWith("\na 2\n# EOF\n"));
    }

    void checks_data()
    {
        QTest::addColumn<QList<MetricFamily>>("families");
        QTest::addColumn<QString>("problem"); // contained; empty: accepted
        const MetricPoint none{{}, 1};
        QTest::newRow("valid") << QList<MetricFamily>{gauge(u"a"_s, {none}), counter(u"b"_s, {none})}
                               << QString();
        QTest::newRow("bad metric name")
            << QList<MetricFamily>{gauge(u"a-b"_s, {none})} << u"\"a-b\" is not a metric name"_s;
        QTest::newRow("counter named _total")
            << QList<MetricFamily>{counter(u"b_total"_s, {none})} << u"without _total"_s;
        QTest::newRow("two families of one name")
            << QList<MetricFamily>{gauge(u"a"_s, {none}), counter(u"a"_s, {none})} << u"twice"_s;
        QTest::newRow("a gauge clashing with a counter's samples")
            << QList<MetricFamily>{counter(u"a"_s, {none}), gauge(u"a_total"_s, {none})} << u"twice"_s;
        QTest::newRow("bad label name")
            << QList<MetricFamily>{gauge(u"a"_s, {MetricPoint{{{u"con-tainer"_s, u"x"_s}}, 1}})}
            << u"\"con-tainer\" is not a label name"_s;
        QTest::newRow("reserved label name")
            << QList<MetricFamily>{gauge(u"a"_s, {MetricPoint{{{u"__name__"_s, u"x"_s}}, 1}})}
            << u"\"__name__\" is not a label name"_s;
        QTest::newRow("a label twice in a point")
            << QList<MetricFamily>{gauge(u"a"_s, {MetricPoint{{{u"l"_s, u"x"_s}, {u"l"_s, u"y"_s}}, 1}})}
            << u"label l twice"_s;
        QTest::newRow("two points with the same labels")
            << QList<MetricFamily>{gauge(
                   u"a"_s, {MetricPoint{{{u"l"_s, u"x"_s}}, 1}, MetricPoint{{{u"l"_s, u"x"_s}}, 2}})}
            << u"same labels"_s;
        MetricFamily badUnit = gauge(u"age_seconds"_s, {none});
        badUnit.unit = u"bytes"_s;
        QTest::newRow("unit not the name's suffix") << QList<MetricFamily>{badUnit} << u"unit"_s;
        MetricFamily goodUnit = gauge(u"age_seconds"_s, {none});
        goodUnit.unit = u"seconds"_s;
        QTest::newRow("unit the name's suffix") << QList<MetricFamily>{goodUnit} << QString();
    }
    void checks()
    {
        QFETCH(QList<MetricFamily>, families);
        QFETCH(QString, problem);
        const QString found = checkFamilies(families);
        if (problem.isEmpty())
            QVERIFY2(found.isEmpty(), qPrintable(found));
        else
            QVERIFY2(found.contains(problem),
                     qPrintable(u"\""_s + found + u"\" lacks \""_s + problem + u'"'));
    }

    // For a client that asks for text/plain (promtool, an old scraper): the metadata names the
    // samples, HELP keeps its quotes, no UNIT, no "# EOF".
    void prometheusTextFormat()
    {
        MetricFamily age = gauge(u"age_seconds"_s, {MetricPoint{{}, 1.5}}, u"Age \"x\"\n."_s);
        age.unit = u"seconds"_s;
        const QByteArray text =
            prometheusText({counter(u"lines"_s, {MetricPoint{{{u"c"_s, u"a\"b"_s}}, 3}}, u"L."_s), age});
        QCOMPARE(text, QByteArray("# HELP lines_total L.\n"
                                  "# TYPE lines_total counter\n"
                                  "lines_total{c=\"a\\\"b\"} 3\n"
                                  "# HELP age_seconds Age \"x\"\\n.\n"
                                  "# TYPE age_seconds gauge\n"
                                  "age_seconds 1.5\n"));
        QCOMPARE(QByteArray(kPrometheusTextContentType),
                 QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    }

    void contentType()
    {
        QCOMPARE(QByteArray(kOpenMetricsContentType),
                 QByteArray("application/openmetrics-text; version=1.0.0; charset=utf-8"));
    }
};

QTEST_GUILESS_MAIN(TestOpenMetricsText)
#include "tst_openmetricstext.moc"
