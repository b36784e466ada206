// The settings a dashboard run uses against the ones it stores (no engine needed: the window is
// built over an engine that never connects): command-line overrides last for that run only,
// the tail has one default shown truthfully, and "Monitor all" follows -m all and the session.
#include "EffectiveSettings.h"
#include "Endpoint.h"
#include "MainWindow.h"
#include "MonitorEngine.h"
#include "SettingsDialog.h"
#include "SettingsStore.h"

#include <QAction>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using dockpulse::ui::DashboardSettings;
using dockpulse::ui::RunOverrides;

namespace {

const QString kDeadHost = u"unix:///nonexistent/dockpulse-test/docker.sock"_s;

std::unique_ptr<monitor::MonitorEngine> deadEngine(const monitor::MonitorSettings& settings)
{
    const auto endpoint = docker::parseEndpoint(kDeadHost);
    return std::make_unique<monitor::MonitorEngine>(
        settings, QList<monitor::MonitorEngine::EngineSpec>{{endpoint.value(), kDeadHost}});
}

QAction* action(ui::MainWindow& window, const QString& name)
{
    return window.findChild<QAction*>(name);
}

// Opens Settings through its menu action, lets `edit` look at and change the dialog, then OK.
void acceptSettings(ui::MainWindow& window, const std::function<void(ui::SettingsDialog&)>& edit)
{
    auto* poll = new QTimer(&window);
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, edit, poll] {
        auto* dialog = window.findChild<ui::SettingsDialog*>();
        if (!dialog || !dialog->isVisible())
            return;
        poll->deleteLater();
        poll->stop();
        edit(*dialog);
        dialog->accept();
    });
    poll->start();
    action(window, u"settingsAction"_s)->trigger();
}

} // namespace

class TestDashboardSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<QSettings>(m_dir->filePath(u"dockpulse.conf"_s), QSettings::IniFormat);
    }

    // 11/5, 14/12: -H and --read-deadline/--tail are for this run; OK in Settings stores what the
    // dialog shows (the stored values), and the run keeps its overrides.
    void acceptingSettingsKeepsRunOverridesOut()
    {
        DashboardSettings stored; // defaults: resolve the engine like the docker CLI
        ui::saveSettings(*m_store, stored);
        RunOverrides overrides;
        overrides.hosts = {kDeadHost};
        overrides.givenOptions = {u"read-deadline"_s, u"tail"_s};
        overrides.settings.readDeadlineMs = 1234;
        overrides.settings.tail = 50;
        const DashboardSettings run = ui::effectiveSettings(stored, overrides);
        auto engine = deadEngine(run.monitor);
        ui::MainWindow window(*engine, run, *m_store);
        window.setRunOverrides(stored, overrides);

        DashboardSettings shown;
        acceptSettings(window, [&shown](ui::SettingsDialog& d) { shown = d.settings(); });
        QCOMPARE(shown.hosts, stored.hosts);
        QCOMPARE(shown.monitor.readDeadlineMs, stored.monitor.readDeadlineMs);
        QCOMPARE(shown.monitor.tail, stored.monitor.tail);
        const DashboardSettings saved = ui::loadSettings(*m_store);
        QCOMPARE(saved.hosts, QStringList());
        QCOMPARE(saved.monitor.readDeadlineMs, stored.monitor.readDeadlineMs);
        QCOMPARE(saved.monitor.tail, qint64(-1));
        QCOMPARE(saved, stored);
        // This run still uses its command line.
        QCOMPARE(engine->settings().readDeadlineMs, qint64(1234));
        QCOMPARE(engine->settings().tail, qint64(50));
    }

    // A stored change is applied under the run's overrides, and stored without them.
    void aStoredChangeIsAppliedUnderTheOverrides()
    {
        DashboardSettings stored;
        RunOverrides overrides;
        overrides.givenOptions = {u"read-deadline"_s};
        overrides.settings.readDeadlineMs = 1234;
        const DashboardSettings run = ui::effectiveSettings(stored, overrides);
        auto engine = deadEngine(run.monitor);
        ui::MainWindow window(*engine, run, *m_store);
        window.setRunOverrides(stored, overrides);
        acceptSettings(window, [](ui::SettingsDialog& d) {
            d.findChild<QSpinBox*>(u"heartbeatEvery"_s)->setValue(20000);
            d.findChild<QSpinBox*>(u"readDeadline"_s)->setValue(25000);
        });
        QCOMPARE(ui::loadSettings(*m_store).monitor.heartbeatEveryMs, qint64(20000));
        QCOMPARE(ui::loadSettings(*m_store).monitor.readDeadlineMs, qint64(25000));
        QCOMPARE(engine->settings().heartbeatEveryMs, qint64(20000));
        QCOMPARE(engine->settings().readDeadlineMs, qint64(1234));
    }

    // 14/9: the default tail is "all" (in the dashboard: up to the retention), shown as such.
    void defaultTailIsShownAsAll()
    {
        const DashboardSettings stored;
        const DashboardSettings run = ui::effectiveSettings(stored, RunOverrides{});
        auto engine = deadEngine(run.monitor);
        ui::MainWindow window(*engine, run, *m_store);
        window.setRunOverrides(stored, RunOverrides{});
        int shownValue = 0;
        QString shownText;
        acceptSettings(window, [&](ui::SettingsDialog& d) {
            auto* tail = d.findChild<QSpinBox*>(u"tail"_s);
            shownValue = tail->value();
            shownText = tail->text();
        });
        QCOMPARE(shownValue, -1);
        QVERIFY2(shownText.startsWith(u"all"_s), qPrintable(shownText));
    }

    // 14/9: Restore Defaults does not change what streams open with (the retention cap).
    void restoreDefaultsKeepsTheDashboardTail()
    {
        DashboardSettings stored;
        stored.monitor.logRetentionLines = 20000;
        ui::saveSettings(*m_store, stored);
        const DashboardSettings run = ui::effectiveSettings(stored, RunOverrides{});
        QCOMPARE(run.monitor.tail, qint64(20000));
        auto engine = deadEngine(run.monitor);
        ui::MainWindow window(*engine, run, *m_store);
        window.setRunOverrides(stored, RunOverrides{});
        acceptSettings(window, [](ui::SettingsDialog& d) { d.restoreDefaults(); });
        const qint64 retention = monitor::MonitorSettings{}.logRetentionLines;
        QCOMPARE(engine->settings().logRetentionLines, retention);
        QCOMPARE(engine->settings().tail, retention);
        QCOMPARE(ui::loadSettings(*m_store).monitor.tail, qint64(-1));
    }

    // 11/5: -m all ticks View → Monitor all.
    void monitorAllFromTheCommandLineChecksTheMenu()
    {
        const DashboardSettings run;
        auto engine = deadEngine(run.monitor);
        ui::MainWindow window(*engine, run, *m_store);
        window.monitorOnStart({u"all"_s});
        QVERIFY(engine->monitorsAll());
        QVERIFY(action(window, u"monitorAllAction"_s)->isChecked());
    }

    // 14/13: Monitor all comes back with the session, and so does its absence.
    void monitorAllComesBack_data()
    {
        QTest::addColumn<bool>("on");
        QTest::newRow("on") << true;
        QTest::newRow("off") << false;
    }

    void monitorAllComesBack()
    {
        QFETCH(bool, on);
        const DashboardSettings run;
        {
            auto engine = deadEngine(run.monitor);
            ui::MainWindow window(*engine, run, *m_store);
            window.restoreSession();
            action(window, u"monitorAllAction"_s)->setChecked(on);
            QCOMPARE(engine->monitorsAll(), on);
            window.saveSession(); // what closing the window does
        }
        auto engine = deadEngine(run.monitor);
        ui::MainWindow window(*engine, run, *m_store);
        window.restoreSession();
        QCOMPARE(engine->monitorsAll(), on);
        QCOMPARE(action(window, u"monitorAllAction"_s)->isChecked(), on);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_store;
};

QTEST_MAIN(TestDashboardSettings)
#include "tst_dashboardsettings.moc"
