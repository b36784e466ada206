#include "LogLevelColors.h"

#include "StatusColors.h"

namespace dockpulse::ui::LogLevelColors {

using docker::LogLevel;

QColor marker(LogLevel level, const QPalette& palette)
{
    const bool dark = StatusColors::isDark(palette);
    switch (level) {
    case LogLevel::Unknown:
        return {};
    case LogLevel::Trace:
    case LogLevel::Debug:
        return palette.color(QPalette::PlaceholderText);
    case LogLevel::Info:
        return dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x09, 0x69, 0xda);
    case LogLevel::Warn:
        return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0xbf, 0x87, 0x00);
    case LogLevel::Error:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    case LogLevel::Fatal:
        return dark ? QColor(0xf7, 0x78, 0xba) : QColor(0xa4, 0x0e, 0x6e);
    }
    return {};
}

QColor text(LogLevel level, const QPalette& palette)
{
    const bool dark = StatusColors::isDark(palette);
    switch (level) {
    case LogLevel::Trace:
    case LogLevel::Debug:
        return palette.color(QPalette::PlaceholderText);
    case LogLevel::Warn:
        return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    case LogLevel::Error:
    case LogLevel::Fatal:
        return marker(level, palette);
    case LogLevel::Unknown:
    case LogLevel::Info:
        return {};
    }
    return {};
}

} // namespace dockpulse::ui::LogLevelColors
