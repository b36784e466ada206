// The window at its smallest, offscreen (no engine needed: the window is built over an engine that
// never connects): the log toolbar does not shift as the match count changes, chart legends keep
// names that share a long prefix apart, and every table shows several rows.
#include "ChartsPanel.h"
#include "ChartsPanelTestSupport.h"
#include "Endpoint.h"
#include "LogPanel.h"
#include "LogSearchBar.h"
#include "MainWindow.h"
#include "MonitorEngine.h"

#include <QAbstractButton>
#include <QChart>
#include <QChartView>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace dockpulse;

namespace {

const QString kDeadHost = u"unix:///nonexistent/dockpulse-test/docker.sock"_s;

// Fewer than this many rows in view and a table is a peephole.
constexpr int kMinRows = 4;

struct Window
{
    QTemporaryDir dir;
    std::unique_ptr<QSettings> store;
    std::unique_ptr<monitor::MonitorEngine> engine;
    std::unique_ptr<ui::MainWindow> window;

    Window()
    {
        store = std::make_unique<QSettings>(dir.filePath(u"dockpulse.conf"_s), QSettings::IniFormat);
        engine = std::make_unique<monitor::MonitorEngine>(
            monitor::MonitorSettings{},
            QList<monitor::MonitorEngine::EngineSpec>{{docker::parseEndpoint(kDeadHost).value(), kDeadHost}});
        ui::DashboardSettings settings;
        settings.hosts = {kDeadHost};
        window = std::make_unique<ui::MainWindow>(*engine, settings, *store);
    }
    // Shown at the smallest size the window allows.
    void showSmallest()
    {
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->resize(window->minimumSizeHint());
        QApplication::processEvents();
        QTRY_COMPARE(window->size(), window->minimumSizeHint().expandedTo(window->minimumSize()));
    }
    QTabWidget* tabs() const { return window->findChild<QTabWidget*>(u"bottomTabs"_s); }
};

// What a legend shows: the text of its visible labels.
QStringList legendTexts(QChart* chart)
{
    QStringList out;
    QList<QGraphicsItem*> items = chart->legend()->childItems();
    while (!items.isEmpty()) {
        QGraphicsItem* item = items.takeFirst();
        if (!item->isVisible())
            continue;
        if (auto* text = dynamic_cast<QGraphicsTextItem*>(item))
            out << text->toPlainText();
        items << item->childItems();
    }
    return out;
}

int rowsInView(QTableView* view)
{
    return view->viewport()->height() / view->verticalHeader()->defaultSectionSize();
}

} // namespace

class TestSmallWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void minimumSize()
    {
        Window w;
        w.showSmallest();
        qInfo("minimum window size %dx%d", w.window->width(), w.window->height());
    }

    // The find row's buttons stay put whatever the count says.
    void toolbarDoesNotShift()
    {
        Window w;
        w.showSmallest();
        auto* panel = w.window->findChild<ui::LogPanel*>();
        auto* bar = panel->findChild<ui::LogSearchBar*>();
        QVERIFY(panel && bar);
        const auto positions = [panel] {
            QList<int> xs;
            for (QAbstractButton* b : panel->findChildren<QAbstractButton*>())
                if (b->isVisible() && b->parentWidget() != panel->findChild<QTableView*>()->viewport())
                    xs << b->mapTo(panel, QPoint(0, 0)).x();
            return xs;
        };
        bar->setStatus(-1, 0, false, false, {});
        QApplication::processEvents();
        const QList<int> before = positions();
        QVERIFY(before.size() >= 6);
        auto* count = bar->findChild<QLabel*>(u"searchCount"_s);
        QVERIFY(count);
        const auto check = [&](const char* what) {
            QApplication::processEvents();
            QCOMPARE(positions(), before);
            // ...and the count is shown whole, not clipped.
            QVERIFY2(count->contentsRect().width() >= count->fontMetrics().horizontalAdvance(count->text()),
                     qPrintable(u"%1: %2 px for \"%3\" (%4 px)"_s.arg(QString::fromUtf8(what))
                                    .arg(count->contentsRect().width())
                                    .arg(count->text())
                                    .arg(count->fontMetrics().horizontalAdvance(count->text()))));
        };
        bar->setStatus(0, 10000, false, true, {});
        check("1 of 10,000");
        bar->setStatus(-1, 10000, true, true, {});
        check("10,000… matches");
        bar->setStatus(-1, 0, false, true, {});
        check("No matches");
        bar->showSearching(99);
        check("Searching… 99%");
        // The most a view holds: the largest retention (kMaxLogRetentionLines), every line a match.
        bar->setStatus(monitor::kMaxLogRetentionLines - 1, monitor::kMaxLogRetentionLines, true, true, {});
        check("10,000,000 of 10,000,000…");
        bar->setStatus(-1, monitor::kMaxLogRetentionLines, true, true, {});
        check("10,000,000… matches");
    }

    // Three containers named alike: their legend entries differ at the smallest size.
    void legendsKeepNamesApart_data()
    {
        QTest::addColumn<bool>("chartAtItsMinimum");
        QTest::newRow("smallest window") << false;
        QTest::newRow("smallest window, age chart at its minimum width") << true;
    }
    void legendsKeepNamesApart()
    {
        Window w;
        w.showSmallest();
        w.tabs()->setCurrentIndex(1);
        auto* charts = w.window->findChild<ui::ChartsPanel*>();
        QVERIFY(charts);
        const QStringList tasks = {u"container_aaaaaaaaaaaa"_s, u"container_bbbbbbbbbbbb"_s,
                                   u"container_cccccccccccc"_s};
        // Compose-style names: project and service prefix first, what tells them apart last.
        const QString prefix = u"dockpulse-sample-environment-staging-"_s;
        charts->setTaskLabels({{tasks[0], prefix + u"web-1"_s},
                               {tasks[1], prefix + u"worker-1"_s},
                               {tasks[2], prefix + u"db-1"_s}});
        testdata::feedSawtooth(*charts, QDateTime::currentMSecsSinceEpoch() - 60'000, 60, tasks);
        QFETCH(bool, chartAtItsMinimum);
        if (chartAtItsMinimum) { // the user dragged the splitter: the age chart at its narrowest
            auto* split = qobject_cast<QSplitter*>(charts->heartbeatAgeView()->parentWidget());
            QVERIFY(split);
            split->setSizes({10'000, 0});
        }
        charts->refresh();
        QApplication::processEvents();
        QChartView* view = charts->heartbeatAgeView();
        if (chartAtItsMinimum)
            QTRY_COMPARE(view->width(), view->minimumWidth());
        const QStringList shown = legendTexts(view->chart());
        qInfo("legend: %s", qPrintable(shown.join(u" | "_s)));
        // The heartbeat period and task timeout lines come first, then one entry per task.
        QCOMPARE(shown.size(), 2 + 3);
        const QStringList taskEntries = shown.mid(2);
        for (const QString& entry : shown) // cut at the end by Qt ("dockp..."), nothing tells them apart
            QVERIFY2(!entry.endsWith(u"..."_s), qPrintable(entry));
        QVERIFY2(taskEntries[0] != taskEntries[1] && taskEntries[1] != taskEntries[2] &&
                     taskEntries[0] != taskEntries[2],
                 qPrintable(taskEntries.join(u" | "_s)));
    }

    void tablesShowSeveralRows_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<int>("tab");
        QTest::newRow("containers") << u"containersView"_s << 0;
        QTest::newRow("tasks") << u"tasksView"_s << 0;
        QTest::newRow("log") << QString() << 0;
        QTest::newRow("events") << u"eventsView"_s << 2;
    }
    void tablesShowSeveralRows()
    {
        QFETCH(QString, table);
        QFETCH(int, tab);
        Window w;
        w.showSmallest();
        w.tabs()->setCurrentIndex(tab);
        QApplication::processEvents();
        QTableView* view = table.isEmpty() ? w.window->findChild<ui::LogPanel*>()->findChild<QTableView*>()
                                           : w.window->findChild<QTableView*>(table);
        QVERIFY(view);
        const int rows = rowsInView(view);
        QVERIFY2(rows >= kMinRows,
                 qPrintable(u"%1 rows in view (viewport %2 px, rows %3 px) in a %4x%5 window"_s.arg(rows)
                                .arg(view->viewport()->height())
                                .arg(view->verticalHeader()->defaultSectionSize())
                                .arg(w.window->width())
                                .arg(w.window->height())));
    }
};

QTEST_MAIN(TestSmallWindow)
#include "tst_smallwindow.moc"
