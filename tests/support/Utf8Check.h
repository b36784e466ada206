#pragma once

// Checks on logs.csv's text that do not use the code they check: Qt's strict UTF-8 decoder, and
// CONTRACT.md's way back from the escaped form written the plain way.
#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>

namespace dockpulse::test {

inline bool isStrictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError() && text.toUtf8() == bytes;
}

// One pass from the left: \\ is a backslash, \xHH is byte HH; any other backslash is an error,
// shown as "<bad escape>" so that a comparison fails.
inline QByteArray unescapeLogsCsv(QByteArrayView text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
        } else if (i + 1 < text.size() && text[i + 1] == '\\') {
            out += '\\';
            ++i;
        } else if (i + 3 < text.size() && text[i + 1] == 'x') {
            out += char(text.sliced(i + 2, 2).toByteArray().toInt(nullptr, 16));
            i += 3;
        } else {
            out += "<bad escape>";
        }
    }
    return out;
}

} // namespace dockpulse::test
