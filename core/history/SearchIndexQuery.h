#pragma once

#include "StoreReader.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace dockpulse::history {

// The FTS5 MATCH expression that gives every line a plain QUERY can match (docs/STORE.md, "The
// search index"), or nothing when no word of the query narrows the search (then it scans).
// tokens: the query's UTF-8 cut by the index's own tokenizer (StoreReader::searchTokens).
//
// A line that holds the query holds each of its words that the query bounds on both sides
// (a separator within the query, or -w's boundary at its ends) as a whole word of its own: those
// are ANDed as exact terms. A word bounded on the left only, at the query's end, is the start of
// a word of the line: a prefix term (two bytes at least, a shorter one narrows too little). A
// word not bounded on the left may be the end of a longer word: FTS5 cannot look that up, so it
// is left out. The index folds case: case-sensitive queries are verified on the candidates; -i
// with a query that is not ASCII scans (the index's folding and Qt's differ beyond ASCII).
std::optional<QByteArray> searchIndexExpression(const QByteArray& utf8Query, bool caseInsensitive,
                                                bool wholeWords, const QList<store::SearchToken>& tokens);

} // namespace dockpulse::history
