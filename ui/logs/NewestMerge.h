#pragma once

#include "KWayHeads.h"

#include <QtGlobal>

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

namespace dockpulse::ui {

// One source of mergeNewest(): the line indices [first, end) of one task's buffer.
struct MergeSource
{
    qint64 first = 0;
    qint64 end = 0;
};

// The newest `cap` lines of several sources merged by arrival order (seq, unique across
// sources), oldest first, as (source, line index). seqOf(source, index) gives a line's seq; every
// source is in ascending seq order. A heap of each source's newest line not yet taken: each
// line's seq is read once, O(rows log sources), where a scan of every source per row cost
// rows × sources (a selection change over many tasks). Only lines accept(source, index) takes
// count towards cap (the view's filters).
template <typename SeqOf, typename Accept>
std::vector<std::pair<int, qint64>> mergeNewest(const std::vector<MergeSource>& sources, qsizetype cap,
                                                SeqOf&& seqOf, Accept&& accept)
{
    KWayHeads<qint64, std::greater<qint64>> heads; // newest seq first
    heads.reserve(sources.size());
    qint64 total = 0;
    for (std::size_t s = 0; s < sources.size(); ++s) {
        const MergeSource& source = sources[s];
        if (source.end > source.first && cap > 0) {
            heads.push({seqOf(int(s), source.end - 1), int(s), source.end - 1});
            total += source.end - source.first;
        }
    }
    std::vector<std::pair<int, qint64>> out;
    out.reserve(std::size_t(std::min<qint64>(total, cap)));
    while (qsizetype(out.size()) < cap && !heads.empty()) {
        auto head = heads.pop();
        if (accept(head.source, head.index))
            out.emplace_back(head.source, head.index);
        if (head.index > sources[std::size_t(head.source)].first && qsizetype(out.size()) < cap) {
            --head.index;
            head.key = seqOf(head.source, head.index);
            heads.push(head);
        }
    }
    std::reverse(out.begin(), out.end());
    return out;
}

template <typename SeqOf>
std::vector<std::pair<int, qint64>> mergeNewest(const std::vector<MergeSource>& sources, qsizetype cap,
                                                SeqOf&& seqOf)
{
    return mergeNewest(sources, cap, std::forward<SeqOf>(seqOf), [](int, qint64) { return true; });
}

} // namespace dockpulse::ui
