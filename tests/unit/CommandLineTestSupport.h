#pragma once

#include <QString>
#include <QStringList>

#include <initializer_list>

namespace clitest {

// A command line as main() gets it: the program's name, then args.
inline QStringList cmd(std::initializer_list<QString> args)
{
    QStringList all{QStringLiteral("dockpulse")};
    all.append(QStringList(args));
    return all;
}

} // namespace clitest
