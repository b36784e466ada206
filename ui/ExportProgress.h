#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace dockpulse::ui {

class ExportJob;

// Starts `job` into dir behind a window-modal progress dialog with Cancel (shown only if the
// export takes a moment); `done(error, cancelled)` runs when it ends. The window stays live.
void startExportWithProgress(QWidget* parent, ExportJob* job, const QString& dir,
                             std::function<void(const QString& error, bool cancelled)> done);

} // namespace dockpulse::ui
