// The charts' parts: the bounded data (caps, which tasks are kept and in which order), the text
// and axis helpers behind legends, tooltips and axes, and the palette styling.
#include "ChartHistory.h"
#include "ChartStyle.h"
#include "ChartTestData.h"
#include "ChartsPanel.h"
#include "ContainerColors.h"
#include "HeartbeatAgeChart.h"
#include "HeartbeatTimelineChart.h"
#include "ReadersThreadsChart.h"
#include "StatusColors.h"

#include <QAbstractAxis>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>

#include <QValueAxis>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using namespace dockpulse::testdata;
using dockpulse::monitor::HeartbeatSource;
using dockpulse::ui::ChartHistory;
using dockpulse::ui::ChartsPanel;

class TstChartParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ringsKeepTheirCaps();
    void tasksPastTheCapGiveWay();
    void historyForgetsTasksNothingMentions();
    void durationTexts_data();
    void durationTexts();
    void chartTextElidesThenEscapes();
    void niceRanges_data();
    void niceRanges();
    void countAxisIsWholeNumbersWithHeadroom();
    void followsThePalette();
};

void TstChartParts::ringsKeepTheirCaps()
{
    ChartHistory h(100, 50);
    for (int i = 0; i < 1000; ++i)
        h.addSample(sample(kT0 + i * 1000, 3, 1, 1, {u"a"_s}, 0));
    for (int i = 0; i < 500; ++i)
        h.addHeartbeat(beat(kT0 + i * 10, u"a"_s, HeartbeatSource::Ticker));
    QCOMPARE(h.counts().size(), 100);
    QCOMPARE(h.counts().at(0).wallMs, kT0 + 900 * 1000);
    QCOMPARE(h.heartbeats().size(), 50);
    QCOMPARE(h.task(u"a"_s)->ages.size(), 100);
    QCOMPARE(h.task(u"a"_s)->heartbeatsKept, 50);
    QCOMPARE(h.latestMs(), kT0 + 999 * 1000);
}

void TstChartParts::tasksPastTheCapGiveWay()
{
    // Distinct tasks past the task cap: the ones seen longest ago give way.
    ChartHistory small(100, 50, 8);
    for (int i = 0; i < 80; ++i)
        small.addHeartbeat(beat(kT0 + i, u"t%1"_s.arg(i), HeartbeatSource::Rotation));
    QCOMPARE(small.taskCount(), 8);
    QVERIFY(small.task(u"t79"_s));
    QVERIFY(!small.task(u"t0"_s));
    QCOMPARE(small.heartbeats().size(), 50);
    for (int i = 0; i < 1000; ++i)
        small.addSample(sample(kT0 + i * 1000, 1, 1, 1, {u"x%1"_s.arg(i % 20)}, 0));
    QCOMPARE(small.counts().size(), 100);
    QVERIFY(small.taskCount() <= 8);
}

void TstChartParts::historyForgetsTasksNothingMentions()
{
    ChartHistory h(10, 5);
    h.addSample(sample(kT0, 1, 1, 1, {u"gone"_s}, 0));
    h.addHeartbeat(beat(kT0, u"beater"_s, HeartbeatSource::Ticker));
    QCOMPARE(h.taskCount(), 2);
    // Ten newer samples push the only one naming "gone" out of the ring.
    for (int i = 1; i <= 10; ++i)
        h.addSample(sample(kT0 + i * 1000, 1, 1, 1, {u"stays"_s}, 0));
    QVERIFY(!h.task(u"gone"_s));
    QVERIFY(h.task(u"beater"_s)); // still has a heartbeat kept
    for (int i = 1; i <= 5; ++i)
        h.addHeartbeat(beat(kT0 + i * 1000, u"other"_s, HeartbeatSource::Ticker));
    QVERIFY(!h.task(u"beater"_s));
    QVERIFY(h.task(u"stays"_s));
    QCOMPARE(h.task(u"other"_s)->heartbeatsKept, 5);
    // First-sight order survives pruning.
    const auto tasks = h.tasks();
    QCOMPARE(tasks.size(), 2);
    QCOMPARE(tasks.at(0)->name, u"stays"_s);
    QCOMPARE(tasks.at(1)->name, u"other"_s);
}

void TstChartParts::durationTexts_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("0") << 0LL << u"0 ms"_s;
    QTest::newRow("300 ms") << 300LL << u"300 ms"_s;
    QTest::newRow("1 s") << 1000LL << u"1 s"_s;
    QTest::newRow("1.5 s") << 1500LL << u"1.50 s"_s;
    QTest::newRow("29.5 s") << 29'500LL << u"29.5 s"_s;
    QTest::newRow("30 s") << 30'000LL << u"30 s"_s;
    QTest::newRow("300 s") << 300'000LL << u"300 s"_s;
}

void TstChartParts::durationTexts()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(ui::ChartStyle::durationText(ms), text);
}

void TstChartParts::chartTextElidesThenEscapes()
{
    // Long names are elided before escaping, never cut inside an entity.
    const QString longName = QString(40, u'&');
    QCOMPARE(ui::ChartStyle::chartText(longName, 10),
             QString(4, u'&').toHtmlEscaped() + QChar(0x2026) + QString(5, u'&').toHtmlEscaped());
    // Elided in the middle: names that share a long prefix stay apart (they were three identical
    // "dockpulse-sa…" in the legend).
    const QString web = ui::ChartStyle::chartText(u"dockpulse-sample-web-1"_s, 12);
    const QString worker = ui::ChartStyle::chartText(u"dockpulse-sample-worker-1"_s, 12);
    QCOMPARE(web.size(), 12);
    QVERIFY2(web != worker, qPrintable(web));
    QVERIFY(web.endsWith(u"web-1"_s));
    QVERIFY(worker.endsWith(u"ker-1"_s));
    QCOMPARE(ui::ChartStyle::chartText(u"<b>web</b>"_s), u"&lt;b&gt;web&lt;/b&gt;"_s);
    QCOMPARE(ui::ChartStyle::chartText(u"short"_s, 10), u"short"_s);
}

void TstChartParts::niceRanges_data()
{
    QTest::addColumn<double>("top");
    QTest::addColumn<double>("minStep");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("interval");
    QTest::newRow("counts 0..63") << 63.0 << 1.0 << 80.0 << 20.0;
    QTest::newRow("counts 0..3") << 3.0 << 1.0 << 3.0 << 1.0;
    QTest::newRow("ages 0..37.5 s") << 37.5 << 0.0 << 40.0 << 10.0;
    QTest::newRow("ages 0..324 s") << 324.0 << 0.0 << 400.0 << 100.0;
    QTest::newRow("compressed 0..0.375 s") << 0.375 << 0.0 << 0.4 << 0.1;
}

void TstChartParts::niceRanges()
{
    QFETCH(double, top);
    QFETCH(double, minStep);
    QFETCH(double, max);
    QFETCH(double, interval);
    QValueAxis axis;
    ui::ChartStyle::setNiceRange(&axis, top, 5, minStep);
    QCOMPARE(axis.min(), 0.0);
    QVERIFY(qFuzzyCompare(axis.max(), max));
    QVERIFY(qFuzzyCompare(axis.tickInterval(), interval));
    QVERIFY(axis.max() >= top);
}

void TstChartParts::countAxisIsWholeNumbersWithHeadroom()
{
    ChartsPanel panel;
    panel.addSample(sample(kT0, 53, 10, 10));
    panel.addSample(sample(kT0 + 1000, 57, 11, 12));
    panel.refresh();
    QValueAxis* y = panel.readersThreadsChart()->countAxis();
    QCOMPARE(y->min(), 0.0);
    QVERIFY(y->max() > 57.0);
    QVERIFY(y->max() <= 80.0);
    QCOMPARE(y->tickType(), QValueAxis::TicksDynamic);
    QCOMPARE(y->tickInterval(), std::round(y->tickInterval()));
    QCOMPARE(y->labelFormat(), u"%d"_s);

    ChartsPanel empty;
    empty.refresh();
    QVERIFY(empty.readersThreadsChart()->countAxis()->max() >= 1.0);
    QCOMPARE(empty.readersThreadsChart()->countAxis()->tickInterval(), 1.0);
}

void TstChartParts::followsThePalette()
{
    ChartsPanel panel;
    panel.addSample(sample(kT0, 5, 1, 1, {u"a"_s}, 0));
    panel.addHeartbeat(beat(kT0, u"a"_s, HeartbeatSource::Ticker));
    panel.refresh();
    for (bool dark : {true, false}) {
        QPalette pal;
        pal.setColor(QPalette::Window, dark ? QColor(0x2b, 0x2b, 0x2b) : QColor(0xef, 0xef, 0xef));
        pal.setColor(QPalette::WindowText, dark ? QColor(0xe0, 0xe0, 0xe0) : QColor(0x20, 0x20, 0x20));
        pal.setColor(QPalette::Base, dark ? QColor(0x1e, 0x1e, 0x1e) : QColor(0xff, 0xff, 0xff));
        pal.setColor(QPalette::Text, dark ? QColor(0xe0, 0xe0, 0xe0) : QColor(0x10, 0x10, 0x10));
        panel.setPalette(pal);
        for (QChartView* v :
             {panel.readersThreadsView(), panel.heartbeatAgeView(), panel.heartbeatTimelineView()}) {
            QChart* c = v->chart();
            QCOMPARE(c->theme(), dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
            QCOMPARE(c->backgroundBrush().color(), pal.color(QPalette::Window));
            QCOMPARE(c->plotAreaBackgroundBrush().color(), pal.color(QPalette::Base));
            QCOMPARE(c->titleBrush().color(), pal.color(QPalette::WindowText));
            QCOMPARE(c->legend()->labelColor(), pal.color(QPalette::WindowText));
            const auto axes = c->axes();
            for (QAbstractAxis* a : axes)
                QCOMPARE(a->labelsColor(), pal.color(QPalette::WindowText));
        }
        auto* tl = panel.heartbeatTimelineChart();
        QCOMPARE(tl->tickerSeries()->color(), ui::StatusColors::forSource(HeartbeatSource::Ticker, pal));
        // Task colours are the set for this palette, and far enough from the plot's background.
        const QColor line = panel.heartbeatAgeChart()->ageSeries(u"a"_s)->pen().color();
        QCOMPARE(line, ui::ContainerColors::shared().color(u"a"_s, pal));
        QVERIFY(qAbs(line.lightness() - pal.color(QPalette::Base).lightness()) > 60);
    }
}

QTEST_MAIN(TstChartParts)
#include "tst_chartparts.moc"
