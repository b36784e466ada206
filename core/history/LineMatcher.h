#pragma once

#include "Expected.h"

#include <QByteArray>
#include <QByteArrayMatcher>
#include <QRegularExpression>
#include <QString>

namespace dockpulse::history {

// Whether a stored line's bytes match a search's QUERY: a plain substring (the default: no
// character is special), case-insensitive if asked, or a regular expression (Perl syntax, as
// QRegularExpression takes it). Lines are matched as the bytes the container wrote: a plain
// case-sensitive query is a byte search with no decoding; the other forms read the bytes as
// UTF-8 (a byte that is not UTF-8 can match nothing but itself as U+FFFD).
//
// Whole words (-w/--word, like grep -w): a match counts only where the characters just before
// and after it are not word characters, or the line's start or end. Word characters are ASCII
// letters, digits and '_', and every character that is not ASCII (so a byte that is not UTF-8,
// too): the boundaries are ASCII punctuation, spaces and controls, which the search index's
// tokenizer also cuts at (docs/STORE.md, "The search index").
class LineMatcher
{
public:
    enum class Kind
    {
        Substring,
        Regex
    };
    // An empty query, or a regular expression that does not compile, is an error saying why.
    static Expected<LineMatcher, QString> create(const QString& query, Kind kind, bool caseInsensitive,
                                                 bool wholeWords = false);

    bool matches(QByteArrayView line) const;

    const QString& query() const { return m_query; }
    Kind kind() const { return m_kind; }
    bool caseInsensitive() const { return m_caseInsensitive; }
    bool wholeWords() const { return m_wholeWords; }

private:
    LineMatcher() = default;

    Kind m_kind = Kind::Substring;
    bool m_caseInsensitive = false;
    bool m_wholeWords = false;
    bool m_asciiQuery = true;
    QString m_query;
    QByteArrayMatcher m_bytes; // the query's UTF-8 (lowered for ASCII folding)
    QString m_text;            // a non-ASCII query matched case-insensitively
    QRegularExpression m_regex;
    mutable QByteArray m_lowered; // scratch for ASCII case folding
};

} // namespace dockpulse::history
