#include "LogTextFile.h"

#include "KWayHeads.h"
#include "LogLineText.h"
#include "LogStore.h"
#include "LogTimestamp.h"

#include <QSaveFile>

#include <vector>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

QString saveLogsAsText(const LogStore& store, const QStringList& tasks, const QString& path,
                       qint64* linesWritten)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    std::vector<const TaskLogBuffer*> buffers;
    for (const QString& task : tasks)
        if (const TaskLogBuffer* b = store.buffer(task))
            buffers.push_back(b);
    const bool named = buffers.size() > 1;
    qint64 written = 0;
    QByteArray out;
    // k-way merge by arrival order (the store's seq), as the view shows several tasks.
    KWayHeads<qint64> heads;
    heads.reserve(buffers.size());
    for (std::size_t i = 0; i < buffers.size(); ++i)
        if (buffers[i]->size() > 0)
            heads.push({buffers[i]->line(buffers[i]->firstIndex()).seq, int(i), buffers[i]->firstIndex()});
    while (!heads.empty()) {
        auto head = heads.pop();
        const TaskLogBuffer& b = *buffers[std::size_t(head.source)];
        const TaskLogBuffer::Line line = b.line(head.index);
        if (++head.index < b.endIndex()) {
            head.key = b.line(head.index).seq;
            heads.push(head);
        }
        if (line.separator) // a restart's row in the view, not a log line
            continue;
        out += docker::formatRfc3339Nanos(line.timestampNs) + ' ';
        if (named)
            out += b.containerName().toUtf8() + ' ';
        out += line.stream == docker::LogStreamKind::Stderr ? "stderr " : "stdout ";
        out += LogLineText::toPlainText(line.bytes).toUtf8() + '\n';
        ++written;
        if (out.size() > (1 << 20)) {
            if (file.write(out) != out.size())
                return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
            out.clear();
        }
    }
    if (file.write(out) != out.size() || !file.commit())
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    if (linesWritten)
        *linesWritten = written;
    return {};
}

} // namespace dockpulse::ui
