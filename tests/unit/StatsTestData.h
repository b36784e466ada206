#pragma once

// The stats samples in tests/data/stats, for the stats tests: captured from this machine's dockerd
// (cgroup v1), or written by hand after a cgroup v2 host's field names.

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QString>

namespace statstest {

// The sample on one line, as the engine sends it (the hand-written one is laid out for reading).
inline QByteArray sample(const char* name)
{
    QFile file(QStringLiteral(DOCKPULSE_SOURCE_DIR "/tests/data/stats/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return QJsonDocument::fromJson(file.readAll()).toJson(QJsonDocument::Compact);
}

} // namespace statstest
