// The dashboard as a first-time user meets it, against the real engine, offscreen: a task timeout
// is said in the window (one banner listing every timeout, with "Monitor again"), finished rows
// can be removed, the Events tab is a table naming containers, the status bar counts are real
// from the first tick, and empty tables say why they are empty.
#include "CompressedSettings.h"
#include "MainWindow.h"
#include "TasksModel.h"
#include "TestEngine.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using dockpulse::test::TestEngine;

namespace {
// No heartbeat at all (strategy none): every task times out after 1.5 s.
monitor::MonitorSettings timingOut()
{
    monitor::MonitorSettings s = test::compressedSettings();
    s.strategy = monitor::HeartbeatStrategy::None;
    s.taskTimeoutMs = 1500;
    s.cleanupEveryMs = 200;
    return s;
}

QString loop(const QString& word)
{
    return TestEngine::countingScript(word, u"0.1"_s);
}

struct Dashboard
{
    QTemporaryDir dir;
    QSettings store{dir.filePath(u"dockpulse.conf"_s), QSettings::IniFormat};
    std::unique_ptr<monitor::MonitorEngine> engine;
    std::unique_ptr<ui::MainWindow> window;

    explicit Dashboard(const monitor::MonitorSettings& settings)
    {
        const auto endpoint = docker::parseEndpoint(TestEngine::hostUrl());
        ui::DashboardSettings ds;
        ds.monitor = settings;
        engine = std::make_unique<monitor::MonitorEngine>(
            settings, QList<monitor::MonitorEngine::EngineSpec>{{endpoint.value(), TestEngine::hostUrl()}});
        window = std::make_unique<ui::MainWindow>(*engine, ds, store);
        window->show();
        engine->start();
    }
    ~Dashboard()
    {
        window.reset();
        bool down = false;
        QObject::connect(engine.get(), &monitor::MonitorEngine::shutDown, [&down] { down = true; });
        engine->shutdown();
        (void)QTest::qWaitFor([&down] { return down; }, 10000);
    }
    int rowOf(const QString& name) const
    {
        ui::TasksModel* m = window->tasksModel();
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->index(r, ui::TasksModel::ContainerName).data().toString() == name)
                return r;
        return -1;
    }
    QString stateOf(const QString& name) const
    {
        const int r = rowOf(name);
        return r < 0 ? QString() : window->tasksModel()->index(r, ui::TasksModel::State).data().toString();
    }
    // Selects the task of that container in the (sorted) tasks view, alone.
    void selectTask(const QString& name) const
    {
        QTableView* view = window->tasksView();
        view->clearSelection();
        for (int r = 0; r < view->model()->rowCount(); ++r)
            if (view->model()->index(r, ui::TasksModel::ContainerName).data().toString() == name)
                view->selectRow(r);
    }
    QWidget* banner() const { return window->findChild<QWidget*>(u"timeoutBanner"_s); }
    QList<QPushButton*> monitorAgainButtons() const
    {
        QList<QPushButton*> out;
        if (QWidget* b = banner())
            for (QPushButton* p : b->findChildren<QPushButton*>(u"monitorAgain"_s))
                if (p->isVisibleTo(b))
                    out.append(p);
        return out;
    }
    QAction* taskAction(const QString& objectName) const
    {
        for (QAction* a : window->tasksView()->actions())
            if (a->objectName() == objectName)
                return a;
        return nullptr;
    }
    QString emptyText(QTableView* view) const
    {
        auto* label = view->findChild<QLabel*>(u"emptyState"_s);
        return label && label->isVisibleTo(view) ? label->text() : QString();
    }
    QString counts() const
    {
        for (QLabel* l : window->statusBar()->findChildren<QLabel*>())
            if (l->text().contains(u"threads"_s))
                return l->text();
        return {};
    }
};
} // namespace

class TestDashboardFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timeoutsAreSaidAndRowsCanGo()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString a = TestEngine::uniqueName(u"ta"_s);
        const QString b = TestEngine::uniqueName(u"tb"_s);
        QVERIFY(!TestEngine::runContainer(a, loop(u"a"_s)).isEmpty());
        QVERIFY(!TestEngine::runContainer(b, loop(u"b"_s)).isEmpty());
        Dashboard d(timingOut());
        d.window->monitorOnStart({a, b});

        // Both time out: one banner, listing both, each with "Monitor again".
        QTRY_COMPARE_WITH_TIMEOUT(d.stateOf(a), u"timed_out"_s, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(d.stateOf(b), u"timed_out"_s, 15000);
        QVERIFY2(d.banner(), "no timeout banner in the window");
        QTRY_VERIFY(d.banner()->isVisible());
        QCOMPARE(d.window->findChildren<QWidget*>(u"timeoutBanner"_s).size(), 1);
        QTRY_COMPARE(d.monitorAgainButtons().size(), 2);
        const QString bannerText = [&] {
            QStringList texts;
            for (QLabel* l : d.banner()->findChildren<QLabel*>())
                texts << l->text();
            return texts.join(u'\n');
        }();
        QVERIFY2(bannerText.contains(a) && bannerText.contains(b), qPrintable(bannerText));
        QVERIFY2(bannerText.contains(u"heartbeat"_s), qPrintable(bannerText)); // the reason

        // "Monitor again" on the first row starts its task again; the row leaves the banner.
        QPushButton* again = d.monitorAgainButtons().first();
        const QString againFor = again->property("containerName").toString();
        QVERIFY(againFor == a || againFor == b);
        const QString other = againFor == a ? b : a;
        QTest::mouseClick(again, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(d.stateOf(againFor) != u"timed_out"_s, 10000);
        QTRY_COMPARE(d.monitorAgainButtons().size(), 1);
        QCOMPARE(d.monitorAgainButtons().first()->property("containerName").toString(), other);

        // The Events tab is a table that names the container, not its task id, and follows the
        // task selection.
        d.selectTask(other);
        auto* events = d.window->tabs()->widget(2)->findChild<QTableView*>(u"eventsView"_s);
        QVERIFY2(events, "the Events tab has no table");
        QTRY_VERIFY(events->model()->rowCount() > 0);
        bool namedTimeout = false;
        for (int r = 0; r < events->model()->rowCount(); ++r)
            namedTimeout |= events->model()->index(r, 1).data().toString() == other &&
                            events->model()->index(r, 2).data().toString() == u"heartbeat_timeout"_s;
        QVERIFY(namedTimeout);
        for (int r = 0; r < events->model()->rowCount(); ++r)
            QCOMPARE(events->model()->index(r, 1).data().toString(), other); // the selected task's only

        // Remove from list: a finished task's row goes; a live one's cannot.
        QAction* remove = d.taskAction(u"removeFromList"_s);
        QAction* clear = d.taskAction(u"clearFinished"_s);
        QVERIFY2(remove && clear, "no Remove from list / Clear finished in the tasks table");
        QVERIFY(!remove->shortcut().isEmpty() && !clear->shortcut().isEmpty());
        d.selectTask(other);
        QVERIFY(remove->isEnabled());
        remove->trigger();
        QCOMPARE(d.rowOf(other), -1); // at once, not at the next tick
        QTRY_COMPARE(d.rowOf(other), -1);
        QVERIFY(!d.engine->tasks().taskNames().isEmpty());
        QTRY_COMPARE(d.monitorAgainButtons().size(), 0); // its banner row went with it

        // Clear finished once the re-monitored task timed out again.
        QTRY_COMPARE_WITH_TIMEOUT(d.stateOf(againFor), u"timed_out"_s, 15000);
        QVERIFY(clear->isEnabled());
        clear->trigger();
        QCOMPARE(d.window->tasksModel()->rowCount(), 0); // one model update after the loop, at once
        QTRY_COMPARE(d.window->tasksModel()->rowCount(), 0);
        QVERIFY(d.engine->tasks().taskNames().isEmpty());
        QVERIFY(d.emptyText(d.window->tasksView()).contains(u"monitor a container"_s));
        TestEngine::removeContainer(a);
        TestEngine::removeContainer(b);
    }

    void emptyTablesSayWhy()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString a = TestEngine::uniqueName(u"empty"_s);
        QVERIFY(!TestEngine::runContainer(a, loop(u"e"_s)).isEmpty());
        monitor::MonitorSettings s = timingOut();
        s.strategy = monitor::HeartbeatStrategy::Hybrid;
        s.taskTimeoutMs = 20000;
        Dashboard d(s);
        const QString tasksEmpty = d.emptyText(d.window->tasksView());
        QVERIFY2(tasksEmpty.contains(u"No data yet"_s) && tasksEmpty.contains(u"monitor a container"_s),
                 qPrintable(tasksEmpty));
        QTRY_VERIFY_WITH_TIMEOUT(d.window->containersView()->model()->rowCount() > 0, 10000);
        QVERIFY(d.emptyText(d.window->containersView()).isEmpty());
        auto* filter = d.window->findChild<QLineEdit*>(u"containerFilter"_s);
        filter->setText(u"zz-no-such-container"_s);
        const QString none = d.emptyText(d.window->containersView());
        QVERIFY2(none.contains(u"No containers match"_s) && none.contains(u"zz-no-such-container"_s),
                 qPrintable(none));
        filter->clear();
        QVERIFY(d.emptyText(d.window->containersView()).isEmpty());
        TestEngine::removeContainer(a);
    }

    // Before the first metrics sample the counts are sampled at once, not shown as zeros.
    void countsAreRealFromTheStart()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString a = TestEngine::uniqueName(u"counts"_s);
        QVERIFY(!TestEngine::runContainer(a, loop(u"c"_s)).isEmpty());
        monitor::MonitorSettings s = timingOut();
        s.strategy = monitor::HeartbeatStrategy::Hybrid;
        s.readDeadlineMs = 5000;
        s.contextTimeoutMs = 5500;
        s.taskTimeoutMs = 60000;
        s.sampleEveryMs = 60000; // no sample during this test
        Dashboard d(s);
        d.window->monitorOnStart({a});
        QTRY_COMPARE_WITH_TIMEOUT(d.stateOf(a), u"streaming"_s, 15000);
        QTRY_VERIFY(d.counts().contains(u"1 monitored"_s));
        const QString text = d.counts();
        QVERIFY2(text.contains(u"1 readers"_s), qPrintable(text));
        QVERIFY2(!text.contains(u" 0 threads"_s), qPrintable(text));
        TestEngine::removeContainer(a);
    }
};

QTEST_MAIN(TestDashboardFlow)
#include "tst_dashboardflow.moc"
