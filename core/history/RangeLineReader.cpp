#include "RangeLineReader.h"

#include <algorithm>

namespace dockpulse::history {

Expected<RangeLineReader, store::StoreError> RangeLineReader::open(store::StoreReader& reader,
                                                                   const store::ContainerRef& container,
                                                                   const TimeRange& range, int pageSize,
                                                                   qint64 afterRowId)
{
    auto span = reader.lineSpan(container, range.sinceNs, range.untilNs);
    if (!span)
        return span.error();
    store::LineSpan from = *span;
    from.after.rowId = std::max(from.after.rowId, afterRowId);
    return RangeLineReader(reader, container, range, from, pageSize);
}

Expected<QList<store::StoredLine>, store::StoreError> RangeLineReader::next()
{
    while (!m_span.empty()) {
        auto page = m_reader->lines(m_container, m_span.after, m_pageSize);
        if (!page)
            return page.error();
        QList<store::StoredLine> lines = std::move(page).value();
        if (lines.isEmpty()) {
            m_span.after.rowId = m_span.last;
            break;
        }
        m_span.after = lines.constLast().position();
        // Past the span's last row, and outside the range: dropped here, so callers see only the range.
        lines.removeIf([this](const store::StoredLine& l) {
            return l.rowId > m_span.last || !m_range.holdsNs(l.timestampNs);
        });
        if (!lines.isEmpty())
            return lines;
    }
    return QList<store::StoredLine>();
}

} // namespace dockpulse::history
