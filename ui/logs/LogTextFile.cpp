#include "LogTextFile.h"

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
    std::vector<qint64> next;
    for (const QString& task : tasks)
        if (const TaskLogBuffer* b = store.buffer(task)) {
            buffers.push_back(b);
            next.push_back(b->firstIndex());
        }
    const bool named = buffers.size() > 1;
    qint64 written = 0;
    QByteArray out;
    // k-way merge by arrival order (the store's seq), as the view shows several tasks.
    for (;;) {
        int best = -1;
        qint64 bestSeq = 0;
        for (std::size_t i = 0; i < buffers.size(); ++i) {
            if (next[i] >= buffers[i]->endIndex())
                continue;
            const qint64 seq = buffers[i]->line(next[i]).seq;
            if (best < 0 || seq < bestSeq) {
                best = int(i);
                bestSeq = seq;
            }
        }
        if (best < 0)
            break;
        const TaskLogBuffer& b = *buffers[std::size_t(best)];
        const TaskLogBuffer::Line line = b.line(next[std::size_t(best)]++);
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
