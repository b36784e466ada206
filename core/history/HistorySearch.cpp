#include "HistorySearch.h"

#include "RangeLineReader.h"

#include <queue>
#include <vector>

namespace dockpulse::history {

namespace {

// One container's matching lines, a page at a time.
struct Source
{
    const store::StoredContainer* container = nullptr;
    std::optional<RangeLineReader> lines;
    QList<store::StoredLine> page;
    qsizetype at = 0;
    bool ended = false;

    const store::StoredLine& head() const { return page[at]; }
};

} // namespace

SearchResult searchHistory(store::StoreReader& reader, const QList<store::StoredContainer>& containers,
                           const TimeRange& range, std::optional<docker::LogStreamKind> stream,
                           const LineMatcher& matcher, const std::function<bool(const SearchHit&)>& onHit)
{
    SearchResult result;
    std::vector<Source> sources(containers.size());
    // Moves a source to its next matching line, reading pages as needed; false on a read error.
    const auto advance = [&](Source& s) {
        for (;;) {
            if (++s.at < s.page.size()) {
                const store::StoredLine& l = s.page[s.at];
                if ((!stream || l.stream == *stream) && matcher.matches(l.bytes))
                    return true;
                continue;
            }
            auto next = s.lines->next();
            if (!next) {
                result.error = next.error().message;
                return false;
            }
            s.page = std::move(next).value();
            s.at = -1;
            result.scanned += s.page.size();
            if (s.page.isEmpty()) {
                s.ended = true;
                return true;
            }
        }
    };
    // The earliest head first; equal times: the container listed first.
    const auto later = [&sources](std::size_t a, std::size_t b) {
        const qint64 ta = sources[a].head().timestampNs, tb = sources[b].head().timestampNs;
        return ta != tb ? ta > tb : a > b;
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> heads(later);
    for (qsizetype i = 0; i < containers.size(); ++i) {
        Source& s = sources[std::size_t(i)];
        s.container = &containers[i];
        auto opened = RangeLineReader::open(reader, s.container->ref, range);
        if (!opened) {
            result.error = opened.error().message;
            return result;
        }
        s.lines.emplace(std::move(opened).value());
        s.at = -1;
        if (!advance(s))
            return result;
        if (!s.ended)
            heads.push(std::size_t(i));
    }
    while (!heads.empty()) {
        const std::size_t i = heads.top();
        heads.pop();
        Source& s = sources[i];
        ++result.matched;
        if (!onHit(SearchHit{s.container, s.head()}))
            return result;
        if (!advance(s))
            return result;
        if (!s.ended)
            heads.push(i);
    }
    return result;
}

} // namespace dockpulse::history
