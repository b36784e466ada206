#include "LogLineText.h"

#include "Utf8Bytes.h"

namespace dockpulse::ui {

namespace {

constexpr char16_t kEsc = 0x1b;
constexpr char16_t kBel = 0x07;
constexpr char16_t kReplacement = 0xfffd;
// A byte that is not UTF-8 is decoded as a lone low surrogate U+DC80..U+DCFF (the bytes are
// 0x80..0xFF: ASCII is always valid), as Python's surrogateescape does; the converter shows it as
// \xHH. A well-formed UTF-8 text never decodes to a lone surrogate.
constexpr char16_t kInvalidByteBase = 0xdc00;

inline bool isInvalidByteMark(const QString& s, qsizetype i)
{
    const char16_t c = s.at(i).unicode();
    return c >= 0xdc80 && c <= 0xdcff && (i == 0 || !s.at(i - 1).isHighSurrogate());
}

// The text of `bytes`, each byte that is not UTF-8 as its mark; `invalid` says whether any was.
QString decode(QByteArrayView bytes, bool* invalid)
{
    *invalid = !docker::utf8::isValid(bytes);
    if (!*invalid)
        return QString::fromUtf8(bytes);
    QString out;
    out.reserve(bytes.size());
    qsizetype run = 0;
    qsizetype i = 0;
    while (i < bytes.size()) {
        const qsizetype length = docker::utf8::sequenceLength(bytes.sliced(i));
        if (length > 0) {
            i += length;
            continue;
        }
        out.append(QString::fromUtf8(bytes.sliced(run, i - run)));
        out.append(QChar(char16_t(kInvalidByteBase + static_cast<uchar>(bytes[i]))));
        run = ++i;
    }
    out.append(QString::fromUtf8(bytes.sliced(run)));
    return out;
}

// Anything that needs the slow path: controls, C1, the separators that break a text layout.
inline bool isSpecial(char16_t c)
{
    return (c < 0x20 && c != u'\t') || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

// Visible stand-in for a control character that is not part of an escape sequence.
inline char16_t visible(char16_t c)
{
    if (c < 0x20)
        return char16_t(0x2400 + c); // U+2400..U+241F control pictures
    if (c == 0x7f)
        return 0x2421; // SYMBOL FOR DELETE
    if (c == 0x2028)
        return 0x2424; // SYMBOL FOR NEWLINE
    if (c == 0x2029)
        return 0x00b6;   // PILCROW
    return kReplacement; // C1 controls
}

class Converter
{
public:
    Converter(const QString& in, QList<StyledSpan>* spans) : m_in(in), m_spans(spans)
    {
        m_out.reserve(in.size());
    }

    QString run()
    {
        const qsizetype n = m_in.size();
        qsizetype i = 0;
        while (i < n) {
            const char16_t c = m_in.at(i).unicode();
            if (isInvalidByteMark(m_in, i)) {
                appendInvalidByte(static_cast<uchar>(c - kInvalidByteBase));
                ++i;
            } else if (!isSpecial(c)) {
                m_out.append(m_in.at(i));
                ++i;
            } else if (c == kEsc) {
                const qsizetype end = escapeEnd(i);
                if (end < 0) {
                    m_out.append(QChar(visible(c)));
                    ++i;
                } else {
                    i = end;
                }
            } else if (c == u'\r' && i == n - 1) {
                ++i; // CRLF line ending
            } else {
                m_out.append(QChar(visible(c)));
                ++i;
            }
        }
        closeSpan();
        return m_out;
    }

private:
    // \xHH in a span of its own, in the style around it plus the mark.
    void appendInvalidByte(uchar byte)
    {
        constexpr char16_t kHex[] = u"0123456789abcdef";
        const AnsiStyle around = m_style;
        AnsiStyle marked = around;
        marked.invalidByte = true;
        setStyle(marked);
        const char16_t text[4] = {u'\\', u'x', kHex[byte >> 4], kHex[byte & 15]};
        m_out.append(QStringView(text, 4));
        setStyle(around);
    }

    char16_t at(qsizetype i) const { return i < m_in.size() ? m_in.at(i).unicode() : char16_t(0); }

    // One past the escape sequence starting at `i` (an ESC), applying SGR on the way; -1 if it is
    // not a complete, well-formed sequence.
    qsizetype escapeEnd(qsizetype i)
    {
        const char16_t kind = at(i + 1);
        if (kind == u'[')
            return csiEnd(i + 2);
        if (kind == u']' || kind == u'P' || kind == u'X' || kind == u'^' || kind == u'_')
            return stringEnd(i + 2);
        qsizetype j = i + 1;
        while (at(j) >= 0x20 && at(j) <= 0x2f) // intermediates, as in ESC ( B
            ++j;
        if (at(j) >= 0x30 && at(j) <= 0x7e)
            return j + 1;
        return -1;
    }

    qsizetype csiEnd(qsizetype j)
    {
        const qsizetype paramsStart = j;
        while (at(j) >= 0x30 && at(j) <= 0x3f)
            ++j;
        const qsizetype paramsEnd = j;
        while (at(j) >= 0x20 && at(j) <= 0x2f)
            ++j;
        const char16_t final = at(j);
        if (final < 0x40 || final > 0x7e)
            return -1;
        if (final == u'm' && paramsEnd == j)
            applySgr(paramsStart, paramsEnd);
        return j + 1;
    }

    // OSC, DCS, SOS, PM, APC: up to BEL or ST (ESC \).
    qsizetype stringEnd(qsizetype j) const
    {
        const qsizetype n = m_in.size();
        for (; j < n; ++j) {
            const char16_t c = at(j);
            if (c == kBel)
                return j + 1;
            if (c == kEsc)
                return at(j + 1) == u'\\' ? j + 2 : -1;
        }
        return -1;
    }

    struct Param
    {
        int value;
        bool colonFollows; // ITU sub-parameter form, as in 38:2::r:g:b
    };

    void applySgr(qsizetype from, qsizetype to)
    {
        if (!m_spans)
            return;
        QList<Param> params;
        int value = 0;
        for (qsizetype k = from; k < to; ++k) {
            const char16_t c = at(k);
            if (c >= u'0' && c <= u'9') {
                value = qMin(value * 10 + (c - u'0'), 100000);
            } else if (c == u';' || c == u':') {
                params.append(Param{value, c == u':'});
                value = 0;
            } else {
                return; // private parameters ('?', '<' ...): not SGR
            }
        }
        params.append(Param{value, false}); // an empty parameter means 0
        AnsiStyle s = m_style;
        for (qsizetype k = 0; k < params.size(); ++k) {
            const int p = params.at(k).value;
            if (p == 0)
                s = AnsiStyle{};
            else if (p == 1)
                s.bold = true;
            else if (p == 3)
                s.italic = true;
            else if (p == 4)
                s.underline = true;
            else if (p == 22)
                s.bold = false;
            else if (p == 23)
                s.italic = false;
            else if (p == 24)
                s.underline = false;
            else if (p >= 30 && p <= 37)
                setIndexed(s, p - 30);
            else if (p >= 90 && p <= 97)
                setIndexed(s, p - 90 + 8);
            else if (p == 39)
                setColor(s, AnsiStyle::Color::Default, 0, 0);
            else if (p == 38 || p == 48)
                k = extendedColor(params, k, p == 38 ? &s : nullptr);
        }
        setStyle(s);
    }

    // Unused fields stay zero so that equal looks compare equal.
    static void setColor(AnsiStyle& s, AnsiStyle::Color color, int index, QRgb rgb)
    {
        s.color = color;
        s.index = quint8(index);
        s.rgb = rgb;
    }
    static void setIndexed(AnsiStyle& s, int index) { setColor(s, AnsiStyle::Color::Indexed, index, 0); }

    // 38;5;n / 38;2;r;g;b, or 38:5:n / 38:2:[id]:r:g:b (48 for backgrounds: consumed, ignored);
    // returns the index of the last parameter used.
    static qsizetype extendedColor(const QList<Param>& params, qsizetype k, AnsiStyle* s)
    {
        auto value = [&params](qsizetype i) {
            return i < params.size() ? params.at(i).value : -1;
        };
        qsizetype groupEnd = k;
        while (groupEnd < params.size() - 1 && params.at(groupEnd).colonFollows)
            ++groupEnd;
        const bool colonForm = groupEnd > k;
        const int mode = value(k + 1);
        if (mode == 5) {
            const int n = value(k + 2);
            if (s && n >= 0 && n <= 255)
                setIndexed(*s, n);
            return colonForm ? groupEnd : k + 2;
        }
        if (mode == 2) {
            const qsizetype blue = colonForm ? groupEnd : k + 4;
            if (s && blue - k >= 4 && blue < params.size())
                setColor(*s, AnsiStyle::Color::Rgb, 0,
                         qRgb(qBound(0, value(blue - 2), 255), qBound(0, value(blue - 1), 255),
                              qBound(0, value(blue), 255)));
            return blue;
        }
        return colonForm ? groupEnd : k + 1;
    }

    void setStyle(const AnsiStyle& s)
    {
        if (s == m_style)
            return;
        closeSpan();
        m_style = s;
        m_spanStart = m_out.size();
    }

    void closeSpan()
    {
        if (m_spans && !m_style.isPlain() && m_out.size() > m_spanStart)
            m_spans->append(StyledSpan{int(m_spanStart), int(m_out.size() - m_spanStart), m_style});
    }

    const QString& m_in;
    QList<StyledSpan>* m_spans;
    QString m_out;
    AnsiStyle m_style;
    qsizetype m_spanStart = 0;
};

bool needsConversion(const QString& s)
{
    for (const QChar ch : s) {
        if (isSpecial(ch.unicode()))
            return true;
    }
    return false;
}

} // namespace

namespace LogLineText {

DisplayLine toDisplay(QByteArrayView bytes)
{
    DisplayLine line;
    bool invalid = false;
    QString decoded = decode(bytes, &invalid);
    if (!invalid && !needsConversion(decoded))
        line.text = std::move(decoded);
    else
        line.text = Converter(decoded, &line.spans).run();
    return line;
}

QString toPlainText(QByteArrayView bytes)
{
    bool invalid = false;
    QString decoded = decode(bytes, &invalid);
    if (!invalid && !needsConversion(decoded))
        return decoded;
    return Converter(decoded, nullptr).run();
}

} // namespace LogLineText

} // namespace dockpulse::ui
