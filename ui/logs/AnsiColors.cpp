#include "AnsiColors.h"

#include "StatusColors.h"

namespace dockpulse::ui {

namespace {

// Basic 16 colours: tuned for contrast on light backgrounds and on dark ones.
constexpr QRgb kOnLight[16] = {0x24292f, 0xcf222e, 0x116329, 0x7d4e00, 0x0550ae, 0x8250df,
                               0x1b7c83, 0x6e7781, 0x57606a, 0xa40e26, 0x1a7f37, 0x633c01,
                               0x218bff, 0xa475f9, 0x3192aa, 0x8c959f};
constexpr QRgb kOnDark[16] = {0x8b949e, 0xff7b72, 0x3fb950, 0xd29922, 0x58a6ff, 0xbc8cff, 0x39c5cf, 0xb1bac4,
                              0x6e7681, 0xffa198, 0x56d364, 0xe3b341, 0x79c0ff, 0xd2a8ff, 0x56d4dd, 0xf0f6fc};

QRgb xterm256(int n)
{
    if (n < 16)
        return kOnLight[n];
    if (n < 232) {
        const int i = n - 16;
        auto level = [](int v) {
            return v == 0 ? 0 : 55 + v * 40;
        };
        return qRgb(level(i / 36), level(i / 6 % 6), level(i % 6));
    }
    const int grey = 8 + (n - 232) * 10;
    return qRgb(grey, grey, grey);
}

} // namespace

QColor ansiColor(const AnsiStyle& style, const QPalette& palette)
{
    const bool dark = StatusColors::isDark(palette);
    QColor c;
    switch (style.color) {
    case AnsiStyle::Color::Default:
        return {};
    case AnsiStyle::Color::Indexed:
        if (style.index < 16)
            return QColor::fromRgb(dark ? kOnDark[style.index] : kOnLight[style.index]);
        c = QColor::fromRgb(xterm256(style.index));
        break;
    case AnsiStyle::Color::Rgb:
        c = QColor::fromRgb(style.rgb);
        break;
    }
    // Keep a minimum lightness distance from the background.
    const int base = palette.color(QPalette::Base).lightness();
    const int minDistance = 90;
    if (qAbs(c.lightness() - base) < minDistance) {
        const int target = base > 127 ? qMax(0, base - minDistance) : qMin(255, base + minDistance);
        c = QColor::fromHsl(c.hslHue(), c.hslSaturation(), target);
    }
    return c;
}

} // namespace dockpulse::ui
