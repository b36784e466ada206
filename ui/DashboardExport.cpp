#include "DashboardExport.h"

#include "LogStore.h"
#include "LogsCsvWriter.h"
#include "RunExport.h"
#include "TaskLogBuffer.h"

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

QString exportDashboard(const QString& dir, monitor::MonitorEngine& engine, const LogStore& logs,
                        bool rawMode)
{
    csv::LogsCsvWriter writer(rawMode);
    if (!writer.open(dir))
        return writer.errorString();
    // The retained lines of each task, in batches of at most kBatch lines.
    constexpr qint64 kBatch = 4096;
    for (const monitor::TaskSnapshot& task : engine.tasks().snapshots()) {
        const TaskLogBuffer* buffer = logs.buffer(task.task);
        if (!buffer)
            continue;
        docker::LogBatch batch;
        for (qint64 i = buffer->firstIndex(); i < buffer->endIndex(); ++i) {
            const TaskLogBuffer::Line line = buffer->line(i);
            batch.append(line.timestampNs, line.stream, line.bytes);
            if (batch.size() == kBatch || i + 1 == buffer->endIndex()) {
                writer.append(task.host, buffer->containerName(), batch);
                batch.clear();
            }
        }
    }
    QStringList errors;
    if (!writer.commit())
        errors << writer.errorString();
    const telemetry::RunHistory& h = engine.history();
    const QString other = csv::exportRun(dir, engine.tasks().snapshots(), h.heartbeats().toList(),
                                         h.events().toList(), h.metrics().toList(), rawMode);
    if (!other.isEmpty())
        errors << other;
    return errors.join(u'\n');
}

} // namespace dockpulse::ui
