#include "Version.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QString::fromLatin1(dockpulse::kApplicationName));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(dockpulse::kVersion));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Monitors Docker containers' logs reliably."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    return 0;
}
