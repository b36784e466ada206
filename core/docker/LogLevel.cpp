#include "LogLevel.h"

#include <array>
#include <cstring>
#include <string_view>

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

namespace {

using Text = std::string_view;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}
bool isLetter(char c)
{
    return isUpper(c) || (c >= 'a' && c <= 'z');
}
bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}
char lower(char c)
{
    return isUpper(c) ? char(c - 'A' + 'a') : c;
}
bool equalsNoCase(Text a, Text b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

// Where a word names a level. Spelled-out forms ("information", "critical") count only where the
// text is a level by position (a level key's value, a bracket), never as a line's first word.
enum class Context
{
    LeadingWord,
    Named,
};

LogLevel levelOfWord(Text word, Context context)
{
    struct Entry
    {
        const char* word;
        LogLevel level;
        bool namedOnly;
    };
    static constexpr Entry kWords[] = {
        {"trace", LogLevel::Trace, false},     {"trc", LogLevel::Trace, true},
        {"debug", LogLevel::Debug, false},     {"dbg", LogLevel::Debug, true},
        {"info", LogLevel::Info, false},       {"inf", LogLevel::Info, true},
        {"information", LogLevel::Info, true}, {"notice", LogLevel::Info, false},
        {"note", LogLevel::Info, true},        {"warn", LogLevel::Warn, false},
        {"warning", LogLevel::Warn, false},    {"wrn", LogLevel::Warn, true},
        {"error", LogLevel::Error, false},     {"err", LogLevel::Error, false},
        {"eror", LogLevel::Error, true},       {"severe", LogLevel::Error, false},
        {"fatal", LogLevel::Fatal, false},     {"ftl", LogLevel::Fatal, true},
        {"critical", LogLevel::Fatal, false},  {"crit", LogLevel::Fatal, false},
        {"panic", LogLevel::Fatal, false},     {"emerg", LogLevel::Fatal, false},
        {"emergency", LogLevel::Fatal, true},  {"alert", LogLevel::Fatal, true},
    };
    if (word.empty() || word.size() > 11)
        return LogLevel::Unknown;
    for (const Entry& e : kWords) {
        if (e.namedOnly && context == Context::LeadingWord)
            continue;
        if (equalsNoCase(word, e.word))
            return e.level;
    }
    return LogLevel::Unknown;
}

// pino and bunyan write the level as a number.
LogLevel levelOfNumber(Text digits)
{
    if (digits.size() != 2 || digits[1] != '0')
        return LogLevel::Unknown;
    switch (digits[0]) {
    case '1':
        return LogLevel::Trace;
    case '2':
        return LogLevel::Debug;
    case '3':
        return LogLevel::Info;
    case '4':
        return LogLevel::Warn;
    case '5':
        return LogLevel::Error;
    case '6':
        return LogLevel::Fatal;
    default:
        return LogLevel::Unknown;
    }
}

bool isLevelKey(Text key)
{
    for (const char* k : {"level", "lvl", "severity", "loglevel", "log.level", "levelname", "@l"})
        if (equalsNoCase(key, k))
            return true;
    return false;
}

std::size_t skipSpaces(Text s, std::size_t i)
{
    while (i < s.size() && isSpace(s[i]))
        ++i;
    return i;
}

std::size_t letterRunEnd(Text s, std::size_t i)
{
    while (i < s.size() && isLetter(s[i]))
        ++i;
    return i;
}

// {"level":"error"} and its spellings; "level":30 from pino. Keys anywhere in the scanned part.
LogLevel fromJson(Text s)
{
    std::size_t i = 0;
    while ((i = s.find('"', i)) != Text::npos) {
        std::size_t end = i + 1;
        while (end < s.size() && s[end] != '"')
            end += s[end] == '\\' ? 2 : 1;
        if (end >= s.size())
            return LogLevel::Unknown;
        const Text key = s.substr(i + 1, end - i - 1);
        std::size_t v = skipSpaces(s, end + 1);
        if (v < s.size() && s[v] == ':' && isLevelKey(key)) {
            v = skipSpaces(s, v + 1);
            if (v < s.size() && s[v] == '"') {
                const std::size_t close = s.find('"', v + 1);
                if (close != Text::npos)
                    if (const LogLevel l = levelOfWord(s.substr(v + 1, close - v - 1), Context::Named);
                        l != LogLevel::Unknown)
                        return l;
            } else {
                std::size_t d = v;
                while (d < s.size() && isDigit(s[d]))
                    ++d;
                if (const LogLevel l = levelOfNumber(s.substr(v, d - v)); l != LogLevel::Unknown)
                    return l;
            }
        }
        i = end + 1;
    }
    return LogLevel::Unknown;
}

// level=warn, lvl="ERROR", severity=info: a key of its own (at the start or after a space).
LogLevel fromLogfmt(Text s)
{
    std::size_t eq = 0;
    while ((eq = s.find('=', eq)) != Text::npos) {
        std::size_t keyStart = eq;
        while (keyStart > 0 && !isSpace(s[keyStart - 1]))
            --keyStart;
        const Text key = s.substr(keyStart, eq - keyStart);
        std::size_t v = eq + 1;
        ++eq;
        if (!isLevelKey(key))
            continue;
        const bool quoted = v < s.size() && s[v] == '"';
        if (quoted)
            ++v;
        const std::size_t end = letterRunEnd(s, v);
        const bool whole = end == s.size() || isSpace(s[end]) || (quoted && s[end] == '"');
        if (whole)
            if (const LogLevel l = levelOfWord(s.substr(v, end - v), Context::Named); l != LogLevel::Unknown)
                return l;
    }
    return LogLevel::Unknown;
}

bool isMonthOrWeekday(Text w)
{
    static constexpr const char* kNames[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
                                             "aug", "sep", "oct", "nov", "dec", "mon", "tue",
                                             "wed", "thu", "fri", "sat", "sun"};
    for (const char* n : kNames)
        if (equalsNoCase(w, n))
            return true;
    return false;
}

// 2024-01-02T03:04:05.123Z, 03:04:05,123, 2024/01/02, +00:00, 1234 (a pid), "-", "|", "---".
bool isStampOrPunctuation(Text token)
{
    for (const char c : token)
        if (!isDigit(c) && !std::strchr("-:./,+TZ|*#", c))
            return false;
    return true;
}

// I0102 15:04:05.000000 (klog / glog): severity letter, month and day.
LogLevel fromKlog(Text s)
{
    if (s.size() < 6 || !isDigit(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) || !isDigit(s[4]) || s[5] != ' ')
        return LogLevel::Unknown;
    switch (s[0]) {
    case 'I':
        return LogLevel::Info;
    case 'W':
        return LogLevel::Warn;
    case 'E':
        return LogLevel::Error;
    case 'F':
        return LogLevel::Fatal;
    default:
        return LogLevel::Unknown;
    }
}

// What may follow a level word: not more of a word, not a key's '='.
bool endsWord(Text s, std::size_t end)
{
    if (end >= s.size())
        return true;
    const char c = s[end];
    return !isLetter(c) && !isDigit(c) && !std::strchr("_=./'", c);
}

// The level as the first word, or after a prefix of stamps, pids, [threads] and time zones.
LogLevel fromLeadingWords(Text s, int depth)
{
    std::size_t i = 0;
    bool afterStamp = false;
    for (int token = 0; token < 8; ++token) {
        i = skipSpaces(s, i);
        if (i >= s.size())
            return LogLevel::Unknown;
        const char open = s[i];
        if (open == '[' || open == '<' || open == '(') {
            const char close = open == '[' ? ']' : open == '<' ? '>' : ')';
            const std::size_t end = s.find(close, i + 1);
            if (end == Text::npos)
                return LogLevel::Unknown;
            Text inside = s.substr(i + 1, end - i - 1);
            if (const std::size_t colon = inside.rfind(':'); colon != Text::npos && !isDigit(inside.back()))
                inside = inside.substr(colon + 1); // Apache's [core:error]
            if (const LogLevel l = levelOfWord(inside, Context::Named); l != LogLevel::Unknown)
                return l;
            // env_logger: "[2024-01-02T03:04:05Z INFO  app] ..."
            if (depth == 0 && inside.find(' ') != Text::npos)
                if (const LogLevel l = fromLeadingWords(inside, 1); l != LogLevel::Unknown)
                    return l;
            i = end + 1;
            afterStamp = false;
            continue;
        }
        std::size_t tokenEnd = i;
        while (tokenEnd < s.size() && !isSpace(s[tokenEnd]))
            ++tokenEnd;
        const Text tokenText = s.substr(i, tokenEnd - i);
        const std::size_t wordEnd = letterRunEnd(s, i);
        const Text word = s.substr(i, wordEnd - i);
        if (!word.empty() && endsWord(s, wordEnd)) {
            const LogLevel l = levelOfWord(word, Context::LeadingWord);
            bool upper = true;
            for (const char c : word)
                upper = upper && isUpper(c);
            if (l != LogLevel::Unknown && (upper || (wordEnd < s.size() && s[wordEnd] == ':')))
                return l;
        }
        const bool stamp = isStampOrPunctuation(tokenText);
        const bool zone =
            afterStamp && word.size() == tokenText.size() && word.size() <= 5 && isUpper(word[0]);
        if (!stamp && !zone &&
            !(word.size() == 3 && word.size() == tokenText.size() && isMonthOrWeekday(word)))
            return LogLevel::Unknown;
        afterStamp = stamp && !tokenText.empty() && isDigit(tokenText.back());
        i = tokenEnd;
    }
    return LogLevel::Unknown;
}

// Copies the start of a line without its ANSI escape sequences (colour codes around levels).
Text withoutEscapes(QByteArrayView line, std::array<char, kLogLevelScanBytes>& buffer)
{
    const Text in(line.data(), std::size_t(qMin(line.size(), kLogLevelScanBytes)));
    if (in.find('\x1b') == Text::npos)
        return in;
    std::size_t n = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '\x1b' && i + 1 < in.size() && in[i + 1] == '[') {
            i += 2;
            while (i < in.size() && !(in[i] >= 0x40 && in[i] <= 0x7e))
                ++i;
            continue;
        }
        buffer[n++] = in[i];
    }
    return Text(buffer.data(), n);
}

} // namespace

LogLevel detectLogLevel(QByteArrayView line)
{
    std::array<char, kLogLevelScanBytes> buffer;
    const Text s = withoutEscapes(line, buffer);
    const std::size_t first = skipSpaces(s, 0);
    if (first < s.size() && s[first] == '{')
        return fromJson(s.substr(first));
    if (const LogLevel l = fromKlog(s); l != LogLevel::Unknown)
        return l;
    if (const LogLevel l = fromLogfmt(s); l != LogLevel::Unknown)
        return l;
    return fromLeadingWords(s, 0);
}

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Unknown:
        return {};
    case LogLevel::Trace:
        return u"trace"_s;
    case LogLevel::Debug:
        return u"debug"_s;
    case LogLevel::Info:
        return u"info"_s;
    case LogLevel::Warn:
        return u"warn"_s;
    case LogLevel::Error:
        return u"error"_s;
    case LogLevel::Fatal:
        return u"fatal"_s;
    }
    return {};
}

} // namespace dockpulse::docker
