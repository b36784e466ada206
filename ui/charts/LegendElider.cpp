#include "LegendElider.h"

#include <QChart>
#include <QFontMetrics>
#include <QLegend>
#include <QLegendMarker>
#include <QTextDocumentFragment>

namespace dockpulse::ui {

namespace {

// Qt Charts gives a side legend at most this share of the chart's width (its layout's
// "golden_ratio"); the marker, its gaps and the legend's margins come out of that.
constexpr qreal kSideLegendShare = 0.4;
// Those, in font heights, with room to spare: measured against Qt 6.4, where a label this much
// narrower than the share is never cut by Qt (tst_smallwindow).
constexpr int kMarkerAndMarginsInFontHeights = 4;

} // namespace

QString elideKeepingEnd(const QString& text, const QFontMetrics& fm, int width)
{
    if (fm.horizontalAdvance(text) <= width)
        return text;
    // Names differ at their ends (…-web-1, …-worker-1, …-db-1): a third from the start, two
    // thirds from the end.
    const QChar ellipsis(0x2026);
    for (qsizetype keep = text.size() - 1; keep > 0; --keep) {
        const qsizetype head = std::max<qsizetype>(1, keep / 3);
        const QString elided = text.left(head) + ellipsis + text.right(keep - head);
        if (fm.horizontalAdvance(elided) <= width)
            return elided;
    }
    return ellipsis;
}

LegendElider::LegendElider(QChart* chart) : QObject(chart), m_chart(chart)
{
    connect(chart, &QGraphicsWidget::geometryChanged, this, &LegendElider::apply);
}

void LegendElider::apply()
{
    const QFontMetrics fm(m_chart->legend()->font());
    setLabels(fm,
              int(m_chart->size().width() * kSideLegendShare) - kMarkerAndMarginsInFontHeights * fm.height());
}

void LegendElider::setLabels(const QFontMetrics& fm, int budget)
{
    const QList<QLegendMarker*> markers = m_chart->legend()->markers();
    // A new width or font, or names of series long gone piling up: elide afresh.
    const QFont font = m_chart->legend()->font();
    if (budget != m_labelsBudget || font != m_labelsFont || m_labels.size() > 2 * markers.size()) {
        m_labels.clear();
        m_labelsBudget = budget;
        m_labelsFont = font;
    }
    for (QLegendMarker* marker : markers) {
        if (!marker->series())
            continue;
        const QString name = marker->series()->name();
        auto label = m_labels.constFind(name);
        if (label == m_labels.cend()) {
            // Series names are HTML (the legend shows them as rich text): elide the plain text.
            const QString full = QTextDocumentFragment::fromHtml(name).toPlainText();
            label = m_labels.insert(name, elideKeepingEnd(full, fm, budget).toHtmlEscaped());
        }
        if (marker->label() != *label)
            marker->setLabel(*label);
    }
}

} // namespace dockpulse::ui
