#include "ChangedCells.h"

#include <bit>

namespace dockpulse::ui {

quint64 ChangedCells::span(int first, int last)
{
    if (first > last)
        return 0;
    const quint64 upTo = last >= 63 ? ~quint64(0) : (quint64(1) << (last + 1)) - 1;
    return upTo & ~((quint64(1) << first) - 1);
}

void ChangedCells::addRow(int row, quint64 columns)
{
    while (columns != 0) {
        const int left = std::countr_zero(columns);
        const int right = left + std::countr_one(columns >> left) - 1;
        columns &= ~span(left, right);

        const quint64 key = (quint64(quint32(left)) << 32) | quint32(right);
        const auto it = m_lastWithSpan.constFind(key);
        if (it != m_lastWithSpan.cend() && m_ranges[*it].bottom == row - 1) {
            m_ranges[*it].bottom = row;
            continue;
        }
        m_lastWithSpan.insert(key, m_ranges.size());
        m_ranges.append({row, left, row, right});
    }
}

QList<std::pair<int, int>> rowRunsBottomUp(const QList<int>& sortedRows)
{
    QList<std::pair<int, int>> runs;
    qsizetype end = sortedRows.size();
    while (end > 0) {
        qsizetype begin = end - 1;
        while (begin > 0 && sortedRows[begin - 1] == sortedRows[begin] - 1)
            --begin;
        runs.append({sortedRows[begin], sortedRows[end - 1]});
        end = begin;
    }
    return runs;
}

} // namespace dockpulse::ui
