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
    QString error; // empty when the whole range was searched
    qint64 scanned = 0;
    qint64 matched = 0;
};

// `dockpulse search`: every stored line of the containers within the range (and of one stream,
// if given) that the matcher accepts, handed to onHit oldest first across containers (by
// Docker's timestamp; a container's own lines keep their order, equal times go to the container
// listed first). Each piece of a line cut at the line cap is matched on its own. onHit returns
// false to stop early (the reader of the output went away). Reads a page per container at a time.
SearchResult searchHistory(store::StoreReader& reader, const QList<store::StoredContainer>& containers,
                           const TimeRange& range, std::optional<docker::LogStreamKind> stream,
                           const LineMatcher& matcher, const std::function<bool(const SearchHit&)>& onHit);

} // namespace dockpulse::history
