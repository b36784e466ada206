#include "LogFilter.h"

#include "LogLineText.h"

namespace dockpulse::ui {

void LogFilter::setLevelShown(docker::LogLevel level, bool shown)
{
    m_levels = shown ? quint8(m_levels | bit(level)) : quint8(m_levels & ~bit(level));
}

bool LogFilter::showsStream(docker::LogStreamKind stream) const
{
    return stream == docker::LogStreamKind::Stderr ? m_stderr : m_stdout;
}

void LogFilter::setStreamShown(docker::LogStreamKind stream, bool shown)
{
    (stream == docker::LogStreamKind::Stderr ? m_stderr : m_stdout) = shown;
}

void LogFilter::setText(const QString& pattern, bool regex, bool caseSensitive)
{
    m_pattern = pattern;
    m_regex = regex;
    m_caseSensitive = caseSensitive;
    m_textActive = false;
    if (pattern.isEmpty())
        return;
    if (regex) {
        m_expression = QRegularExpression(pattern, caseSensitive ? QRegularExpression::NoPatternOption
                                                                 : QRegularExpression::CaseInsensitiveOption);
        m_textActive = m_expression.isValid();
    } else {
        m_matcher = QStringMatcher(pattern, caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive);
        m_textActive = true;
    }
}

bool LogFilter::showsEverything() const
{
    return allLevelsShown() && m_stdout && m_stderr && m_clearedBefore == 0 && !m_textActive;
}

bool LogFilter::accepts(const TaskLogBuffer::Line& line) const
{
    if (line.seq < m_clearedBefore)
        return false;
    if (line.separator) // a restart belongs with its container, whatever its lines show
        return true;
    if (!showsLevel(line.level) || !showsStream(line.stream))
        return false;
    if (!m_textActive)
        return true;
    // The same text the search highlights in: what the row shows.
    const QString text = LogLineText::toPlainText(line.bytes);
    return m_regex ? m_expression.match(text).hasMatch() : m_matcher.indexIn(text) >= 0;
}

bool operator==(const LogFilter& a, const LogFilter& b)
{
    return a.m_levels == b.m_levels && a.m_stdout == b.m_stdout && a.m_stderr == b.m_stderr &&
           a.m_clearedBefore == b.m_clearedBefore && a.m_textActive == b.m_textActive &&
           (!a.m_textActive ||
            (a.m_pattern == b.m_pattern && a.m_regex == b.m_regex && a.m_caseSensitive == b.m_caseSensitive));
}

} // namespace dockpulse::ui
