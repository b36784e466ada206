// The dashboard's live charts: what each series holds after feeding, the time window, the ring
// caps, the age chart's reference lines, the legend and the redraw cost.
// (The heartbeat timeline: tst_heartbeattimelinechart; ChartHistory's bookkeeping, the text and
// axis helpers and the palette: tst_chartparts.)
#include "ChartHistory.h"
#include "ChartStyle.h"
#include "ChartTestData.h"
#include "ChartsPanel.h"
#include "ChartsPanelTestSupport.h"
#include "HeartbeatAgeChart.h"
#include "HeartbeatTimelineChart.h"
#include "ReadersThreadsChart.h"
#include "StatusColors.h"

#include <QCategoryAxis>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTextDocument>
#include <QValueAxis>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using dockpulse::monitor::HeartbeatRecord;
using dockpulse::monitor::HeartbeatSource;
using namespace dockpulse::testdata;
using dockpulse::ui::ChartHistory;
using dockpulse::ui::ChartsPanel;
using dockpulse::ui::HeartbeatTimelineChart;

class TstChartsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seriesHoldEveryFedPoint_data();
    void seriesHoldEveryFedPoint();
    void publicViewsShowTheSameSeries();
    void ageLineAppearsWhenTaskIsFirstSeen();
    void windowHidesOlderPointsAndSixtyShowsThem();
    void windowMinutesSnapsToChoices_data();
    void windowMinutesSnapsToChoices();
    void ringBuffersKeepTheirCaps();
    void thresholdLines_data();
    void thresholdLines();
    void ageAxisShowsTimeoutOnlyWhenNear();
    void legendNamesTheFirstTasksOnly();
    void burstsCostOneRedrawPerTick();
};

void TstChartsPanel::seriesHoldEveryFedPoint_data()
{
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("tasks");
    QTest::newRow("one sample, one task") << 1 << 1;
    QTest::newRow("a minute, three tasks") << 60 << 3;
    QTest::newRow("five minutes, ten tasks") << 300 << 10;
}

void TstChartsPanel::seriesHoldEveryFedPoint()
{
    QFETCH(int, samples);
    QFETCH(int, tasks);
    ChartsPanel panel;
    panel.setThresholds(30'000, 300'000);
    QStringList names;
    for (int i = 0; i < tasks; ++i)
        names << u"task-%1"_s.arg(i);
    for (int s = 0; s < samples; ++s)
        panel.addSample(sample(kT0 + s * 1000LL, 40 + s % 3, tasks - 1, tasks, names, (s % 30) * 1000LL));
    panel.refresh();

    auto* rt = panel.readersThreadsChart();
    QCOMPARE(rt->readersSeries()->count(), samples);
    QCOMPARE(rt->threadsSeries()->count(), samples);
    QCOMPARE(rt->monitoredSeries()->count(), samples);
    QCOMPARE(rt->readersSeries()->at(0).y(), qreal(tasks - 1));
    QCOMPARE(rt->monitoredSeries()->at(0).y(), qreal(tasks));
    QCOMPARE(rt->threadsSeries()->at(0).x(), qreal(kT0));

    auto* ages = panel.heartbeatAgeChart();
    QCOMPARE(ages->ageSeriesCount(), tasks);
    for (const QString& n : std::as_const(names)) {
        QVERIFY(ages->ageSeries(n));
        QCOMPARE(ages->ageSeries(n)->count(), samples);
    }
    if (samples > 5)
        QCOMPARE(ages->ageSeries(names.first())->at(5).y(), 5.0); // seconds

    // The reference lines span the window, which ends at the newest sample.
    const qint64 to = kT0 + (samples - 1) * 1000LL, from = to - 5 * 60'000;
    for (QLineSeries* ref : {ages->heartbeatPeriodSeries(), ages->taskTimeoutSeries()}) {
        QCOMPARE(ref->count(), 2);
        QCOMPARE(ref->at(0).x(), qreal(from));
        QCOMPARE(ref->at(1).x(), qreal(to));
    }
    QCOMPARE(ms(rt->timeAxis()->min()), from);
    QCOMPARE(ms(rt->timeAxis()->max()), to);
    QCOMPARE(ms(ages->timeAxis()->max()), to);
}

void TstChartsPanel::publicViewsShowTheSameSeries()
{
    ChartsPanel panel;
    panel.addSample(sample(kT0, 12, 2, 2, {u"a"_s, u"b"_s}, 1000));
    panel.addHeartbeat(beat(kT0, u"a"_s, HeartbeatSource::Ticker));
    panel.refresh();
    QCOMPARE(panel.readersThreadsView(), static_cast<QChartView*>(panel.readersThreadsChart()));
    QCOMPARE(panel.heartbeatAgeView(), static_cast<QChartView*>(panel.heartbeatAgeChart()));
    QCOMPARE(panel.heartbeatTimelineView(), static_cast<QChartView*>(panel.heartbeatTimelineChart()));
    QCOMPARE(panel.readersThreadsView()->chart()->series().size(), 3);
    QCOMPARE(panel.heartbeatAgeView()->chart()->series().size(), 2 + 2); // reference lines + tasks
    QCOMPARE(panel.heartbeatTimelineView()->chart()->series().size(), 2);
    for (QChartView* v :
         {panel.readersThreadsView(), panel.heartbeatAgeView(), panel.heartbeatTimelineView()}) {
        QCOMPARE(v->chart()->animationOptions(), QChart::NoAnimation);
        QVERIFY(!v->chart()->title().isEmpty());
        const auto series = v->chart()->series();
        for (QAbstractSeries* s : series)
            QVERIFY(!s->useOpenGL());
    }
}

void TstChartsPanel::ageLineAppearsWhenTaskIsFirstSeen()
{
    ChartsPanel panel;
    for (int s = 0; s < 10; ++s)
        panel.addSample(sample(kT0 + s * 1000LL, 10, 1, 1, {u"early"_s}, s * 1000LL));
    panel.addHeartbeat(beat(kT0 + 9000, u"beats-only"_s, HeartbeatSource::Rotation));
    panel.refresh();
    QCOMPARE(panel.heartbeatAgeChart()->ageSeriesCount(), 1);
    QVERIFY(!panel.heartbeatAgeChart()->ageSeries(u"late"_s));
    // A task seen only in heartbeats has a timeline row but no age line.
    QVERIFY(!panel.heartbeatAgeChart()->ageSeries(u"beats-only"_s));
    QCOMPARE(panel.heartbeatTimelineChart()->rowOf(u"beats-only"_s), 1);

    for (int s = 10; s < 15; ++s)
        panel.addSample(sample(kT0 + s * 1000LL, 10, 2, 2, {u"early"_s, u"late"_s}, 0));
    panel.refresh();
    QCOMPARE(panel.heartbeatAgeChart()->ageSeriesCount(), 2);
    QCOMPARE(panel.heartbeatAgeChart()->ageSeries(u"late"_s)->count(), 5);
    QCOMPARE(panel.heartbeatAgeChart()->ageSeries(u"late"_s)->at(0).x(), qreal(kT0 + 10'000));
    QCOMPARE(panel.heartbeatAgeChart()->ageSeries(u"early"_s)->count(), 15);
}

void TstChartsPanel::windowHidesOlderPointsAndSixtyShowsThem()
{
    ChartsPanel panel;
    QCOMPARE(panel.windowMinutes(), 5); // the default: a whole task timeout at the seed's 300 s
    feedSawtooth(panel, kT0, 20 * 60, {u"a"_s});
    for (int k = 1; k <= 40; ++k)
        panel.addHeartbeat(beat(kT0 + k * 30'000LL, u"a"_s, HeartbeatSource::Ticker));
    const qint64 to = kT0 + 20 * 60'000LL;

    panel.refresh();
    auto* rt = panel.readersThreadsChart();
    QCOMPARE(rt->readersSeries()->count(), 5 * 60 + 1); // both ends inclusive
    QVERIFY(rt->readersSeries()->at(0).x() >= qreal(to - 5 * 60'000));
    QCOMPARE(panel.heartbeatAgeChart()->ageSeries(u"a"_s)->count(), 5 * 60 + 1);
    QCOMPARE(panel.heartbeatTimelineChart()->tickerSeries()->count(), 11); // beats at 15:00 ... 20:00
    for (const QPointF& p : panel.heartbeatTimelineChart()->tickerSeries()->points())
        QVERIFY(p.x() >= qreal(to - 5 * 60'000));

    panel.setWindowMinutes(1);
    panel.refresh();
    QCOMPARE(rt->readersSeries()->count(), 61);
    QCOMPARE(panel.heartbeatTimelineChart()->tickerSeries()->count(), 3);

    panel.setWindowMinutes(60);
    panel.refresh();
    QCOMPARE(rt->readersSeries()->count(), 20 * 60 + 1);
    QCOMPARE(panel.heartbeatTimelineChart()->tickerSeries()->count(), 40);
    QCOMPARE(ms(rt->timeAxis()->min()), to - 60 * 60'000LL);
    QCOMPARE(ms(panel.heartbeatTimelineChart()->timeAxis()->min()), to - 60 * 60'000LL);

    // The combo box drives the same setting.
    auto* combo = panel.findChild<QComboBox*>();
    QVERIFY(combo);
    QVERIFY(!combo->toolTip().isEmpty());
    combo->setCurrentIndex(combo->findData(15));
    QCOMPARE(panel.windowMinutes(), 15);
    panel.refresh();
    QCOMPARE(rt->readersSeries()->count(), 15 * 60 + 1);
}

void TstChartsPanel::windowMinutesSnapsToChoices_data()
{
    QTest::addColumn<int>("asked");
    QTest::addColumn<int>("shown");
    QTest::newRow("1") << 1 << 1;
    QTest::newRow("0") << 0 << 1;
    QTest::newRow("4") << 4 << 5;
    QTest::newRow("15") << 15 << 15;
    QTest::newRow("30") << 30 << 15;
    QTest::newRow("60") << 60 << 60;
    QTest::newRow("600") << 600 << 60;
}

void TstChartsPanel::windowMinutesSnapsToChoices()
{
    QFETCH(int, asked);
    QFETCH(int, shown);
    ChartsPanel panel;
    panel.setWindowMinutes(asked);
    QCOMPARE(panel.windowMinutes(), shown);
    QCOMPARE(panel.findChild<QComboBox*>()->currentData().toInt(), shown);
}

void TstChartsPanel::ringBuffersKeepTheirCaps()
{
    // The panel's own caps, fed ten times over.
    ChartsPanel panel;
    const auto& h = panel.history();
    QCOMPARE(h.sampleCap(), ChartHistory::kSampleCap);
    QCOMPARE(h.heartbeatCap(), ChartHistory::kHeartbeatCap);
    for (qsizetype i = 0; i < 10 * ChartHistory::kSampleCap; ++i)
        panel.addSample(sample(kT0 + i * 1000, 20, 2, 2, {u"a"_s, u"b"_s}, (i % 30) * 1000));
    for (qsizetype i = 0; i < 10 * ChartHistory::kHeartbeatCap; ++i)
        panel.addHeartbeat(beat(kT0 + i * 10, i % 2 ? u"a"_s : u"b"_s, HeartbeatSource::Ticker));
    QCOMPARE(h.counts().size(), ChartHistory::kSampleCap);
    QCOMPARE(h.heartbeats().size(), ChartHistory::kHeartbeatCap);
    QCOMPARE(h.task(u"a"_s)->ages.size(), ChartHistory::kSampleCap);
    QCOMPARE(h.task(u"a"_s)->heartbeatsKept, ChartHistory::kHeartbeatCap / 2);
    panel.setWindowMinutes(60);
    panel.refresh();
    QVERIFY(panel.readersThreadsChart()->readersSeries()->count() <= ChartHistory::kSampleCap);
}

void TstChartsPanel::thresholdLines_data()
{
    QTest::addColumn<qint64>("every");
    QTest::addColumn<qint64>("timeout");
    QTest::addColumn<QString>("periodName");
    QTest::addColumn<QString>("timeoutName");
    QTest::newRow("seed") << 30'000LL << 300'000LL << u"heartbeat period 30 s"_s << u"task timeout 300 s"_s;
    QTest::newRow("100x compressed") << 300LL << 3'000LL << u"heartbeat period 300 ms"_s
                                     << u"task timeout 3 s"_s;
    QTest::newRow("odd") << 1'500LL << 45'000LL << u"heartbeat period 1.50 s"_s << u"task timeout 45 s"_s;
}

void TstChartsPanel::thresholdLines()
{
    QFETCH(qint64, every);
    QFETCH(qint64, timeout);
    QFETCH(QString, periodName);
    QFETCH(QString, timeoutName);
    ChartsPanel panel;
    panel.resize(1280, 800);
    panel.show(); // legend markers only read as visible in a visible, laid out legend
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setThresholds(every, timeout);
    // Ages up to 60% of the timeout bring the timeout line into view.
    for (int s = 0; s <= 10; ++s)
        panel.addSample(sample(kT0 + s * 1000LL, 1, 1, 1, {u"a"_s}, timeout * 6 / 10 * s / 10));
    panel.refresh();
    auto* ages = panel.heartbeatAgeChart();
    QLineSeries* period = ages->heartbeatPeriodSeries();
    QLineSeries* limit = ages->taskTimeoutSeries();
    QCOMPARE(period->name(), periodName);
    QCOMPARE(limit->name(), timeoutName);
    QCOMPARE(period->pen().style(), Qt::DashLine);
    QCOMPARE(limit->pen().style(), Qt::DashDotLine);
    for (const QPointF& p : period->points())
        QCOMPARE(p.y(), qreal(every) / 1000.0);
    for (const QPointF& p : limit->points())
        QCOMPARE(p.y(), qreal(timeout) / 1000.0);
    QCOMPARE(period->count(), 2);
    QCOMPARE(limit->at(0).x(), qreal(kT0 + 10'000 - 5 * 60'000));
    QCOMPARE(limit->at(1).x(), qreal(kT0 + 10'000));
    QVERIFY(ages->ageAxis()->max() >= qreal(timeout) / 1000.0);
    // Both are named in the legend.
    for (QLineSeries* ref : {period, limit}) {
        const auto markers = ages->chart()->legend()->markers(ref);
        QCOMPARE(markers.size(), 1);
        // (Qt hides the legend's items after a series is added until its next layout.)
        QTRY_VERIFY2(markers.first()->isVisible(), qPrintable(ref->name()));
        QCOMPARE(markers.first()->label(), ref->name());
    }
}

void TstChartsPanel::ageAxisShowsTimeoutOnlyWhenNear()
{
    ChartsPanel panel;
    panel.setThresholds(30'000, 300'000);
    feedSawtooth(panel, kT0, 120, {u"healthy"_s});
    panel.refresh();
    auto* ages = panel.heartbeatAgeChart();
    // Healthy teeth get the height: 0..~40 s, and the legend says where the timeout went.
    QVERIFY(ages->ageAxis()->max() >= 30.0);
    QVERIFY(ages->ageAxis()->max() <= 50.0);
    QCOMPARE(ages->taskTimeoutSeries()->name(), u"task timeout 300 s (above)"_s);
    QCOMPARE(ages->taskTimeoutSeries()->at(0).y(), 300.0);

    // Seed Diagram 1: no heartbeat, the age climbs towards the timeout.
    for (int s = 121; s <= 300; ++s)
        panel.addSample(sample(kT0 + s * 1000LL, 1, 1, 1, {u"healthy"_s, u"broken"_s}, s * 1000LL));
    panel.refresh();
    QVERIFY(ages->ageAxis()->max() >= 300.0);
    QCOMPARE(ages->taskTimeoutSeries()->name(), u"task timeout 300 s"_s);
}

void TstChartsPanel::legendNamesTheFirstTasksOnly()
{
    ChartsPanel panel;
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setThresholds(30'000, 300'000);
    QStringList names;
    for (int i = 0; i < 15; ++i)
        names << u"task-%1"_s.arg(i);
    feedSawtooth(panel, kT0, 60, names);
    panel.refresh();
    auto* ages = panel.heartbeatAgeChart();
    QCOMPARE(ages->ageSeriesCount(), 15);
    const auto visibleLabels = [&] {
        QStringList out;
        const auto markers = ages->chart()->legend()->markers();
        for (QLegendMarker* m : markers) {
            if (m->isVisible())
                out << m->label();
        }
        return out;
    };
    // Both reference lines lead, then the first ten tasks; every line still has its points.
    QTRY_COMPARE(visibleLabels().size(), 12);
    const QStringList labels = visibleLabels();
    QCOMPARE(labels.at(0), u"heartbeat period 30 s"_s);
    QVERIFY(labels.at(1).startsWith(u"task timeout 300 s"_s));
    QCOMPARE(labels.at(2), u"task-0"_s);
    QCOMPARE(labels.at(11), u"task-9"_s);
    QCOMPARE(ages->ageSeries(u"task-14"_s)->count(), 61);
}

void TstChartsPanel::burstsCostOneRedrawPerTick()
{
    ChartsPanel panel;
    QSignalSpy replaced(panel.heartbeatTimelineChart()->tickerSeries(), &QXYSeries::pointsReplaced);
    for (int i = 0; i < 1000; ++i)
        panel.addHeartbeat(beat(kT0 + i * 250LL, u"t%1"_s.arg(i % 10), HeartbeatSource::Ticker));
    // Feeding draws nothing by itself...
    QCOMPARE(replaced.size(), 0);
    QCOMPARE(panel.heartbeatTimelineChart()->tickerSeries()->count(), 0);
    // ...the next tick does, once.
    QTRY_COMPARE_WITH_TIMEOUT(panel.heartbeatTimelineChart()->tickerSeries()->count(), 1000, 2000);
    QCOMPARE(replaced.size(), 1);
    // Nothing new, no redraw.
    QTest::qWait(3 * ChartsPanel::kRefreshMs);
    QCOMPARE(replaced.size(), 1);
}

QTEST_MAIN(TstChartsPanel)
#include "tst_chartspanel.moc"
