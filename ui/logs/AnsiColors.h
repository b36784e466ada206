#pragma once

#include "LogLineText.h"

#include <QColor>
#include <QPalette>

namespace dockpulse::ui {

// The colour an ANSI style asks for, made readable on the current palette: the 16 basic colours
// come in a light and a dark variant, and any colour too close to the background is pushed away
// from it (black text on a dark theme, white on a light one). Invalid for the default colour.
QColor ansiColor(const AnsiStyle& style, const QPalette& palette);

} // namespace dockpulse::ui
