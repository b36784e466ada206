// The heartbeat timeline chart in the dashboard's panel: markers per source, stable rows,
// tooltips, escaped text, zoom and pan, and thinning of dense beats.
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

class TstHeartbeatTimelineChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timelineMarkersPerSource();
    void timelineRowsAreStable();
    void tooltipNamesTimeTaskSourceAndAge();
    void chartTextIsEscaped();
    void zoomSurvivesRefreshAndResetRestores();
    void zoomByWheelKeysAndPan();
    void denseBeatsAreThinnedToPixelColumns();
};

void TstHeartbeatTimelineChart::timelineMarkersPerSource()
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

void TstHeartbeatTimelineChart::timelineRowsAreStable()
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

void TstHeartbeatTimelineChart::tooltipNamesTimeTaskSourceAndAge()
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

void TstHeartbeatTimelineChart::chartTextIsEscaped()
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

void TstHeartbeatTimelineChart::zoomSurvivesRefreshAndResetRestores()
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

void TstHeartbeatTimelineChart::zoomByWheelKeysAndPan()
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

void TstHeartbeatTimelineChart::denseBeatsAreThinnedToPixelColumns()
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

QTEST_MAIN(TstHeartbeatTimelineChart)
#include "tst_heartbeattimelinechart.moc"
