// The heartbeat timeline read by a person: one labelled row per task however many, rows that
// scroll, tooltips that name the container, no help text over the rows, keys that pan without a
// drag-zoom, round ticks once zoomed.
#include "ChartStyle.h"
#include "ChartTestData.h"
#include "ChartsPanel.h"
#include "ChartsPanelTestSupport.h"
#include "HeartbeatTimelineChart.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QDateTimeAxis>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QHelpEvent>
#include <QScatterSeries>
#include <QScrollBar>
#include <QTextDocument>
#include <QToolTip>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using dockpulse::monitor::HeartbeatSource;
using namespace dockpulse::testdata;
using dockpulse::ui::ChartsPanel;
using dockpulse::ui::HeartbeatTimelineChart;

namespace {

QString taskOf(int i)
{
    return u"container_%1"_s.arg(i, 12, 10, QLatin1Char('0'));
}

// Names that share a long prefix, as compose projects make them.
QString nameOf(int i)
{
    return u"dockpulse-sample-%1-%2"_s.arg(i % 2 ? u"worker"_s : u"web"_s).arg(i + 1);
}

void feedTasks(ChartsPanel& panel, int count)
{
    QHash<QString, QString> labels;
    for (int i = 0; i < count; ++i)
        labels.insert(taskOf(i), nameOf(i));
    panel.setTaskLabels(labels);
    for (int k = 1; k <= 5; ++k)
        for (int i = 0; i < count; ++i)
            panel.addHeartbeat(beat(kT0 + k * 30'000LL + i * 100, taskOf(i), HeartbeatSource::Ticker));
    panel.refresh();
}

// The axis labels Qt Charts drew and shows whole (it truncates what does not fit with "...").
QStringList shownLabels(HeartbeatTimelineChart* tl)
{
    QStringList out;
    const QRectF plot = tl->chart()->plotArea();
    const auto items = tl->scene()->items();
    for (QGraphicsItem* item : items) {
        auto* text = dynamic_cast<QGraphicsTextItem*>(item);
        if (!text || !text->isVisible())
            continue;
        const QRectF r = text->sceneBoundingRect();
        if (r.right() > plot.left() + 2 || r.center().y() < plot.top() || r.center().y() > plot.bottom())
            continue; // not a row label (title, time ticks, legend)
        out.append(text->toPlainText());
    }
    return out;
}

QString plainOf(const QString& html)
{
    QTextDocument plain;
    plain.setHtml(html);
    return plain.toPlainText();
}

} // namespace

class TstTimelineRows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRowHasAWholeLabel_data();
    void everyRowHasAWholeLabel();
    void rowsKeepTheirHeightAndScroll();
    void tooltipNamesTheContainer();
    void noHelpTooltipOverTheRows();
    void clickFocusesWithoutZoomingAndKeysPan();
    void zoomedTicksFallOnRoundTimes();
};

void TstTimelineRows::everyRowHasAWholeLabel_data()
{
    QTest::addColumn<int>("tasks");
    QTest::addColumn<QSize>("size");
    QTest::newRow("4 tasks, 1600x1000") << 4 << QSize(1600, 1000);
    QTest::newRow("5 tasks, 1600x1000") << 5 << QSize(1600, 1000);
    QTest::newRow("12 tasks, 1280x800") << 12 << QSize(1280, 800);
    QTest::newRow("50 tasks, 1280x800") << 50 << QSize(1280, 800);
    QTest::newRow("50 tasks, small window") << 50 << QSize(900, 633);
}

void TstTimelineRows::everyRowHasAWholeLabel()
{
    QFETCH(int, tasks);
    QFETCH(QSize, size);
    ChartsPanel panel;
    panel.resize(size);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    feedTasks(panel, tasks);
    auto* tl = panel.heartbeatTimelineChart();
    QCOMPARE(tl->rowTasks().size(), tasks);

    // Scroll through the rows: each row, while in view, shows its container's name whole.
    QSet<int> labelled;
    QScrollBar* rows = tl->findChild<QScrollBar*>(u"timelineRows"_s);
    const int pages = rows && rows->maximum() > 0 ? rows->maximum() + 1 : 1;
    for (int first = 0; first < pages; ++first) {
        if (rows)
            rows->setValue(first);
        QCoreApplication::processEvents();
        const QStringList shown = shownLabels(tl);
        for (int r = 0; r < tasks; ++r) {
            const QString expected = ui::ChartStyle::elideMiddle(nameOf(r), 24);
            if (shown.contains(expected))
                labelled.insert(r);
        }
        for (const QString& s : shown)
            QVERIFY2(!s.endsWith(u"..."_s), qPrintable(u"truncated by Qt Charts: "_s + s));
    }
    for (int r = 0; r < tasks; ++r)
        QVERIFY2(labelled.contains(r), qPrintable(u"row %1 (%2) never had a label"_s.arg(r).arg(nameOf(r))));
}

void TstTimelineRows::rowsKeepTheirHeightAndScroll()
{
    ChartsPanel panel;
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    feedTasks(panel, 50);
    auto* tl = panel.heartbeatTimelineChart();
    QScrollBar* rows = tl->findChild<QScrollBar*>(u"timelineRows"_s);
    QVERIFY(rows);
    QVERIFY(rows->isVisible());
    const qreal shownRows = tl->taskAxis()->max() - tl->taskAxis()->min();
    QVERIFY(shownRows >= 3);
    QVERIFY2(shownRows < 50, qPrintable(QString::number(shownRows)));
    // Two label lines per row at least.
    const qreal pitch = tl->chart()->plotArea().height() / shownRows;
    QVERIFY2(pitch >= 2 * QFontMetricsF(tl->taskAxis()->labelsFont()).height() - 0.5,
             qPrintable(QString::number(pitch)));
    QCOMPARE(rows->maximum(), 50 - int(shownRows));

    // The last page shows the last task; keys move the rows too.
    rows->setValue(rows->maximum());
    QCOMPARE(tl->taskAxis()->max(), 49.5);
    tl->setFocus();
    QTest::keyClick(tl, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(rows->value(), 0);
    QTest::keyClick(tl, Qt::Key_Down);
    QCOMPARE(rows->value(), 1);
    QCOMPARE(tl->taskAxis()->min(), 0.5);
    QTest::keyClick(tl, Qt::Key_PageDown);
    QVERIFY(rows->value() > 1);
    // A refresh keeps the rows where the user scrolled them.
    const int at = rows->value();
    panel.refresh();
    QCOMPARE(rows->value(), at);

    // Few tasks: no scroll bar, all rows in view.
    ChartsPanel few;
    few.resize(1280, 800);
    few.show();
    QVERIFY(QTest::qWaitForWindowExposed(&few));
    feedTasks(few, 3);
    QScrollBar* none = few.heartbeatTimelineChart()->findChild<QScrollBar*>(u"timelineRows"_s);
    QVERIFY(!none || !none->isVisible());
    QCOMPARE(few.heartbeatTimelineChart()->taskAxis()->min(), -0.5);
    QCOMPARE(few.heartbeatTimelineChart()->taskAxis()->max(), 2.5);
}

void TstTimelineRows::tooltipNamesTheContainer()
{
    ChartsPanel panel;
    feedTasks(panel, 3);
    auto* tl = panel.heartbeatTimelineChart();
    const QPointF p = tl->tickerSeries()->at(0);
    const QString tip = plainOf(tl->tooltipAt(HeartbeatSource::Ticker, p));
    QVERIFY2(tip.contains(nameOf(0)), qPrintable(tip));
    QVERIFY2(!tip.contains(taskOf(0)), qPrintable(tip)); // not the internal task id
}

void TstTimelineRows::noHelpTooltipOverTheRows()
{
    ChartsPanel panel;
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    feedTasks(panel, 12);
    auto* tl = panel.heartbeatTimelineChart();
    QVERIFY2(tl->toolTip().isEmpty(), qPrintable(tl->toolTip()));
    // Hovering an empty spot of the plot shows nothing (it was the two-line help over the rows).
    const QPoint empty = tl->chart()->plotArea().center().toPoint() + QPoint(0, 3);
    QHelpEvent help(QEvent::ToolTip, empty, tl->viewport()->mapToGlobal(empty));
    QCoreApplication::sendEvent(tl->viewport(), &help);
    QVERIFY2(!QToolTip::isVisible() || !QToolTip::text().contains(u"zoom"_s), qPrintable(QToolTip::text()));
    // The help is still there to read, below the chart, and for assistive tools.
    QVERIFY(!tl->whatsThis().isEmpty());
    QVERIFY(!tl->accessibleDescription().isEmpty());
}

void TstTimelineRows::clickFocusesWithoutZoomingAndKeysPan()
{
    ChartsPanel panel;
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    feedSawtooth(panel, kT0, 5 * 60, {u"a"_s});
    feedTasks(panel, 3);
    auto* tl = panel.heartbeatTimelineChart();
    QVERIFY(tl->isFollowing());
    // A click with the hand's usual jitter (3 px): focus, no zoom into a sliver.
    const QPoint c = tl->chart()->plotArea().center().toPoint();
    QTest::mousePress(tl->viewport(), Qt::LeftButton, {}, c);
    QMouseEvent move(QEvent::MouseMove, QPointF(c + QPoint(3, 0)), tl->viewport()->mapToGlobal(QPointF(c)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(tl->viewport(), &move);
    QTest::mouseRelease(tl->viewport(), Qt::LeftButton, {}, c + QPoint(3, 0));
    QVERIFY2(tl->isFollowing(), "a click zoomed the timeline");
    QVERIFY(tl->hasFocus());
    const qint64 span = tl->timeAxis()->min().msecsTo(tl->timeAxis()->max());
    QTest::keyClick(tl, Qt::Key_Left);
    QVERIFY(!tl->isFollowing());
    QCOMPARE(tl->timeAxis()->min().msecsTo(tl->timeAxis()->max()), span); // panned, not zoomed

    // Reachable with Tab as well.
    QVERIFY(tl->focusPolicy() & Qt::TabFocus);
}

void TstTimelineRows::zoomedTicksFallOnRoundTimes()
{
    ChartsPanel panel;
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    feedSawtooth(panel, kT0 + 17'345, 5 * 60, {u"a"_s});
    feedTasks(panel, 3);
    auto* tl = panel.heartbeatTimelineChart();
    for (int step = 0; step < 4; ++step) {
        step % 2 ? tl->panBy(37) : tl->zoomBy(1.7, tl->chart()->plotArea().center().x() + 11);
        QCoreApplication::processEvents();
        // The visible time axis and where its ticks fall.
        QList<qint64> ticks;
        qint64 span = 0;
        for (QAbstractAxis* axis : tl->chart()->axes(Qt::Horizontal)) {
            if (!axis->isVisible() || !axis->labelsVisible())
                continue;
            if (auto* dt = qobject_cast<QDateTimeAxis*>(axis)) {
                const qint64 lo = ms(dt->min()), hi = ms(dt->max());
                span = hi - lo;
                for (int i = 0; i < dt->tickCount(); ++i)
                    ticks.append(lo + (hi - lo) * i / std::max(1, dt->tickCount() - 1));
            } else if (auto* cat = qobject_cast<QCategoryAxis*>(axis)) {
                span = qint64(cat->max() - cat->min());
                for (const QString& l : cat->categoriesLabels())
                    ticks.append(qint64(cat->endValue(l)));
            }
        }
        QVERIFY2(ticks.size() >= 3, qPrintable(QString::number(ticks.size())));
        // Span 5 min / 1.7^k: ticks a whole second apart at least, on whole seconds.
        QVERIFY(span > 10'000);
        for (qint64 t : std::as_const(ticks))
            QVERIFY2(t % 1000 == 0,
                     qPrintable(QDateTime::fromMSecsSinceEpoch(t).toString(u"HH:mm:ss.zzz"_s)));
    }
}

QTEST_MAIN(TstTimelineRows)
#include "tst_timelinerows.moc"
