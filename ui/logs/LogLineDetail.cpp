#include "LogLineDetail.h"

#include "LogLineText.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace dockpulse::ui::LogLineDetail {

namespace {

// QJsonDocument would sort an object's keys; a log line's writer chose their order, so the
// document is re-indented here from its own text instead. Only called on text that parsed.
QString indentJson(const QString& compact)
{
    QString out;
    out.reserve(compact.size() * 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    const auto newline = [&] {
        out += u'\n';
        out += QString(2 * depth, u' ');
    };
    for (qsizetype i = 0; i < compact.size(); ++i) {
        const QChar c = compact.at(i);
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == u'\\')
                escaped = true;
            else if (c == u'"')
                inString = false;
            continue;
        }
        switch (c.unicode()) {
        case u'"':
            inString = true;
            out += c;
            break;
        case u'{':
        case u'[': {
            out += c;
            // Empty containers stay on one line.
            qsizetype j = i + 1;
            while (j < compact.size() && compact.at(j).isSpace())
                ++j;
            if (j < compact.size() && (compact.at(j) == u'}' || compact.at(j) == u']')) {
                out += compact.at(j);
                i = j;
                break;
            }
            ++depth;
            newline();
            break;
        }
        case u'}':
        case u']':
            --depth;
            newline();
            out += c;
            break;
        case u',':
            out += c;
            newline();
            break;
        case u':':
            out += u": ";
            break;
        default:
            if (!c.isSpace())
                out += c;
        }
    }
    return out;
}

} // namespace

QString text(QByteArrayView bytes, bool* isJson)
{
    QByteArrayView trimmed = bytes.trimmed();
    const bool looksJson = !trimmed.isEmpty() && (trimmed.front() == '{' || trimmed.front() == '[');
    if (looksJson) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toByteArray(), &error);
        if (error.error == QJsonParseError::NoError && !doc.isNull()) {
            if (isJson)
                *isJson = true;
            // Indented from the line's own (valid, UTF-8) text; control characters inside
            // strings are escapes in JSON, so nothing can break the pane's lines but ours.
            return indentJson(QString::fromUtf8(trimmed));
        }
    }
    if (isJson)
        *isJson = false;
    return LogLineText::toPlainText(bytes);
}

} // namespace dockpulse::ui::LogLineDetail
