#include "HelpText.h"

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

void appendWrapped(QString& out, const QString& lead, qsizetype indent, const QString& text)
{
    QString line = lead;
    if (line.size() >= indent && !lead.trimmed().isEmpty() && !text.isEmpty()) {
        out += line + u'\n';
        line.clear();
    }
    line = line.leftJustified(indent);
    bool lineHasWord = false;
    for (const QString& word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (lineHasWord && line.size() + 1 + word.size() > kHelpWidth) {
            out += line + u'\n';
            line = QString(indent, u' ');
            lineHasWord = false;
        }
        line += (lineHasWord ? u" "_s : QString()) + word;
        lineHasWord = true;
    }
    if (!line.trimmed().isEmpty())
        out += line + u'\n';
}

} // namespace dockpulse::cli
