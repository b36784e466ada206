#include "ContainerColors.h"

#include "StatusColors.h"

#include <array>

namespace dockpulse::ui {

namespace {

// Far apart in hue and none near red (0°), orange/yellow (30°-60°): blue, green, purple, sea
// green, pink, teal, olive green, indigo, violet. Light set dark enough for white, dark set light enough
// for near-black.
constexpr std::array<QRgb, 9> kLight = {0x1f77b4, 0x2ca02c, 0x9467bd, 0x1b8a5a, 0xc2449a,
                                        0x0f8f9c, 0x5b7f0e, 0x3949ab, 0x7b1fa2};
constexpr std::array<QRgb, 9> kDark = {0x6cb4ee, 0x7ee787, 0xd2a8ff, 0x5fd3a0, 0xf778ba,
                                       0x56d4dd, 0xb5cc5a, 0x9fa8da, 0xce93d8};

} // namespace

ContainerColors& ContainerColors::shared()
{
    static ContainerColors colors;
    return colors;
}

QList<QColor> ContainerColors::hues(const QPalette& palette)
{
    QList<QColor> out;
    for (QRgb rgb : StatusColors::isDark(palette) ? kDark : kLight)
        out.append(QColor::fromRgb(rgb));
    return out;
}

int ContainerColors::slot(const QString& container)
{
    if (const auto it = m_slots.constFind(container); it != m_slots.cend())
        return *it;
    if (m_uses.isEmpty())
        m_uses.fill(0, qsizetype(kLight.size()));
    int best = 0;
    for (int i = 1; i < int(m_uses.size()); ++i) {
        if (m_uses.at(i) < m_uses.at(best))
            best = i;
    }
    ++m_uses[best];
    m_slots.insert(container, best);
    return best;
}

QColor ContainerColors::color(const QString& container, const QPalette& palette)
{
    return hues(palette).at(slot(container));
}

QColor ContainerColors::referenceLine(const QPalette& palette, bool strong)
{
    if (strong)
        return palette.color(QPalette::Text);
    return StatusColors::isDark(palette) ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x6e, 0x6e, 0x6e);
}

} // namespace dockpulse::ui
