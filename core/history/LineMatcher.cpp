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

// -w's word characters (LineMatcher.h): ASCII letters, digits, '_', and anything not ASCII.
bool isWordUnit(char16_t c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

bool isWordByte(char c)
{
    return isWordUnit(char16_t(static_cast<unsigned char>(c)));
}

// Whether matcher finds pattern in text as a whole word, at any of its occurrences.
bool containsWord(const QByteArrayMatcher& matcher, QByteArrayView text)
{
    const qsizetype length = matcher.pattern().size();
    for (qsizetype at = matcher.indexIn(text); at >= 0; at = matcher.indexIn(text, at + 1)) {
        const qsizetype end = at + length;
        if ((at == 0 || !isWordByte(text[at - 1])) && (end == text.size() || !isWordByte(text[end])))
            return true;
    }
    return false;
}

} // namespace

Expected<LineMatcher, QString> LineMatcher::create(const QString& query, Kind kind, bool caseInsensitive,
                                                   bool wholeWords)
{
    if (query.isEmpty())
        return u"the search QUERY is empty: give the text to look for"_s;
    LineMatcher m;
    m.m_kind = kind;
    m.m_caseInsensitive = caseInsensitive;
    m.m_wholeWords = wholeWords;
    m.m_query = query;
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
        if (wholeWords) {
            // Checked alone first, so that an error's offset is the user's.
            const QString word = u"[A-Za-z0-9_\\x{80}-\\x{10FFFF}]"_s;
            m.m_regex = QRegularExpression(u"(?<!%1)(?:%2)(?!%1)"_s.arg(word, query), options);
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
        return m_wholeWords ? containsWord(m_bytes, line) : m_bytes.indexIn(line) >= 0;
    if (!m_asciiQuery) {
        const QString text = QString::fromUtf8(line);
        if (!m_wholeWords)
            return text.contains(m_text, Qt::CaseInsensitive);
        for (qsizetype at = text.indexOf(m_text, 0, Qt::CaseInsensitive); at >= 0;
             at = text.indexOf(m_text, at + 1, Qt::CaseInsensitive)) {
            const qsizetype end = at + m_text.size();
            if ((at == 0 || !isWordUnit(text[at - 1].unicode())) &&
                (end == text.size() || !isWordUnit(text[end].unicode())))
                return true;
        }
        return false;
    }
    // An ASCII query folds ASCII letters only: a byte of a multi-byte UTF-8 character is never
    // an ASCII letter, so the bytes need no decoding.
    m_lowered.resize(line.size());
    std::transform(line.begin(), line.end(), m_lowered.begin(), asciiLower);
    return m_wholeWords ? containsWord(m_bytes, m_lowered) : m_bytes.indexIn(m_lowered) >= 0;
}

} // namespace dockpulse::history
