#include "LineMatcher.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace dockpulse::history {

namespace {

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

bool isAscii(const QString& text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

} // namespace

Expected<LineMatcher, QString> LineMatcher::create(const QString& query, Kind kind, bool caseInsensitive)
{
    if (query.isEmpty())
        return u"the search QUERY is empty: give the text to look for"_s;
    LineMatcher m;
    m.m_kind = kind;
    m.m_caseInsensitive = caseInsensitive;
    if (kind == Kind::Regex) {
        QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
        if (caseInsensitive)
            options |= QRegularExpression::CaseInsensitiveOption;
        m.m_regex = QRegularExpression(query, options);
        if (!m.m_regex.isValid()) {
            return u"--regex: \"%1\" is not a regular expression: %2 (at character %3)"_s.arg(query)
                .arg(m.m_regex.errorString())
                .arg(m.m_regex.patternErrorOffset());
        }
        m.m_regex.optimize();
        return m;
    }
    m.m_asciiQuery = isAscii(query);
    m.m_text = query;
    m.m_bytes.setPattern(caseInsensitive && m.m_asciiQuery ? query.toLower().toUtf8() : query.toUtf8());
    return m;
}

bool LineMatcher::matches(QByteArrayView line) const
{
    if (m_kind == Kind::Regex)
        return m_regex.match(QString::fromUtf8(line)).hasMatch();
    if (!m_caseInsensitive)
        return m_bytes.indexIn(line) >= 0;
    if (!m_asciiQuery)
        return QString::fromUtf8(line).contains(m_text, Qt::CaseInsensitive);
    // An ASCII query folds ASCII letters only: a byte of a multi-byte UTF-8 character is never
    // an ASCII letter, so the bytes need no decoding.
    m_lowered.resize(line.size());
    std::transform(line.begin(), line.end(), m_lowered.begin(), asciiLower);
    return m_bytes.indexIn(m_lowered) >= 0;
}

} // namespace dockpulse::history
