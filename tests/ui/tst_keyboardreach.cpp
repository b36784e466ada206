// The dashboard without a mouse (no engine needed: the window is built over one that never
// connects): Tab walks every pane in the order it is laid out and never gets stuck in a table;
// Ctrl+Tab and Ctrl+PgUp/PgDn switch the bottom tabs from anywhere; Shift+F10 and the Menu key
// open the focused table's context menu at its current row; every table frames its current row
// while it has the focus.
#include "DeadEngineDashboard.h"
#include "EventsPanel.h"
#include "LogModel.h"
#include "LogPanel.h"
#include "TasksModel.h"
#include "TimeoutBanner.h"

#include <QApplication>
#include <QMenu>
#include <QScrollBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;

using dockpulse::test::Dashboard;
using dockpulse::test::kDeadHost;

namespace {

QString describe(const QWidget* w)
{
    if (!w)
        return u"(none)"_s;
    if (!w->objectName().isEmpty())
        return w->objectName();
    return QString::fromLatin1(w->metaObject()->className()) + u'(' + w->toolTip().left(30) + u')';
}

// Where the focus goes on each of `presses` Tab (or Shift+Tab) presses from `from`.
QStringList walk(QWidget* from, int presses, bool backwards = false)
{
    from->setFocus(Qt::OtherFocusReason);
    QStringList seen;
    for (int i = 0; i < presses; ++i) {
        QWidget* focus = QApplication::focusWidget();
        if (!focus)
            break;
        QTest::keyClick(focus, backwards ? Qt::Key_Backtab : Qt::Key_Tab,
                        backwards ? Qt::ShiftModifier : Qt::NoModifier);
        seen << describe(QApplication::focusWidget());
    }
    return seen;
}

const QStringList kTop = {u"containerFilter"_s, u"containersView"_s, u"tasksView"_s,
                          u"qt_tabwidget_tabbar"_s};

// The open context menu (popup() ones and QMenu::exec() ones alike), closed once looked at.
struct MenuSeen
{
    QStringList actions;
    QPoint topLeft;
    bool seen = false;
};

MenuSeen pressForMenu(QWidget* target, Qt::Key key, Qt::KeyboardModifiers mods)
{
    MenuSeen result;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (!menu || result.seen)
            return;
        result.seen = true;
        result.topLeft = menu->geometry().topLeft();
        for (QAction* a : menu->actions())
            if (!a->isSeparator())
                result.actions << a->text();
        menu->close();
    });
    poll.start();
    QTest::keyClick(target, key, mods);
    (void)QTest::qWaitFor([&] { return result.seen; }, 2000); // the caller checks seen
    return result;
}

} // namespace

class TstKeyboardReach : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tabVisitsEveryPaneInLayoutOrder_data()
    {
        QTest::addColumn<int>("tab");
        QTest::addColumn<bool>("detailPane");
        QTest::addColumn<QStringList>("page");
        // The search bar, the view's tools left to right, then the lines and their detail pane.
        const QStringList logs = {u"logSearch"_s,       u"logMatchCase"_s,        u"logRegex"_s,
                                  u"logLevelsButton"_s, u"logStreamsButton"_s,    u"logOnlyMatchingButton"_s,
                                  u"logClearButton"_s,  u"logSaveButton"_s,       u"wrapButton"_s,
                                  u"detailButton"_s,    u"logTimestampsButton"_s, u"logFollowButton"_s,
                                  u"logView"_s};
        QTest::newRow("logs") << 0 << false << logs;
        QTest::newRow("logs with the detail pane") << 0 << true << (logs + QStringList{u"logDetailText"_s});
        // Reset zoom is disabled while the timeline follows: Tab passes it by.
        QTest::newRow("charts") << 1 << false
                                << QStringList{u"chartWindow"_s, u"readersThreadsChart"_s,
                                               u"heartbeatAgeChart"_s, u"heartbeatTimeline"_s};
        QTest::newRow("events") << 2 << false
                                << QStringList{u"eventsContainerFilter"_s, u"eventsKind"_s, u"eventsView"_s};
    }
    void tabVisitsEveryPaneInLayoutOrder()
    {
        QFETCH(int, tab);
        QFETCH(bool, detailPane);
        QFETCH(QStringList, page);
        Dashboard d;
        QVERIFY(d.ready());
        d.window.tabs()->setCurrentIndex(tab);
        d.window.logPanel()->setDetailVisible(detailPane);
        auto* filter = d.window.findChild<QWidget*>(u"containerFilter"_s);
        QVERIFY(filter);

        // Round the window once: every pane, each once, in order, and back to the start.
        const QStringList expected = kTop.mid(1) + page + QStringList{kTop.first()};
        QCOMPARE(walk(filter, int(expected.size())), expected);
        // And back the other way.
        QStringList reversed = kTop + page;
        std::reverse(reversed.begin(), reversed.end());
        QCOMPARE(walk(filter, int(reversed.size()), true), reversed);
    }

    // The timeout banner's buttons come first, where the banner is, also when it shows later.
    void timeoutBannerButtonsComeFirst()
    {
        Dashboard d;
        QVERIFY(d.ready());
        auto* banner = d.window.findChild<ui::TimeoutBanner*>();
        QVERIFY(banner);
        banner->addTimeout({u"t1"_s, kDeadHost, u"id1"_s, u"web"_s, u"no heartbeat"_s, 0});
        banner->addTimeout({u"t2"_s, kDeadHost, u"id2"_s, u"worker"_s, u"no heartbeat"_s, 0});
        const auto shownButtons = [banner] {
            int n = 0;
            for (const QWidget* b : banner->findChildren<QWidget*>(u"monitorAgain"_s))
                n += b->isVisible();
            return n;
        };
        QTRY_COMPARE(shownButtons(), 2);
        const QStringList seen = walk(d.window.logPanel()->view(), 6);
        QCOMPARE(seen, (QStringList{u"dismissTimeouts"_s, u"monitorAgain"_s, u"monitorAgain"_s,
                                    u"containerFilter"_s, u"containersView"_s, u"tasksView"_s}));
    }

    void ctrlTabSwitchesTabsFromAnywhere_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("mods");
        QTest::addColumn<int>("step");
        const int ctrl = int(Qt::ControlModifier);
        const int ctrlShift = int(Qt::ControlModifier | Qt::ShiftModifier);
        for (const QString& from :
             {u"containersView"_s, u"tasksView"_s, u"containerFilter"_s, u"logView"_s, u"logSearch"_s}) {
            QTest::addRow("%s Ctrl+Tab", qPrintable(from)) << from << int(Qt::Key_Tab) << ctrl << 1;
            QTest::addRow("%s Ctrl+Shift+Tab", qPrintable(from))
                << from << int(Qt::Key_Tab) << ctrlShift << -1;
            QTest::addRow("%s Ctrl+Shift+Backtab", qPrintable(from))
                << from << int(Qt::Key_Backtab) << ctrlShift << -1;
            QTest::addRow("%s Ctrl+PgDown", qPrintable(from)) << from << int(Qt::Key_PageDown) << ctrl << 1;
            QTest::addRow("%s Ctrl+PgUp", qPrintable(from)) << from << int(Qt::Key_PageUp) << ctrl << -1;
        }
    }
    void ctrlTabSwitchesTabsFromAnywhere()
    {
        QFETCH(QString, from);
        QFETCH(int, key);
        QFETCH(int, mods);
        QFETCH(int, step);
        Dashboard d;
        QVERIFY(d.ready());
        QTabWidget* tabs = d.window.tabs();
        auto* widget = d.window.findChild<QWidget*>(from);
        QVERIFY(widget);
        // Through every tab and round again: the focus stays where the user is.
        int expected = tabs->currentIndex();
        for (int i = 0; i < 2 * tabs->count(); ++i) {
            if (!widget->isVisible()) // the log panel's widgets leave with their tab
                widget = d.window.containersView();
            widget->setFocus(Qt::OtherFocusReason);
            QTest::keyClick(widget, Qt::Key(key), Qt::KeyboardModifiers(mods));
            expected = (expected + step + tabs->count()) % tabs->count();
            QCOMPARE(tabs->currentIndex(), expected);
        }
    }

    void contextMenuFromTheKeyboard_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("mods");
        QTest::addColumn<QString>("firstAction");
        for (const auto& [key, mods, name] :
             {std::tuple{int(Qt::Key_F10), int(Qt::ShiftModifier), "Shift+F10"},
              std::tuple{int(Qt::Key_Menu), int(Qt::NoModifier), "Menu"}}) {
            QTest::addRow("containers %s", name) << u"containersView"_s << key << mods << u"Monitor"_s;
            QTest::addRow("tasks %s", name) << u"tasksView"_s << key << mods << u"Stop monitoring"_s;
            QTest::addRow("log lines %s", name) << u"logView"_s << key << mods << u"&Copy"_s;
        }
    }
    void contextMenuFromTheKeyboard()
    {
        QFETCH(QString, view);
        QFETCH(int, key);
        QFETCH(int, mods);
        QFETCH(QString, firstAction);
        Dashboard d;
        QVERIFY(d.ready());
        auto* table = d.window.findChild<QTableView*>(view);
        QVERIFY(table);
        table->setFocus(Qt::OtherFocusReason);
        const QModelIndex current = table->model()->index(1, 0);
        table->setCurrentIndex(current);
        const MenuSeen menu = pressForMenu(table, Qt::Key(key), Qt::KeyboardModifiers(mods));
        QVERIFY2(menu.seen, "no context menu opened");
        QCOMPARE(menu.actions.value(0), firstAction);
        // At the current row, not wherever the mouse pointer happens to be (the screen's edge
        // may push the menu sideways).
        const QRect row = table->visualRect(current);
        const QRect global(table->viewport()->mapToGlobal(row.topLeft()), row.size());
        QVERIFY2(menu.topLeft.y() >= global.top() && menu.topLeft.y() <= global.bottom(),
                 qPrintable(u"menu at %1,%2; row at %3,%4 %5x%6"_s.arg(menu.topLeft.x())
                                .arg(menu.topLeft.y())
                                .arg(global.x())
                                .arg(global.y())
                                .arg(global.width())
                                .arg(global.height())));
    }

    void everyTableFramesItsCurrentRowWhileFocused_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<int>("tab");
        QTest::newRow("containers") << u"containersView"_s << 0;
        QTest::newRow("tasks") << u"tasksView"_s << 0;
        QTest::newRow("events") << u"eventsView"_s << 2;
        QTest::newRow("log lines") << u"logView"_s << 0;
    }
    void everyTableFramesItsCurrentRowWhileFocused()
    {
        QFETCH(QString, view);
        QFETCH(int, tab);
        Dashboard d;
        for (int i = 0; i < 3; ++i) {
            monitor::TaskEventRecord r;
            r.task = dockpulse::test::kWebTask;
            r.event = u"stream_opened"_s;
            r.detail = u"deadline 5000 ms"_s;
            r.wallMs = 1'764'392'650'000 + i;
            d.window.eventsPanel()->addEvent(r);
        }
        QVERIFY(d.ready());
        d.window.tabs()->setCurrentIndex(tab);
        auto* table = d.window.findChild<QTableView*>(view);
        QVERIFY(table);
        table->setCurrentIndex(table->model()->index(1, 0));
        // The top edge of each visible cell of the current row, and of a row that is not current.
        const auto edges = [&](int row) {
            const QImage image = table->viewport()->grab().toImage();
            const qreal scale = qreal(image.width()) / table->viewport()->width();
            QList<QImage> cells;
            for (int c = 0; c < table->model()->columnCount(); ++c) {
                const QRect r = table->visualRect(table->model()->index(row, c));
                if (!table->isColumnHidden(c) && r.intersects(table->viewport()->rect()))
                    cells << image.copy(
                        QRect(r.left() * scale, r.top() * scale, r.width() * scale, 3 * scale));
            }
            return cells;
        };
        table->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY(table->hasFocus());
        const QList<QImage> focusedRow = edges(1);
        const QList<QImage> focusedOther = edges(0);
        d.window.findChild<QWidget*>(u"containerFilter"_s)->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY(!table->hasFocus());
        const QList<QImage> unfocusedRow = edges(1);
        QCOMPARE(unfocusedRow.size(), focusedRow.size());
        QVERIFY2(
            focusedRow.size() >= 2,
            qPrintable(u"%1 visible cells in row 1 of %2 rows; viewport %3x%4, row 1 at y %5, scrolled %6"_s
                           .arg(focusedRow.size())
                           .arg(table->model()->rowCount())
                           .arg(table->viewport()->width())
                           .arg(table->viewport()->height())
                           .arg(table->visualRect(table->model()->index(1, 0)).top())
                           .arg(table->verticalScrollBar()->value())));
        // The whole row is framed, not only its current cell: the keys act on rows here.
        for (qsizetype c = 0; c < focusedRow.size(); ++c)
            QVERIFY2(focusedRow[c] != unfocusedRow[c],
                     qPrintable(u"visible column %1 of the current row looks as when unfocused"_s.arg(c)));
        QCOMPARE(edges(0), focusedOther); // only the current row is framed
    }
};

QTEST_MAIN(TstKeyboardReach)
#include "tst_keyboardreach.moc"
