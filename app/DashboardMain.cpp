#include "DashboardMain.h"

#include "EffectiveSettings.h"
#include "EngineSelection.h"
#include "HeadlessRunner.h"
#include "LogsCsvWriter.h"
#include "MainWindow.h"
#include "MetricsSession.h"
#include "MonitorEngine.h"
#include "SettingsStore.h"
#include "ShutdownWait.h"
#include "StoreSession.h"
#include "UnixSignalWatcher.h"
#include "Version.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

namespace {

// $XDG_DATA_HOME/dockpulse/history.sqlite (~/.local/share/... when XDG_DATA_HOME is not set).
QString defaultStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           u"/dockpulse/history.sqlite"_s;
}

void printErr(const QString& line)
{
    std::fprintf(stderr, "dockpulse: %s\n", qPrintable(line));
}

} // namespace

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

    // An unusable --export-dir is found before the window opens, as headless finds it (exit 5).
    if (!options.exportDir.isEmpty()) {
        csv::LogsCsvWriter probe; // not committed: it leaves no file
        if (!probe.open(options.exportDir)) {
            std::fprintf(stderr, "dockpulse: %s\n", qPrintable(probe.errorString()));
            return HeadlessRunner::kExitExport;
        }
    }

    auto engines = selectEngines(settings.hosts, QProcessEnvironment::systemEnvironment(), QDir::homePath());
    if (!engines) {
        QMessageBox::critical(nullptr, u"dockpulse"_s, engines.error());
        return 2;
    }
    monitor::MonitorEngine engine(settings.monitor, engines.value());
    // --metrics-listen before the store opens: an unusable address ends the run first (exit 2).
    auto started = MetricsSession::start(options, engine);
    if (!started) {
        printErr(started.error());
        return HeadlessRunner::kExitUsage;
    }
    MetricsSession metrics = std::move(started).value();
    for (const QString& note : std::as_const(metrics.notes))
        printErr(note);
    // The history: on by default. A --store the user named must work (exit 5, as headless); the
    // default one, when unusable (another dashboard holds it, say), leaves this run without
    // history, and says so.
    StoreSession history;
    QString historyProblem;
    if (!options.noStore) {
        const bool named = !options.storePath.isEmpty();
        auto opened = StoreSession::open(named ? options.storePath : defaultStorePath(), engine,
                                         StoreSession::settingsFor(options));
        if (opened) {
            history = std::move(opened).value();
            for (const QString& note : std::as_const(history.notes))
                printErr(note);
        } else if (named) {
            printErr(opened.error().message);
            return HeadlessRunner::kExitStore;
        } else {
            historyProblem = opened.error().message + u"; this run keeps no history"_s;
            printErr(historyProblem);
        }
    }
    if (history.writer)
        metrics.setStorePath(history.writer->path());
    ui::MainWindow window(engine, settings, store);
    // Saving settings stores `stored` only: the command line lasts for this run (CONTRACT.md).
    window.setRunOverrides(stored, ui::RunOverrides{options.givenOptions, options.settings, options.hosts});
    window.restoreSession();
    window.monitorOnStart(options.monitor);
    window.show();
    if (!historyProblem.isEmpty())
        window.statusBar()->showMessage(historyProblem);
    if (history.writer) {
        // Until writing works again the message stays (a full disk: monitoring goes on).
        QObject::connect(history.writer.get(), &store::StoreWriter::writingFailed, &window,
                         [&window](const QString& message) {
                             printErr(u"the store stopped writing: "_s + message);
                             window.statusBar()->showMessage(
                                 u"History is not being saved: %1. Monitoring goes on; saving resumes when "
                                 u"it can."_s.arg(message));
                         });
        QObject::connect(history.writer.get(), &store::StoreWriter::writingResumed, &window, [&window] {
            printErr(u"the store is writing again"_s);
            window.statusBar()->showMessage(u"History is being saved again."_s, 15000);
        });
        // A gap the history keeps (a gap event); said once, when the engine is first listed.
        QObject::connect(history.feed.get(), &monitor::StoreFeed::removedWhileClosed, &window,
                         [&window](const QString& message) {
                             printErr(message);
                             window.statusBar()->showMessage(u"History: "_s + message, 60000);
                         });
    }
    engine.start();
    // SIGINT/SIGTERM close the window like the user would: the session is saved.
    UnixSignalWatcher signals;
    QObject::connect(&signals, &UnixSignalWatcher::terminationRequested, &window, &QWidget::close);
    if (!options.exportDir.isEmpty())
        std::fprintf(stderr, "dockpulse: the run will be exported to %s when the window closes\n",
                     qPrintable(QDir(options.exportDir).absolutePath()));
    const int code = QApplication::exec();

    // Stop every reader before the engine goes away (bounded by the engine's own grace),
    // sleeping in the event loop meanwhile.
    runUntilSignal(&engine, &monitor::MonitorEngine::shutDown, [&engine] { engine.shutdown(); });
    if (history.writer) {
        history.writer->flush();
        if (const QString trouble = history.trouble(); !trouble.isEmpty())
            printErr(trouble);
    }
    if (!options.exportDir.isEmpty()) {
        const QString dir = QDir(options.exportDir).absolutePath();
        if (const QString error = window.exportTo(dir); !error.isEmpty()) {
            std::fprintf(stderr, "dockpulse: export failed: %s\n", qPrintable(error));
            return HeadlessRunner::kExitExport;
        }
        std::fprintf(stderr, "dockpulse: exported the run to %s\n", qPrintable(dir));
    }
    return code;
}

} // namespace dockpulse::cli
