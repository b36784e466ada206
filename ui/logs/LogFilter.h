#pragma once

#include "TaskLogBuffer.h"

#include <QRegularExpression>
#include <QStringMatcher>

namespace dockpulse::ui {

// Which lines the log view shows: by level, by stream, only those matching a text, and only those
// that arrived after "Clear" (the store keeps every line: export and a later un-filter see them).
// A filter that shows everything costs one comparison per line.
class LogFilter
{
public:
    bool showsLevel(docker::LogLevel level) const { return m_levels & bit(level); }
    void setLevelShown(docker::LogLevel level, bool shown);
    bool allLevelsShown() const { return m_levels == kAllLevels; }

    bool showsStream(docker::LogStreamKind stream) const;
    void setStreamShown(docker::LogStreamKind stream, bool shown);

    // Lines whose arrival order (TaskLogBuffer::Line::seq) is below this are hidden.
    qint64 clearedBefore() const { return m_clearedBefore; }
    void setClearedBefore(qint64 seq) { m_clearedBefore = seq; }

    // Only lines whose displayed text contains the pattern (plain or regular expression); an empty
    // or invalid pattern hides nothing.
    void setText(const QString& pattern, bool regex, bool caseSensitive);
    bool hasText() const { return m_textActive; }

    bool showsEverything() const;
    bool accepts(const TaskLogBuffer::Line& line) const;
    friend bool operator==(const LogFilter& a, const LogFilter& b);

private:
    static constexpr quint8 bit(docker::LogLevel level) { return quint8(1u << int(level)); }
    static constexpr quint8 kAllLevels = quint8((1u << docker::kLogLevelCount) - 1);

    quint8 m_levels = kAllLevels;
    bool m_stdout = true;
    bool m_stderr = true;
    qint64 m_clearedBefore = 0;
    bool m_textActive = false;
    QString m_pattern;
    bool m_regex = false;
    bool m_caseSensitive = false;
    QStringMatcher m_matcher;
    QRegularExpression m_expression;
};

} // namespace dockpulse::ui
