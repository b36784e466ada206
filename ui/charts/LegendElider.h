#pragma once

#include <QFont>
#include <QHash>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QChart;
class QFontMetrics;
QT_END_NAMESPACE

namespace dockpulse::ui {

// `text` within `width` pixels, elided in the middle with more of its end kept than of its start.
QString elideKeepingEnd(const QString& text, const QFontMetrics& fm, int width);

// Labels of a legend on the chart's left or right, elided in the middle to the width the legend
// gets. Qt Charts cuts a label that does not fit at its end, which turns names sharing a long
// prefix (dockpulse-sample-web-1, dockpulse-sample-worker-1) into identical "dockp..." entries;
// container names differ at their ends, so both ends are kept (elideKeepingEnd). apply() after
// series are added or renamed; a resize of the chart applies by itself.
class LegendElider : public QObject
{
    Q_OBJECT
public:
    explicit LegendElider(QChart* chart);

    void apply();

private:
    void setLabels(const QFontMetrics& fm, int budget);

    QChart* m_chart;
    // Labels by series name for the budget they were elided to: apply() runs at every redraw of
    // the chart, and parsing each name's HTML and measuring its elisions then would be repeated.
    QHash<QString, QString> m_labels;
    int m_labelsBudget = -1;
    QFont m_labelsFont;
};

} // namespace dockpulse::ui
