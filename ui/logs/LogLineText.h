#pragma once

#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QRgb>
#include <QString>

namespace dockpulse::ui {

// The look an ANSI SGR sequence asked for (foreground only: backgrounds would fight the palette
// and the selection).
struct AnsiStyle
{
    enum class Color : quint8
    {
        Default,
        Indexed, // xterm 256-colour index in `index`
        Rgb      // 24-bit in `rgb`
    };
    Color color = Color::Default;
    quint8 index = 0;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    // Not a style the line asked for: a byte that is not UTF-8, shown as \xHH; the view marks it
    // so that it cannot be taken for those four characters written by the container.
    bool invalidByte = false;
    QRgb rgb = 0;

    bool isPlain() const { return color == Color::Default && !bold && !italic && !underline && !invalidByte; }
    friend bool operator==(const AnsiStyle&, const AnsiStyle&) = default;
};

struct StyledSpan
{
    int start = 0;
    int length = 0;
    AnsiStyle style;
};

// A log line as the view shows it; spans cover only the styled parts of `text`.
struct DisplayLine
{
    QString text;
    QList<StyledSpan> spans;
};

// Bytes of one log line to safe, single-row plain text. A byte that is not UTF-8 becomes the text
// \xHH (two lowercase hex digits) with a span marked AnsiStyle::invalidByte; ANSI escape
// sequences (CSI, OSC, DCS, two-byte ESC forms) are removed, SGR colours kept as spans; other C0
// controls and DEL become their visible U+2400 pictures (TAB stays TAB), C1 controls U+FFFD, and
// the Unicode line/paragraph separators visible symbols, so nothing can break a row. A single
// trailing CR (CRLF output) is dropped. An unterminated escape shows its ESC as U+241B.
namespace LogLineText {
DisplayLine toDisplay(QByteArrayView bytes);
QString toPlainText(QByteArrayView bytes); // the same text, without the spans
} // namespace LogLineText

} // namespace dockpulse::ui

Q_DECLARE_METATYPE(dockpulse::ui::DisplayLine)
