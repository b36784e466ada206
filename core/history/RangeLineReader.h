#pragma once

#include "TimeRange.h"

#include "Expected.h"
#include "StoreReader.h"

#include <QList>

namespace dockpulse::history {

// One container's stored lines stamped within a range, oldest first (delivery order), a page at a
// time: memory stays at one page however long the history.
class RangeLineReader
{
public:
    // Finds where the range lies in the container's chunks; only lines with a row id above
    // afterRowId (a search reads the ones up to it through the index).
    static Expected<RangeLineReader, store::StoreError> open(store::StoreReader& reader,
                                                             const store::ContainerRef& container,
                                                             const TimeRange& range, int pageSize = 8192,
                                                             qint64 afterRowId = 0);

    // The next page (at most pageSize lines, fewer where lines outside the range are skipped);
    // empty at the end.
    Expected<QList<store::StoredLine>, store::StoreError> next();

private:
    RangeLineReader(store::StoreReader& reader, store::ContainerRef container, TimeRange range,
                    store::LineSpan span, int pageSize)
        : m_reader(&reader), m_container(std::move(container)), m_range(range), m_span(span),
          m_pageSize(pageSize)
    {}

    store::StoreReader* m_reader;
    store::ContainerRef m_container;
    TimeRange m_range;
    store::LineSpan m_span; // m_span.after advances page by page
    int m_pageSize;
};

} // namespace dockpulse::history
