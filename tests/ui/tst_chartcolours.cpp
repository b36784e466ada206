// Colours that tell things apart: one per container, the same in every chart and in the log
// view; reference lines in a style no series has; every series the legend lists can be seen.
#include "ChartTestData.h"
#include "ChartsPanel.h"
#include "ContainerColors.h"
#include "HeartbeatAgeChart.h"
#include "ReadersThreadsChart.h"
#include "StatusColors.h"

#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using namespace dockpulse::testdata;
using dockpulse::ui::ChartsPanel;
using dockpulse::ui::ContainerColors;
using dockpulse::ui::StatusColors;

namespace {

// Distance of two hues on the colour wheel, in degrees.
int hueDistance(const QColor& a, const QColor& b)
{
    const int d = qAbs(a.hslHue() - b.hslHue()) % 360;
    return std::min(d, 360 - d);
}

QPalette paletteFor(bool dark)
{
    QPalette pal;
    pal.setColor(QPalette::Window, dark ? QColor(0x20, 0x20, 0x20) : QColor(0xf0, 0xf0, 0xf0));
    pal.setColor(QPalette::Base, dark ? QColor(0x10, 0x10, 0x10) : Qt::white);
    pal.setColor(QPalette::Text, dark ? Qt::white : Qt::black);
    pal.setColor(QPalette::WindowText, dark ? Qt::white : Qt::black);
    return pal;
}

} // namespace

class TstChartColours : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void referenceLinesLookLikeNoSeries_data();
    void referenceLinesLookLikeNoSeries();
    void oneColourPerContainerEverywhere();
    void legendClickShowsASeriesAlone();
};

void TstChartColours::referenceLinesLookLikeNoSeries_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TstChartColours::referenceLinesLookLikeNoSeries()
{
    QFETCH(bool, dark);
    const QPalette pal = paletteFor(dark);
    ChartsPanel panel;
    panel.setPalette(pal);
    panel.setThresholds(30'000, 300'000);
    QStringList tasks;
    for (int i = 0; i < 12; ++i)
        tasks << u"task-%1"_s.arg(i);
    for (int s = 0; s <= 20; ++s)
        panel.addSample(sample(kT0 + s * 1000LL, 5, 12, 12, tasks, s * 1000LL));
    panel.refresh();
    auto* ages = panel.heartbeatAgeChart();
    const QPen period = ages->heartbeatPeriodSeries()->pen();
    const QPen timeout = ages->taskTimeoutSeries()->pen();
    // Achromatic and dashed.
    for (const QPen& ref : {period, timeout}) {
        QVERIFY2(ref.color().hslSaturation() < 30, qPrintable(ref.color().name()));
        QVERIFY(ref.style() != Qt::SolidLine);
    }
    QVERIFY(period.style() != timeout.style() || period.color() != timeout.color());
    const QColor danger = StatusColors::foreground(StatusColors::Health::Danger, pal);
    const QColor warning = StatusColors::foreground(StatusColors::Health::Warning, pal);
    for (const QString& t : std::as_const(tasks)) {
        const QPen pen = ages->ageSeries(t)->pen();
        QCOMPARE(pen.style(), Qt::SolidLine);
        QVERIFY(pen.color() != period.color() && pen.color() != timeout.color());
        QVERIFY2(pen.color().hslSaturation() > 60, qPrintable(t + u' ' + pen.color().name()));
        // Not the red of danger nor the orange/yellow of warning either.
        QVERIFY2(hueDistance(pen.color(), danger) > 20, qPrintable(t + u' ' + pen.color().name()));
        QVERIFY2(hueDistance(pen.color(), warning) > 15, qPrintable(t + u' ' + pen.color().name()));
    }
    // The counts chart's series differ from each other in colour and style.
    auto* rt = panel.readersThreadsChart();
    const QPen readers = rt->readersSeries()->pen(), monitored = rt->monitoredSeries()->pen();
    QVERIFY(readers.color() != monitored.color());
    QVERIFY(readers.style() != monitored.style() || readers.widthF() != monitored.widthF());
}

void TstChartColours::oneColourPerContainerEverywhere()
{
    // The container's colour, not the task's: a container monitored again (a new task) keeps it,
    // and two panels (or the log view) agree.
    ChartsPanel a, b;
    const QHash<QString, QString> labels = {
        {u"container_aaa"_s, u"web"_s}, {u"container_bbb"_s, u"worker"_s}, {u"container_ccc"_s, u"web"_s}};
    a.setTaskLabels(labels);
    b.setTaskLabels(labels);
    a.addSample(sample(kT0, 1, 2, 2, {u"container_aaa"_s, u"container_bbb"_s}, 1000));
    b.addSample(sample(kT0, 1, 2, 2, {u"container_bbb"_s, u"container_ccc"_s}, 1000));
    a.refresh();
    b.refresh();
    const auto colourOf = [](ChartsPanel& p, const QString& task) {
        return p.heartbeatAgeChart()->ageSeries(task)->pen().color();
    };
    const QColor web = ContainerColors::shared().color(u"web"_s, a.palette());
    QCOMPARE(colourOf(a, u"container_aaa"_s), web);
    QCOMPARE(colourOf(b, u"container_ccc"_s), web); // same container name, new task
    QCOMPARE(colourOf(a, u"container_bbb"_s), colourOf(b, u"container_bbb"_s));
    QVERIFY(colourOf(a, u"container_bbb"_s) != web);

    // A palette's worth of containers all differ.
    QSet<QRgb> seen;
    const int n = int(ContainerColors::hues(a.palette()).size());
    for (int i = 0; i < n; ++i)
        seen.insert(ContainerColors::shared().color(u"distinct-%1"_s.arg(i), a.palette()).rgb());
    QCOMPARE(int(seen.size()), n);
}

void TstChartColours::legendClickShowsASeriesAlone()
{
    // Readers equal to monitored tasks: the lines coincide. A click on a legend entry shows it alone.
    ChartsPanel panel;
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    for (int s = 0; s <= 30; ++s)
        panel.addSample(sample(kT0 + s * 1000LL, 9, 3, 3, {u"x"_s, u"y"_s}, (s % 10) * 1000LL));
    panel.refresh();
    auto* rt = panel.readersThreadsChart();
    const auto markers = rt->chart()->legend()->markers(rt->readersSeries());
    QCOMPARE(markers.size(), 1);
    const QColor readers = rt->readersSeries()->pen().color();
    const QColor monitored = rt->monitoredSeries()->pen().color();
    Q_EMIT markers.first()->clicked();
    QCOMPARE(rt->readersSeries()->pen().color(), readers); // the one shown stays as it was
    QVERIFY2(rt->monitoredSeries()->pen().color().alpha() < 100, "the line on top did not fade");
    QVERIFY(rt->threadsSeries()->pen().color().alpha() < 100);
    Q_EMIT markers.first()->clicked(); // again: all back
    QCOMPARE(rt->monitoredSeries()->pen().color(), monitored);
    QCOMPARE(rt->readersSeries()->pen().color(), readers);

    // Equal ages of two tasks: either one can be shown alone, and refreshes keep it so.
    auto* ages = panel.heartbeatAgeChart();
    const auto ageMarkers = ages->chart()->legend()->markers(ages->ageSeries(u"y"_s));
    QCOMPARE(ageMarkers.size(), 1);
    Q_EMIT ageMarkers.first()->clicked();
    panel.refresh();
    QVERIFY(ages->ageSeries(u"x"_s)->pen().color().alpha() < 100);
    QCOMPARE(ages->ageSeries(u"y"_s)->pen().color().alpha(), 255);
}

QTEST_MAIN(TstChartColours)
#include "tst_chartcolours.moc"
