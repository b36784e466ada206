#include "LegendHighlighter.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QXYSeries>

namespace dockpulse::ui {

namespace {
constexpr const char* kHooked = "dockpulseHooked";
constexpr int kFadedAlpha = 40;
} // namespace

LegendHighlighter::LegendHighlighter(QChart* chart) : QObject(chart), m_chart(chart) {}

void LegendHighlighter::sync()
{
    const auto markers = m_chart->legend()->markers();
    for (QLegendMarker* marker : markers) {
        if (marker->property(kHooked).toBool())
            continue;
        marker->setProperty(kHooked, true);
        connect(marker, &QLegendMarker::clicked, this, [this, marker] { toggle(marker->series()); });
    }
    // Series gone with their tasks.
    for (auto it = m_ownPens.begin(); it != m_ownPens.end();) {
        if (m_chart->series().contains(it.key()))
            ++it;
        else
            it = m_ownPens.erase(it);
    }
    if (m_isolated && !m_chart->series().contains(m_isolated.data()))
        m_isolated = nullptr;
    apply();
}

void LegendHighlighter::toggle(QAbstractSeries* series)
{
    m_isolated = m_isolated == series ? nullptr : series;
    apply();
}

bool LegendHighlighter::isFaded(const QAbstractSeries* series) const
{
    return m_ownPens.contains(qobject_cast<QXYSeries*>(const_cast<QAbstractSeries*>(series)));
}

void LegendHighlighter::apply()
{
    const auto all = m_chart->series();
    for (QAbstractSeries* s : all) {
        auto* xy = qobject_cast<QXYSeries*>(s);
        if (!xy)
            continue;
        const bool fade = m_isolated && s != m_isolated;
        const auto own = m_ownPens.constFind(xy);
        if (fade) {
            // The series' pen may have been set anew since it was faded (a palette change).
            QPen pen = xy->pen();
            if (own == m_ownPens.cend() || pen.color().alpha() != kFadedAlpha)
                m_ownPens.insert(xy, pen);
            QColor c = m_ownPens.value(xy).color();
            c.setAlpha(kFadedAlpha);
            pen.setColor(c);
            if (xy->pen() != pen)
                xy->setPen(pen);
        } else if (own != m_ownPens.cend()) {
            xy->setPen(*own);
            m_ownPens.remove(xy);
        }
    }
}

} // namespace dockpulse::ui
