#include "HistorySearch.h"

#include "RangeLineReader.h"
#include "SearchIndexQuery.h"

#include <algorithm>
#include <queue>
#include <vector>

namespace dockpulse::history {

namespace {

constexpr int kPageLines = 8192;

// One container's matching lines, a page at a time.
struct Source
{
    const store::StoredContainer* container = nullptr;
    // Through the index: its candidates after indexAfter up to indexLast, then `lines` (the
    // scan of what is not indexed).
    bool fromIndex = false;
    store::LinePosition indexAfter;
    qint64 indexLast = 0;
    std::optional<RangeLineReader> lines;
    QList<store::StoredLine> page;
    qsizetype at = 0;
    bool ended = false;

    const store::StoredLine& head() const { return page[at]; }
};

} // namespace

SearchResult searchHistory(store::StoreReader& reader, const QList<store::StoredContainer>& containers,
                           const TimeRange& range, std::optional<docker::LogStreamKind> stream,
                           const LineMatcher& matcher, const std::function<bool(const SearchHit&)>& onHit,
                           SearchIndexUse indexUse)
{
    SearchResult result;
    // The index's expression, if the store has an index and the query a word to look up.
    std::optional<QByteArray> expression;
    store::SearchIndexState index;
    if (indexUse == SearchIndexUse::WhenItHelps && matcher.kind() == LineMatcher::Kind::Substring) {
        auto state = reader.searchIndexState();
        if (!state) {
            result.error = state.error().message;
            return result;
        }
        index = *state;
        if (index.present) {
            const QByteArray query = matcher.query().toUtf8();
            auto tokens = reader.searchTokens(query);
            if (!tokens) {
                result.error = tokens.error().message;
                return result;
            }
            expression =
                searchIndexExpression(query, matcher.caseInsensitive(), matcher.wholeWords(), *tokens);
        }
    }
    result.usedIndex = expression.has_value();
    if (result.usedIndex)
        result.unindexedLines = index.lag;
    std::vector<Source> sources(containers.size());
    // The next page of a source: its index candidates in the range, then the scan.
    const auto nextPage = [&](Source& s) -> Expected<QList<store::StoredLine>, store::StoreError> {
        while (s.fromIndex) {
            auto page =
                reader.indexedLines(s.container->ref, *expression, s.indexAfter, s.indexLast, kPageLines);
            if (!page)
                return page.error();
            QList<store::StoredLine> lines = std::move(page).value();
            if (lines.isEmpty()) {
                s.fromIndex = false;
                break;
            }
            s.indexAfter = lines.constLast().position();
            result.scanned += lines.size();
            lines.removeIf([&range](const store::StoredLine& l) { return !range.holdsNs(l.timestampNs); });
            if (!lines.isEmpty())
                return lines;
        }
        auto page = s.lines->next();
        if (page)
            result.scanned += page->size();
        return page;
    };
    // Moves a source to its next matching line, reading pages as needed; false on a read error.
    const auto advance = [&](Source& s) {
        for (;;) {
            if (++s.at < s.page.size()) {
                const store::StoredLine& l = s.page[s.at];
                if ((!stream || l.stream == *stream) && matcher.matches(l.bytes))
                    return true;
                continue;
            }
            auto next = nextPage(s);
            if (!next) {
                result.error = next.error().message;
                return false;
            }
            s.page = std::move(next).value();
            s.at = -1;
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
        if (expression) {
            auto span = reader.lineSpan(s.container->ref, range.sinceNs, range.untilNs);
            if (!span) {
                result.error = span.error().message;
                return result;
            }
            s.fromIndex = true;
            s.indexAfter = span->after;
            s.indexLast = std::min(span->last, index.indexedThrough);
        }
        // The scan: every line of the range, or those not indexed yet.
        auto opened = RangeLineReader::open(reader, s.container->ref, range, kPageLines,
                                            expression ? index.indexedThrough : 0);
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
