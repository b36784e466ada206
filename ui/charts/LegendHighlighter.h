#pragma once

#include <QHash>
#include <QObject>
#include <QPen>
#include <QPointer>

class QAbstractSeries;
class QChart;
class QXYSeries;

namespace dockpulse::ui {

// Click a legend entry to see its series alone: the others fade, so a line hidden under another
// with the same values (log readers under monitored tasks, in-phase heartbeat ages) shows; click
// it again, or another entry, to change. Series keep their own pens: the highlighter only fades
// them and puts them back.
class LegendHighlighter : public QObject
{
    Q_OBJECT
public:
    explicit LegendHighlighter(QChart* chart);

    // Hooks legend entries added since the last call (series come and go with tasks); after a
    // series' pen was set anew, re-applies the fading to it.
    void sync();
    // The series shown alone (nullptr: all shown alike).
    QAbstractSeries* isolated() const { return m_isolated; }
    void toggle(QAbstractSeries* series);
    // Whether a series is faded right now.
    bool isFaded(const QAbstractSeries* series) const;

private:
    void apply();

    QChart* m_chart;
    QPointer<QAbstractSeries> m_isolated;
    QHash<QXYSeries*, QPen> m_ownPens; // the pens of the series this faded
};

} // namespace dockpulse::ui
