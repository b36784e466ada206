#pragma once

#include <QString>
#include <QStringList>

namespace dockpulse::cli {

// The width of every --help text.
inline constexpr qsizetype kHelpWidth = 80;

// Appends text word-wrapped to kHelpWidth: the first line starts with `lead` (padded to
// `indent`, or on a line of its own when longer), the following ones with `indent` spaces.
void appendWrapped(QString& out, const QString& lead, qsizetype indent, const QString& text);

} // namespace dockpulse::cli
