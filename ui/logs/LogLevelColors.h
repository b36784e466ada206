#pragma once

#include "LogLevel.h"

#include <QColor>
#include <QPalette>

namespace dockpulse::ui {

// How a line's level shows in the log view, readable on light and dark palettes: a marker at the
// start of the message for every known level, and a text colour for the ones that need attention
// (warn, error, fatal) and the ones that matter less (debug, trace). Info keeps the normal text.
namespace LogLevelColors {
QColor marker(docker::LogLevel level, const QPalette& palette); // invalid for Unknown
QColor text(docker::LogLevel level, const QPalette& palette);   // invalid: the normal text colour
constexpr int kMarkerWidth = 3;
} // namespace LogLevelColors

} // namespace dockpulse::ui
