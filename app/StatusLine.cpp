#include "StatusLine.h"

#include <QLocale>
#include <QMap>

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

QString formatStatusLine(const QList<monitor::TaskSnapshot>& tasks, const monitor::MetricSample& sample)
{
    QMap<QString, int> byState;
    qint64 lines = 0;
    for (const monitor::TaskSnapshot& t : tasks) {
        ++byState[monitor::taskStateName(t.state)];
        lines += t.lines;
    }
    QStringList states;
    for (auto it = byState.cbegin(); it != byState.cend(); ++it)
        states << u"%1 %2"_s.arg(it.value()).arg(it.key());
    const QLocale c = QLocale::c();
    QString line = u"dockpulse: %1 task%2"_s.arg(tasks.size()).arg(tasks.size() == 1 ? u""_s : u"s"_s);
    if (!states.isEmpty())
        line += u" ("_s + states.join(u", "_s) + u')';
    line += u" | %1 lines | max heartbeat age %2 s | readers %3 | threads %4"_s.arg(c.toString(lines))
                .arg(double(sample.maxHeartbeatAgeMs) / 1000.0, 0, 'f', 1)
                .arg(sample.readers)
                .arg(sample.threads);
    return line;
}

QString terminalSafe(const QString& message)
{
    QString out;
    out.reserve(message.size());
    for (const QChar c : message) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t' && u != u'\n') || (u >= 0x7f && u <= 0x9f))
            out += u"\\x%1"_s.arg(uint(u), 2, 16, QChar(u'0'));
        else
            out += c;
    }
    return out;
}

} // namespace dockpulse::cli
