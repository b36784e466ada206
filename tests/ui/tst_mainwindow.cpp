// The dashboard against the real engine, offscreen: a click on a container's monitor checkbox
// starts a task whose log rows appear; the charts fill; File → Export writes the five files;
// the session comes back.
#include "ChartsPanel.h"
#include "CompressedSettings.h"
#include "ContainersModel.h"
#include "LogModel.h"
#include "LogPanel.h"
#include "MainWindow.h"
#include "TasksModel.h"
#include "TestEngine.h"

#include <QChart>
#include <QChartView>
#include <QFile>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QStyleOptionViewItem>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QXYSeries>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using dockpulse::test::TestEngine;

namespace {
monitor::MonitorSettings compressed()
{
    monitor::MonitorSettings s = test::compressedSettings();
    s.tail = 1000;
    return s;
}

// The log view's rows are "ui line 1", "ui line 2", ... each exactly once and none missing.
void verifyEachLineOnce(const QAbstractItemModel* logs)
{
    QList<int> numbers;
    for (int row = 0; row < logs->rowCount(); ++row) {
        const QString text = logs->index(row, ui::LogModel::MessageColumn).data().toString();
        QVERIFY2(text.startsWith(u"ui line "_s), qPrintable(text));
        numbers.append(text.mid(8).toInt());
    }
    std::sort(numbers.begin(), numbers.end());
    for (qsizetype i = 0; i < numbers.size(); ++i)
        QVERIFY2(numbers[i] == i + 1,
                 qPrintable(u"row %1 of %2 (sorted): ui line %3 (a line repeated or lost)"_s.arg(i)
                                .arg(numbers.size())
                                .arg(numbers[i])));
}

int pointsIn(QChartView* view)
{
    int n = 0;
    for (QAbstractSeries* s : view->chart()->series())
        if (auto* xy = qobject_cast<QXYSeries*>(s))
            n += int(xy->count());
    return n;
}

// The proxy row of a container in the view, or -1.
int viewRow(QTableView* view, const QString& name)
{
    for (int r = 0; r < view->model()->rowCount(); ++r)
        if (view->model()->index(r, ui::ContainersModel::Name).data().toString() == name)
            return r;
    return -1;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clickMonitorExportAndRestore()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"ui"_s);
        QVERIFY(
            !TestEngine::runContainer(name, TestEngine::countingScript(u"ui line"_s, u"0.05"_s)).isEmpty());
        QTemporaryDir dir;
        QSettings store(dir.filePath(u"dockpulse.conf"_s), QSettings::IniFormat);
        const auto endpoint = docker::parseEndpoint(TestEngine::hostUrl());
        QVERIFY(endpoint.hasValue());

        ui::DashboardSettings settings;
        settings.monitor = compressed();
        {
            monitor::MonitorEngine engine(settings.monitor, {{endpoint.value(), TestEngine::hostUrl()}});
            ui::MainWindow window(engine, settings, store);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            engine.start();

            // The container appears in the table, unticked.
            QTableView* containers = window.containersView();
            QTRY_VERIFY_WITH_TIMEOUT(viewRow(containers, name) >= 0, 10000);
            const int row = viewRow(containers, name);
            const QModelIndex check = containers->model()->index(row, ui::ContainersModel::Monitor);
            QCOMPARE(check.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
            containers->scrollTo(check);

            // Click its checkbox where the style draws it.
            QStyleOptionViewItem option;
            option.initFrom(containers);
            option.rect = containers->visualRect(check);
            option.features |= QStyleOptionViewItem::HasCheckIndicator;
            const QRect box = containers->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator,
                                                                  &option, containers);
            QTest::mouseClick(containers->viewport(), Qt::LeftButton, {}, box.center());

            // A task starts, the checkbox follows, and the task's lines reach the log view.
            QTRY_COMPARE_WITH_TIMEOUT(window.tasksModel()->rowCount(), 1, 10000);
            QTRY_COMPARE_WITH_TIMEOUT(check.data(Qt::CheckStateRole).toInt(), int(Qt::Checked), 5000);
            QCOMPARE(window.tasksModel()->index(0, ui::TasksModel::ContainerName).data().toString(), name);
            QTRY_VERIFY_WITH_TIMEOUT(window.logPanel()->model()->rowCount() > 20, 10000);
            const QString firstMessage =
                window.logPanel()->model()->index(0, ui::LogModel::MessageColumn).data().toString();
            QVERIFY2(firstMessage.startsWith(u"ui line "_s), qPrintable(firstMessage));

            // The three charts hold points after a few sample ticks.
            window.tabs()->setCurrentWidget(window.chartsPanel());
            QTRY_VERIFY_WITH_TIMEOUT(pointsIn(window.chartsPanel()->readersThreadsView()) > 10, 10000);
            QTRY_VERIFY_WITH_TIMEOUT(pointsIn(window.chartsPanel()->heartbeatAgeView()) > 5, 10000);
            QTRY_VERIFY_WITH_TIMEOUT(pointsIn(window.chartsPanel()->heartbeatTimelineView()) > 3, 10000);

            // File → Export writes the five files with the contract's headers.
            QTemporaryDir exportDir;
            QCOMPARE(window.exportTo(exportDir.path()), QString());
            const QHash<QString, QByteArray> headers{
                {u"tasks.csv"_s, "task,host,container_id,container_name,state,started_at,last_heartbeat_at,"
                                 "heartbeat_age_ms,heartbeats,rotations,lines,bytes,errors,last_error"},
                {u"heartbeats.csv"_s, "time,task,source,age_before_ms,container_name"},
                {u"events.csv"_s, "time,task,event,detail,container_name"},
                {u"metrics.csv"_s, "time,threads,readers,monitored,max_heartbeat_age_ms,late_readers"},
                {u"logs.csv"_s, "time,host,container_name,stream,message,continued,escaped"}};
            for (auto it = headers.cbegin(); it != headers.cend(); ++it) {
                QFile f(exportDir.filePath(it.key()));
                QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(it.key()));
                QCOMPARE(f.readLine(), it.value() + "\r\n");
                QVERIFY2(!f.readLine().isEmpty(), qPrintable(it.key() + u" has no rows"_s));
            }

            // Unticking stops the task.
            QTest::mouseClick(containers->viewport(), Qt::LeftButton, {}, box.center());
            QTRY_COMPARE_WITH_TIMEOUT(window.tasksModel()->index(0, ui::TasksModel::State).data().toString(),
                                      u"stopped"_s, 5000);
            // Monitor it again for the session: it continues from where the stopped task ended,
            // so the log view holds every line exactly once. Then leave on the Charts tab.
            QAbstractItemModel* logs = window.logPanel()->model();
            const int rowsWhenStopped = logs->rowCount();
            QTest::mouseClick(containers->viewport(), Qt::LeftButton, {}, box.center());
            QTRY_COMPARE_WITH_TIMEOUT(check.data(Qt::CheckStateRole).toInt(), int(Qt::Checked), 5000);
            QTRY_VERIFY_WITH_TIMEOUT(logs->rowCount() > rowsWhenStopped + 20, 10000);
            verifyEachLineOnce(logs);
            window.tabs()->setCurrentIndex(1);
            window.close(); // saves the session
            bool down = false;
            connect(&engine, &monitor::MonitorEngine::shutDown, this, [&down] { down = true; });
            engine.shutdown();
            QTRY_VERIFY_WITH_TIMEOUT(down, 10000);
        }
        // The next launch: same tab, the container monitored again without a click.
        monitor::MonitorEngine engine(settings.monitor, {{endpoint.value(), TestEngine::hostUrl()}});
        ui::MainWindow window(engine, settings, store);
        window.restoreSession();
        window.show();
        engine.start();
        QCOMPARE(window.tabs()->currentIndex(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(window.tasksModel()->rowCount(), 1, 10000);
        QCOMPARE(window.tasksModel()->index(0, ui::TasksModel::ContainerName).data().toString(), name);
        bool down = false;
        connect(&engine, &monitor::MonitorEngine::shutDown, this, [&down] { down = true; });
        engine.shutdown();
        QTRY_VERIFY_WITH_TIMEOUT(down, 10000);
        TestEngine::removeContainer(name);
    }

    // 11/5: a mistyped -m NAME is said in the status bar (headless exits 4 for it).
    void mistypedMonitorNameIsReported()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"no-such-container"_s);
        QTemporaryDir dir;
        QSettings store(dir.filePath(u"dockpulse.conf"_s), QSettings::IniFormat);
        const auto endpoint = docker::parseEndpoint(TestEngine::hostUrl());
        ui::DashboardSettings settings;
        settings.monitor = compressed();
        monitor::MonitorEngine engine(settings.monitor, {{endpoint.value(), TestEngine::hostUrl()}});
        ui::MainWindow window(engine, settings, store);
        window.monitorOnStart({name});
        window.show();
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(name), 15000);
        QVERIFY2(window.statusBar()->currentMessage().contains(u"no container"_s, Qt::CaseInsensitive),
                 qPrintable(window.statusBar()->currentMessage()));
        QCOMPARE(window.tasksModel()->rowCount(), 0);
        bool down = false;
        connect(&engine, &monitor::MonitorEngine::shutDown, this, [&down] { down = true; });
        engine.shutdown();
        QTRY_VERIFY_WITH_TIMEOUT(down, 10000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
