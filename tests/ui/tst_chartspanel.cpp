// The dashboard's live charts: what each series holds after feeding, the time window, the ring
// caps, the timeline's rows, tooltips and zoom, the age chart's reference lines and the palette.
// (ChartHistory's bookkeeping, the text and axis helpers and the palette: tst_chartparts.)
#include "ChartHistory.h"
#include "ChartStyle.h"
#include "ChartTestData.h"
#include "ChartsPanel.h"
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

namespace {

// One sample a second for `seconds`, each task's age a 30 s sawtooth, as the seed's fixed design.
void feedSawtooth(ChartsPanel& panel, qint64 from, int seconds, const QStringList& tasks)
{
    for (int s = 0; s <= seconds; ++s)
        panel.addSample(
            sample(from + s * 1000LL, 20, int(tasks.size()), int(tasks.size()), tasks, (s % 30) * 1000LL));
}

qint64 ms(const QDateTime& t)
{
    return t.toMSecsSinceEpoch();
}

} // namespace

class TstChartsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seriesHoldEveryFedPoint_data();
    void seriesHoldEveryFedPoint();
    void publicViewsShowTheSameSeries();
    void ageLineAppearsWhenTaskIsFirstSeen();
    void timelineMarkersPerSource();
    void windowHidesOlderPointsAndSixtyShowsThem();
    void windowMinutesSnapsToChoices_data();
    void windowMinutesSnapsToChoices();
    void ringBuffersKeepTheirCaps();
    void timelineRowsAreStable();
    void tooltipNamesTimeTaskSourceAndAge();
    void chartTextIsEscaped();
    void zoomSurvivesRefreshAndResetRestores();
    void zoomByWheelKeysAndPan();
    void thresholdLines_data();
    void thresholdLines();
    void ageAxisShowsTimeoutOnlyWhenNear();
    void legendNamesTheFirstTasksOnly();
    void burstsCostOneRedrawPerTick();
    void denseBeatsAreThinnedToPixelColumns();
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

void TstChartsPanel::timelineMarkersPerSource()
{
    ChartsPanel panel;
    // Seed Diagram 5 over 3 minutes: hybrid beats on both, ticker only, rotation only.
    for (int k = 1; k <= 6; ++k) {
        const qint64 t = kT0 + k * 30'000LL;
        panel.addHeartbeat(beat(t, u"hybrid"_s, HeartbeatSource::Ticker));
        panel.addHeartbeat(beat(t + 5, u"hybrid"_s, HeartbeatSource::Rotation));
        panel.addHeartbeat(beat(t + 100, u"ticker-only"_s, HeartbeatSource::Ticker));
        panel.addHeartbeat(beat(t + 200, u"rotation-only"_s, HeartbeatSource::Rotation));
    }
    panel.refresh();
    auto* tl = panel.heartbeatTimelineChart();
    QCOMPARE(tl->tickerSeries()->count(), 12);
    QCOMPARE(tl->rotationSeries()->count(), 12);
    QCOMPARE(tl->tickerSeries()->markerShape(), QScatterSeries::MarkerShapeCircle);
    QCOMPARE(tl->rotationSeries()->markerShape(), QScatterSeries::MarkerShapeRotatedRectangle);
    QCOMPARE(tl->tickerSeries()->color(),
             ui::StatusColors::forSource(HeartbeatSource::Ticker, tl->palette()));
    QCOMPARE(tl->rotationSeries()->color(),
             ui::StatusColors::forSource(HeartbeatSource::Rotation, tl->palette()));
    QCOMPARE(tl->rowTasks(), QStringList({u"hybrid"_s, u"ticker-only"_s, u"rotation-only"_s}));
    // Every rotation marker is on a hybrid or rotation-only row, never on the ticker-only one.
    const int tickerOnlyRow = tl->rowOf(u"ticker-only"_s);
    for (const QPointF& p : tl->rotationSeries()->points())
        QVERIFY(p.y() != HeartbeatTimelineChart::rowY(tickerOnlyRow, HeartbeatSource::Rotation));
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

void TstChartsPanel::timelineRowsAreStable()
{
    ChartsPanel panel;
    auto* tl = panel.heartbeatTimelineChart();
    const auto yOf = [&](const QString& task, HeartbeatSource source) {
        return HeartbeatTimelineChart::rowY(tl->rowOf(task), source);
    };
    for (int k = 0; k < 5; ++k) {
        panel.addHeartbeat(beat(kT0 + k * 30'000LL, u"alpha"_s, HeartbeatSource::Ticker));
        panel.addHeartbeat(beat(kT0 + k * 30'000LL + 10, u"beta"_s, HeartbeatSource::Ticker));
    }
    panel.refresh();
    QCOMPARE(tl->rowOf(u"alpha"_s), 0);
    QCOMPARE(tl->rowOf(u"beta"_s), 1);
    QCOMPARE(tl->tickerSeries()->count(), 10);
    for (const QPointF& p : tl->tickerSeries()->points())
        QVERIFY(p.y() == yOf(u"alpha"_s, HeartbeatSource::Ticker) ||
                p.y() == yOf(u"beta"_s, HeartbeatSource::Ticker));

    // A new task (alphabetically first) joins below; the existing rows keep their y.
    const qreal alphaY = yOf(u"alpha"_s, HeartbeatSource::Ticker);
    for (int k = 5; k < 10; ++k) {
        panel.addHeartbeat(beat(kT0 + k * 30'000LL, u"aardvark"_s, HeartbeatSource::Ticker));
        panel.addHeartbeat(beat(kT0 + k * 30'000LL + 10, u"alpha"_s, HeartbeatSource::Ticker));
        panel.addHeartbeat(beat(kT0 + k * 30'000LL + 20, u"alpha"_s, HeartbeatSource::Rotation));
    }
    panel.refresh();
    QCOMPARE(tl->rowOf(u"alpha"_s), 0);
    QCOMPARE(tl->rowOf(u"aardvark"_s), 2);
    QCOMPARE(yOf(u"alpha"_s, HeartbeatSource::Ticker), alphaY);
    int alphaMarkers = 0;
    for (const QPointF& p : tl->tickerSeries()->points())
        alphaMarkers += p.y() == alphaY ? 1 : 0;
    QCOMPARE(alphaMarkers, 10);
    // Ticker lane above the row's line, rotation lane below, both within the row.
    QVERIFY(yOf(u"alpha"_s, HeartbeatSource::Ticker) < yOf(u"alpha"_s, HeartbeatSource::Rotation));
    QVERIFY(yOf(u"alpha"_s, HeartbeatSource::Rotation) < yOf(u"beta"_s, HeartbeatSource::Ticker));
    QCOMPARE(tl->taskAxis()->min(), -0.5);
    QCOMPARE(tl->taskAxis()->max(), 2.5);
    QVERIFY(tl->taskAxis()->isReverse()); // row 0 at the top
}

void TstChartsPanel::tooltipNamesTimeTaskSourceAndAge()
{
    const QString evil = u"<img src=x onerror=alert(1)>&<b>web</b>"_s;
    const HeartbeatRecord b = beat(kT0 + 1234, evil, HeartbeatSource::Rotation, 29'500);
    const QString text = HeartbeatTimelineChart::tooltipText(b);
    QVERIFY2(text.contains(ui::ChartStyle::timeText(kT0 + 1234)), qPrintable(text));
    QVERIFY(text.contains(u".234"_s));
    QVERIFY(text.contains(u"rotation"_s));
    QVERIFY(text.contains(u"29.5 s"_s));
    QVERIFY(text.contains(evil.toHtmlEscaped()));
    QVERIFY(!text.contains(u"<img"_s));
    QVERIFY(!text.contains(u"<b>web"_s));
    QVERIFY(Qt::mightBeRichText(text)); // the escaping is what makes it plain for the user

    // The hover path finds the record behind a marker.
    ChartsPanel panel;
    panel.addHeartbeat(beat(kT0, u"plain"_s, HeartbeatSource::Ticker, 30'000));
    panel.addHeartbeat(b);
    panel.refresh();
    auto* tl = panel.heartbeatTimelineChart();
    QCOMPARE(tl->rotationSeries()->count(), 1);
    const QString hovered = tl->tooltipAt(HeartbeatSource::Rotation, tl->rotationSeries()->at(0));
    QCOMPARE(hovered, text);
    const QString tickerTip = tl->tooltipAt(HeartbeatSource::Ticker, tl->tickerSeries()->at(0));
    QVERIFY(tickerTip.contains(u"plain"_s));
    QVERIFY(tickerTip.contains(u"ticker"_s));
    QVERIFY(tickerTip.contains(u"30 s"_s));
    QVERIFY(tl->tooltipAt(HeartbeatSource::Ticker, QPointF(1, 1)).isEmpty());
}

void TstChartsPanel::chartTextIsEscaped()
{
    // Qt Charts renders legends and axis labels as HTML: container names go in escaped.
    const QString evil = u"<i>x</i>&y"_s;
    ChartsPanel panel;
    panel.addSample(sample(kT0, 1, 1, 1, {evil}, 0));
    panel.addHeartbeat(beat(kT0, evil, HeartbeatSource::Ticker));
    panel.refresh();
    QCOMPARE(panel.heartbeatAgeChart()->ageSeries(evil)->name(), evil.toHtmlEscaped());
    const QStringList labels = panel.heartbeatTimelineChart()->taskAxis()->categoriesLabels();
    QCOMPARE(labels, QStringList{evil.toHtmlEscaped()});
    const QString ageTip = ui::HeartbeatAgeChart::tooltipText(evil, QPointF(qreal(kT0), 12.5));
    QVERIFY(ageTip.contains(evil.toHtmlEscaped()));
    QVERIFY(!ageTip.contains(u"<i>"_s));
    QVERIFY(ageTip.contains(u"12.5 s"_s));
}

void TstChartsPanel::zoomSurvivesRefreshAndResetRestores()
{
    ChartsPanel panel;
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    feedSawtooth(panel, kT0, 10 * 60, {u"a"_s, u"b"_s});
    for (int k = 1; k <= 20; ++k)
        panel.addHeartbeat(beat(kT0 + k * 30'000LL, u"a"_s, HeartbeatSource::Ticker));
    panel.refresh();
    auto* tl = panel.heartbeatTimelineChart();
    auto* reset = panel.findChild<QPushButton*>();
    QVERIFY(reset);
    QVERIFY(!reset->toolTip().isEmpty());
    QVERIFY(tl->isFollowing());
    QVERIFY(!reset->isEnabled());
    QSignalSpy following(tl, &HeartbeatTimelineChart::followingChanged);

    const QRectF plot = tl->chart()->plotArea();
    QVERIFY(plot.width() > 100);
    tl->chart()->zoomIn(QRectF(plot.left() + plot.width() / 4, plot.top(), plot.width() / 2, plot.height()));
    QVERIFY(!tl->isFollowing());
    QCOMPARE(following.size(), 1);
    QVERIFY(reset->isEnabled());
    const QDateTime zoomMin = tl->timeAxis()->min(), zoomMax = tl->timeAxis()->max();
    QVERIFY(zoomMin.msecsTo(zoomMax) < 3 * 60'000); // half of the 5-minute window

    // Two more minutes of data: the other charts move on, the zoomed timeline stays put.
    feedSawtooth(panel, kT0 + 10 * 60'000 + 1000, 2 * 60, {u"a"_s, u"b"_s});
    panel.addHeartbeat(beat(kT0 + 12 * 60'000, u"b"_s, HeartbeatSource::Rotation));
    panel.refresh();
    QTest::qWait(2 * ChartsPanel::kRefreshMs); // and the timer's refreshes too
    QCOMPARE(tl->timeAxis()->min(), zoomMin);
    QCOMPARE(tl->timeAxis()->max(), zoomMax);
    QCOMPARE(ms(panel.readersThreadsChart()->timeAxis()->max()), kT0 + 12 * 60'000 + 1000);
    QVERIFY(tl->tickerSeries()->count() > 0); // the zoomed range keeps its markers

    // Reset: back to following the window, which has moved on meanwhile.
    reset->click();
    QVERIFY(tl->isFollowing());
    QVERIFY(!reset->isEnabled());
    QCOMPARE(ms(tl->timeAxis()->max()), kT0 + 12 * 60'000 + 1000);
    QCOMPARE(ms(tl->timeAxis()->min()), kT0 + 7 * 60'000 + 1000);
    QCOMPARE(tl->rotationSeries()->count(), 1);

    // Escape and double-click reset too.
    tl->zoomBy(2.0, plot.center().x());
    QVERIFY(!tl->isFollowing());
    QTest::keyClick(tl, Qt::Key_Escape);
    QVERIFY(tl->isFollowing());
    tl->zoomBy(2.0, plot.center().x());
    QTest::mouseDClick(tl->viewport(), Qt::LeftButton, {}, plot.center().toPoint());
    QVERIFY(tl->isFollowing());
    QCOMPARE(ms(tl->timeAxis()->max()), kT0 + 12 * 60'000 + 1000);
}

void TstChartsPanel::zoomByWheelKeysAndPan()
{
    ChartsPanel panel;
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    feedSawtooth(panel, kT0, 5 * 60, {u"a"_s});
    panel.refresh();
    auto* tl = panel.heartbeatTimelineChart();
    const qint64 span = tl->timeAxis()->min().msecsTo(tl->timeAxis()->max());
    QCOMPARE(span, 5 * 60'000LL);

    QTest::keyClick(tl, Qt::Key_Plus);
    QVERIFY(!tl->isFollowing());
    const qint64 zoomed = tl->timeAxis()->min().msecsTo(tl->timeAxis()->max());
    QVERIFY2(qAbs(zoomed - span / 1.5) < 2000, qPrintable(QString::number(zoomed)));

    const QDateTime before = tl->timeAxis()->min();
    QTest::keyClick(tl, Qt::Key_Left);
    QVERIFY(tl->timeAxis()->min() < before); // panned back in time
    QCOMPARE(tl->timeAxis()->min().msecsTo(tl->timeAxis()->max()), zoomed);

    // Middle-button drag to the right looks further back as well.
    const QDateTime beforeDrag = tl->timeAxis()->min();
    const QPoint c = tl->chart()->plotArea().center().toPoint();
    QTest::mousePress(tl->viewport(), Qt::MiddleButton, {}, c);
    QMouseEvent move(QEvent::MouseMove, QPointF(c + QPoint(100, 0)), tl->viewport()->mapToGlobal(QPointF(c)),
                     Qt::NoButton, Qt::MiddleButton, Qt::NoModifier);
    QCoreApplication::sendEvent(tl->viewport(), &move);
    QTest::mouseRelease(tl->viewport(), Qt::MiddleButton, {}, c + QPoint(100, 0));
    QVERIFY(tl->timeAxis()->min() < beforeDrag);

    QWheelEvent wheel(QPointF(c), tl->viewport()->mapToGlobal(QPointF(c)), {}, QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(tl->viewport(), &wheel);
    QVERIFY(tl->timeAxis()->min().msecsTo(tl->timeAxis()->max()) < zoomed);

    QTest::keyClick(tl, Qt::Key_Escape);
    QVERIFY(tl->isFollowing());
    QCOMPARE(tl->timeAxis()->min().msecsTo(tl->timeAxis()->max()), span);
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
    QCOMPARE(limit->pen().style(), Qt::DashLine);
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

void TstChartsPanel::denseBeatsAreThinnedToPixelColumns()
{
    // 100x compressed timings over 5 minutes: a beat every 30 ms. Markers 9 pixels wide hide each
    // other anyway; the chart keeps about one per pixel column per task and lane.
    ChartsPanel panel;
    for (int i = 0; i < 10'000; ++i)
        panel.addHeartbeat(beat(kT0 + i * 30LL, u"fast"_s, HeartbeatSource::Ticker, 30));
    panel.refresh();
    const qsizetype n = panel.heartbeatTimelineChart()->tickerSeries()->count();
    QVERIFY2(n > 100 && n < 2000, qPrintable(QString::number(n)));
}

QTEST_MAIN(TstChartsPanel)
#include "tst_chartspanel.moc"
