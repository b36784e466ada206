#include "CommandLine.h"
#include "EventDispatcher.h"
#include "HeadlessRunner.h"
#include "HistoryCommand.h"
#ifdef DOCKPULSE_HAVE_UI
#include "DashboardMain.h"
#endif
#include "UnixSignalWatcher.h"
#include "Version.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void print(std::FILE* stream, const QString& text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
}

int runHeadless(int argc, char* argv[], const dockpulse::cli::RunOptions& options)
{
    // Headless, the main thread is ours alone (no window system): it gets the workers' epoll
    // dispatcher too.
    if (auto* dispatcher = dockpulse::eventloop::createSocketHeavyDispatcher())
        QCoreApplication::setEventDispatcher(dispatcher);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QString::fromLatin1(dockpulse::kApplicationName));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(dockpulse::kVersion));
    dockpulse::cli::HeadlessRunner runner(options);
    dockpulse::cli::UnixSignalWatcher signals;
    QObject::connect(
        &signals, &dockpulse::cli::UnixSignalWatcher::terminationRequested, &runner,
        [&runner](int signalNumber) { runner.requestStop(signalNumber == 2 ? u"SIGINT"_s : u"SIGTERM"_s); });
    QObject::connect(&runner, &dockpulse::cli::HeadlessRunner::exitRequested, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    runner.start();
    return QCoreApplication::exec();
}

// `dockpulse export` and `dockpulse search`: the store read back, no engine and no event loop.
int runHistory(int argc, char* argv[], const QStringList& arguments)
{
    QCoreApplication app(argc, argv);
    const qint64 nowNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    const dockpulse::cli::HistoryCommandLine parsed =
        dockpulse::cli::parseHistoryCommandLine(arguments, nowNs);
    if (parsed.exitCode != 0) {
        for (const QString& line : parsed.messages)
            print(stderr, line + u'\n');
        return parsed.exitCode;
    }
    if (parsed.options.showHelp) {
        print(stdout, dockpulse::cli::historyHelpText(parsed.options.command));
        return 0;
    }
    return dockpulse::cli::runHistoryCommand(parsed.options, stdout, stderr);
}

} // namespace

int main(int argc, char* argv[])
{
    // Parsed before any QCoreApplication exists: which application to build (window or
    // headless) depends on the result.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (dockpulse::cli::historyCommandOf(arguments))
        return runHistory(argc, argv, arguments);
    const dockpulse::cli::CommandLineResult parsed = dockpulse::cli::parseCommandLine(arguments);
    if (parsed.exitCode != 0) {
        for (const QString& line : parsed.messages)
            print(stderr, line + u'\n');
        return parsed.exitCode;
    }
    if (parsed.options.showHelp || parsed.options.showVersion) {
        print(stdout, parsed.options.showHelp ? dockpulse::cli::helpText() : dockpulse::cli::versionText());
        return 0;
    }
    if (parsed.options.headless)
        return runHeadless(argc, argv, parsed.options);
#ifdef DOCKPULSE_HAVE_UI
    return dockpulse::cli::runDashboard(argc, argv, parsed.options);
#else
    print(stderr, u"dockpulse: this build has no dashboard (DOCKPULSE_BUILD_UI=OFF); use --headless\n"_s);
    return 2;
#endif
}
