#pragma once

#include <QHash>
#include <QList>

#include <utility>

namespace dockpulse::ui {

// The cells of a table that changed in one update, as few dataChanged rectangles as possible
// without any unchanged cell in them: a row's changed columns split into contiguous spans, and
// the same span on consecutive rows grows one rectangle. Views repaint once per rectangle, so a
// tick that touches the age column of every task costs one signal, not one per row.
class ChangedCells
{
public:
    struct Range
    {
        int top = 0;
        int left = 0;
        int bottom = 0;
        int right = 0;
        bool operator==(const Range&) const = default;
    };

    // Rows must come in increasing order; bit c of columns stands for column c (up to 64).
    void addRow(int row, quint64 columns);
    static quint64 span(int first, int last); // the bits of columns first..last

    bool isEmpty() const { return m_ranges.isEmpty(); }
    const QList<Range>& ranges() const { return m_ranges; }

private:
    QList<Range> m_ranges;
    QHash<quint64, qsizetype> m_lastWithSpan; // (left, right) -> the latest range with that span
};

// Runs of consecutive rows (first, last) in rows sorted ascending, last run first: removing them
// in this order keeps the indices of the runs still to remove valid.
QList<std::pair<int, int>> rowRunsBottomUp(const QList<int>& sortedRows);

} // namespace dockpulse::ui
