#include "CommandLine.h"

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void print(std::FILE* stream, const QString& text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
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
    if (!parsed.options.headless)
        return 0; // the dashboard window arrives later
    print(stderr, u"dockpulse: headless mode is not built yet\n"_s);
    return 1;
}
