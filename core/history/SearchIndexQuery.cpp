#include "SearchIndexQuery.h"

#include <algorithm>

namespace dockpulse::history {

namespace {

// The length of the UTF-8 character that starts at text[at].
int characterLength(const QByteArray& text, qsizetype at)
{
    const auto lead = static_cast<unsigned char>(text[at]);
    const int length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    return int(std::min<qsizetype>(length, text.size() - at));
}

QByteArray quoted(const QByteArray& token)
{
    QByteArray term = token;
    term.replace('"', "\"\"");
    return '"' + term + '"';
}

} // namespace

std::optional<QByteArray> searchIndexExpression(const QByteArray& utf8Query, bool caseInsensitive,
                                                bool wholeWords, const QList<store::SearchToken>& tokens)
{
    const bool ascii = std::all_of(utf8Query.cbegin(), utf8Query.cend(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (caseInsensitive && !ascii)
        return std::nullopt;
    const qsizetype n = utf8Query.size();
    QList<QByteArray> terms;
    for (const store::SearchToken& token : tokens) {
        if (token.folded.isEmpty() || token.start < 0 || token.end > n || token.start >= token.end)
            continue;
        // The line's character before the query's first one may be anything: a word bounded on
        // the left is one with a separator of the query before it (the query is valid UTF-8, so
        // the line's bytes decode the same from its first byte on), or -w's boundary.
        const bool leftBound = token.start > 0 || wholeWords;
        // After it: a separator of the query, unless that separator is the query's last
        // character and not ASCII (the line's next bytes could continue its UTF-8 sequence and
        // make it another character); or -w's boundary (an ASCII byte) at the query's end.
        bool rightBound = wholeWords && token.end == n;
        if (token.end < n) {
            const bool separatorIsLast = token.end + characterLength(utf8Query, token.end) >= n;
            const bool separatorIsAscii = static_cast<unsigned char>(utf8Query[token.end]) < 0x80;
            rightBound = separatorIsAscii || !separatorIsLast || wholeWords;
        }
        QByteArray term;
        if (leftBound && rightBound)
            term = quoted(token.folded);
        else if (leftBound && token.folded.size() >= 2)
            term = quoted(token.folded) + '*';
        if (!term.isEmpty() && !terms.contains(term))
            terms << term;
    }
    if (terms.isEmpty())
        return std::nullopt;
    return terms.join(" AND ");
}

} // namespace dockpulse::history
