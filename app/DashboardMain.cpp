#include "DashboardMain.h"

#include "EffectiveSettings.h"
#include "EngineSelection.h"
#include "MainWindow.h"
#include "MonitorEngine.h"
#include "SettingsStore.h"
#include "UnixSignalWatcher.h"
#include "Version.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

int runDashboard(int argc, char* argv[], const RunOptions& options)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QString::fromLatin1(kApplicationName));
    QApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QApplication::setOrganizationDomain(QString::fromLatin1(kOrganizationDomain));
    QApplication::setOrganizationName(u"dockpulse"_s);
    QApplication::setDesktopFileName(u"org.example.dockpulse"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/dockpulse.svg"_s));

    QSettings store;
    const ui::DashboardSettings stored = ui::loadSettings(store);
    const ui::DashboardSettings settings =
        ui::effectiveSettings(stored, options.givenOptions, options.settings, options.hosts);
    // Stored values and command-line values can clash even when each set is valid alone
    // (--read-deadline 40000 over a stored context timeout of 35000).
    if (const QStringList problems = monitor::validateSettings(settings.monitor); !problems.isEmpty()) {
        for (const QString& p : problems)
            std::fprintf(stderr, "dockpulse: %s\n", qPrintable(p));
        return 2;
    }

    auto engines = selectEngines(settings.hosts, QProcessEnvironment::systemEnvironment(), QDir::homePath());
    if (!engines) {
        QMessageBox::critical(nullptr, u"dockpulse"_s, engines.error());
        return 2;
    }
    monitor::MonitorEngine engine(settings.monitor, engines.value());
    ui::MainWindow window(engine, settings, store);
    window.restoreSession();
    QStringList names;
    for (const QString& m : options.monitor) {
        if (m == u"all"_s)
            engine.setMonitorAll(true);
        else
            names << m;
    }
    window.monitorOnStart(names);
    window.show();
    engine.start();
    // SIGINT/SIGTERM close the window like the user would: the session is saved.
    UnixSignalWatcher signals;
    QObject::connect(&signals, &UnixSignalWatcher::terminationRequested, &window, &QWidget::close);
    const int code = QApplication::exec();

    // Stop every reader before the engine goes away (bounded by the engine's own grace).
    bool down = false;
    QObject::connect(&engine, &monitor::MonitorEngine::shutDown, &app, [&down] { down = true; });
    engine.shutdown();
    while (!down)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    return code;
}

} // namespace dockpulse::cli
