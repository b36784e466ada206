#pragma once

#include <QColor>
#include <QHash>
#include <QList>
#include <QPalette>
#include <QString>

namespace dockpulse::ui {

// One colour per container, the same in every chart and in the log view: a container keeps the
// colour it was first given for the whole session, and a new container gets the least used one,
// so that containers on screen together differ while the palette lasts.
//
// The palette has no red, orange, yellow or grey: those mean danger, warning and "not active"
// (StatusColors), and grey and black are the reference lines' (referenceLine()).
class ContainerColors
{
public:
    // The one the dashboard's views share.
    static ContainerColors& shared();

    QColor color(const QString& container, const QPalette& palette);
    // The slot a container has (assigned on first use).
    int slot(const QString& container);

    // The hues, for light or dark palettes.
    static QList<QColor> hues(const QPalette& palette);
    // Reference lines (thresholds) in the charts: achromatic, drawn dashed, so no series can be
    // taken for one. `strong`: the text colour (black or white); otherwise a mid grey.
    static QColor referenceLine(const QPalette& palette, bool strong);

private:
    QHash<QString, int> m_slots;
    QList<int> m_uses;
};

} // namespace dockpulse::ui
