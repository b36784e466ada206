#pragma once

#include <QDateTime>
#include <QString>

class QSettings;
class QWidget;

namespace dockpulse::ui::ExportFolderChooser {

// File → Export CSV asks for a folder the way a save dialog does: the platform's own dialog
// (where it has one), opened where the last export went (else Documents, else home), with a new
// timestamped folder name already typed in, and the dialog's own "new folder" button. An
// existing folder may be picked instead.

// "dockpulse-export-2026-12-01_11-20-05" (local time): sorts by time, no characters a file
// system refuses.
QString suggestedName(const QDateTime& now);
// Where the dialog opens: lastParent if it still exists, else Documents, else home.
QString startFolder(const QString& lastParent);
// Creates the chosen folder if it does not exist; the error text, or empty on success.
QString prepare(const QString& folder);

// Shows the dialog; the folder to export into (created), or empty if the user cancelled or it
// could not be created (then `error` says why). Remembers the parent for next time.
QString choose(QWidget* parent, QSettings& store, QString* error);

} // namespace dockpulse::ui::ExportFolderChooser
