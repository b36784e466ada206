#pragma once

#include "LineMatcher.h"
#include "TimeRange.h"

#include "StoreReader.h"

#include <QList>

#include <functional>
#include <optional>

namespace dockpulse::history {

struct SearchHit
{
    const store::StoredContainer* container = nullptr;
    store::StoredLine line;
};

struct SearchResult
{
    QString error;      // empty when the whole range was searched
    qint64 scanned = 0; // lines read and matched: the index's candidates and the lines scanned
    qint64 matched = 0;
    bool usedIndex = false;    // the search index gave the candidates of the lines it holds
    qint64 unindexedLines = 0; // with usedIndex: the store's lines not indexed yet, scanned instead
};

enum class SearchIndexUse
{
    WhenItHelps, // a store with an index (schema 2) and a query with a word it can look up
    Never,       // scan every line (tests compare the two)
};

// `dockpulse search`: every stored line of the containers within the range (and of one stream,
// if given) that the matcher accepts, handed to onHit oldest first across containers (by
// Docker's timestamp; a container's own lines keep their order, equal times go to the container
// listed first). Each piece of a line cut at the line cap is matched on its own. onHit returns
// false to stop early (the reader of the output went away). Reads a page per container at a time.
// Through the search index where it helps (SearchIndexQuery.h): per container, the index's
// candidates among its indexed lines in row-id order, then a scan of the lines not indexed yet;
// every candidate is matched as a scanned line is, so the hits are exactly a scan's.
SearchResult searchHistory(store::StoreReader& reader, const QList<store::StoredContainer>& containers,
                           const TimeRange& range, std::optional<docker::LogStreamKind> stream,
                           const LineMatcher& matcher, const std::function<bool(const SearchHit&)>& onHit,
                           SearchIndexUse indexUse = SearchIndexUse::WhenItHelps);

} // namespace dockpulse::history
