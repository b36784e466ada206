#include "CommandLine.h"
#include "EventDispatcher.h"
#include "HeadlessRunner.h"
#ifdef DOCKPULSE_HAVE_UI
#include "DashboardMain.h"
#endif
#include "UnixSignalWatcher.h"
#include "Version.h"

#include <QCoreApplication>

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

} // namespace

int main(int argc, char* argv[])
{
    // Parsed before any QCoreApplication exists: which application to build (window or
    // headless) depends on the result.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
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
