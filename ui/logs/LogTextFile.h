#pragma once

#include <QString>
#include <QStringList>

namespace dockpulse::ui {

class LogStore;

// Saves the retained lines of tasks as plain text, in arrival order, one line each:
//   2026-12-01T10:13:33.123456789Z stdout message        (one task)
//   2026-12-01T10:13:33.123456789Z web stderr message    (several: the container's name too)
// Messages as the view shows them (ANSI codes removed, controls as visible symbols). Written
// through QSaveFile: a failed save leaves an existing file as it was. Returns the error, or empty.
QString saveLogsAsText(const LogStore& store, const QStringList& tasks, const QString& path,
                       qint64* linesWritten = nullptr);

} // namespace dockpulse::ui
