// First-launch column widths in every table of the dashboard, offscreen (the window is built
// over an engine that never connects): compose-style names are shown whole, longer ones are
// elided in the middle (so "…-web-1" and "…-worker-1" stay apart), a task's State column holds
// every state it will pass through, and the merged log view's Container column is wide enough.
#include "DeadEngineDashboard.h"
#include "EventsModel.h"
#include "EventsPanel.h"
#include "LogItemDelegate.h"

#include <QFontMetrics>
#include <QHeaderView>
#include <QTabWidget>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using dockpulse::test::Dashboard;

namespace {

const QStringList kComposeNames = {u"dockpulse-sample-web-1"_s, u"dockpulse-sample-worker-1"_s};

// The text a cell of `column` shows whole: its width less the delegate's margins on both sides
// (the log view's own delegate, or QStyledItemDelegate's focus-frame margin and one pixel).
int roomIn(const QTableView& view, int column)
{
    const int margin = qobject_cast<const ui::LogItemDelegate*>(view.itemDelegate())
                           ? ui::LogItemDelegate::kMargin
                           : view.style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, &view) + 1;
    return view.columnWidth(column) - 2 * margin;
}

} // namespace

class TstFirstWidths : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesShowWholeAndElideInTheMiddle_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<int>("tab");
        QTest::addColumn<int>("nameColumn");
        QTest::newRow("containers") << u"containersView"_s << 0 << int(ui::ContainersModel::Name);
        QTest::newRow("tasks") << u"tasksView"_s << 0 << int(ui::TasksModel::ContainerName);
        QTest::newRow("events") << u"eventsView"_s << 2 << int(ui::EventsModel::Container);
    }
    void namesShowWholeAndElideInTheMiddle()
    {
        QFETCH(QString, view);
        QFETCH(int, tab);
        QFETCH(int, nameColumn);
        Dashboard d;
        QVERIFY(d.ready());
        d.window.tabs()->setCurrentIndex(tab);
        auto* table = d.window.findChild<QTableView*>(view);
        QVERIFY(table);
        const QFontMetrics fm(table->font());
        for (const QString& name : kComposeNames)
            QVERIFY2(roomIn(*table, nameColumn) >= fm.horizontalAdvance(name),
                     qPrintable(u"%1 needs %2 px, the column has %3"_s.arg(name)
                                    .arg(fm.horizontalAdvance(name))
                                    .arg(roomIn(*table, nameColumn))));
        // Past its width a name keeps both ends: the ends are where compose names differ.
        QCOMPARE(table->textElideMode(), Qt::ElideMiddle);
    }

    void taskStateColumnHoldsEveryState()
    {
        Dashboard d;
        QVERIFY(d.ready());
        QTableView* tasks = d.window.tasksView();
        const QFontMetrics fm(tasks->font());
        for (const QString& state : {u"starting"_s, u"streaming"_s, u"stalled"_s, u"exited"_s, u"stopped"_s,
                                     u"timed_out"_s, u"failed"_s})
            QVERIFY2(roomIn(*tasks, ui::TasksModel::State) >= fm.horizontalAdvance(state), qPrintable(state));
    }

    void eventsColumnsHoldTheirLongestValues()
    {
        Dashboard d;
        QVERIFY(d.ready());
        QTableView* events = d.window.eventsPanel()->view();
        const QFontMetrics fm(events->font());
        for (const QString& event :
             {u"heartbeat_timeout"_s, u"container_restarted"_s, u"container_removed"_s})
            QVERIFY2(roomIn(*events, ui::EventsModel::Event) >= fm.horizontalAdvance(event),
                     qPrintable(event));
        QVERIFY(roomIn(*events, ui::EventsModel::Time) >= fm.horizontalAdvance(u"59 m 59 s ago"_s));
    }

    // Two tasks merged: the Container column shows compose names whole from the first launch.
    void mergedLogViewContainerColumnIsWideEnough()
    {
        Dashboard d;
        QVERIFY(d.ready());
        QTableView* tasks = d.window.tasksView();
        tasks->selectAll();
        QTRY_COMPARE(d.window.logPanel()->model()->tasks().size(), 2);
        auto* logs = qobject_cast<QTableView*>(d.window.logPanel()->view());
        QVERIFY(logs);
        QVERIFY(!logs->isColumnHidden(ui::LogModel::ContainerColumn));
        const QFontMetrics fm(logs->font());
        for (const QString& name : kComposeNames)
            QVERIFY2(roomIn(*logs, ui::LogModel::ContainerColumn) >= fm.horizontalAdvance(name),
                     qPrintable(name));
    }
};

QTEST_MAIN(TstFirstWidths)
#include "tst_firstwidths.moc"
