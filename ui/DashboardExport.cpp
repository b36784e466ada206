#include "DashboardExport.h"

#include "LogStore.h"
#include "LogsCsvWriter.h"
#include "RunExport.h"

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

ExportSnapshot snapshotForExport(monitor::MonitorEngine& engine, const LogStore& logs, bool rawMode)
{
    ExportSnapshot out;
    out.rawMode = rawMode;
    out.tasks = engine.tasks().snapshots();
    for (const monitor::TaskSnapshot& task : std::as_const(out.tasks)) {
        if (const TaskLogBuffer* buffer = logs.buffer(task.task)) {
            out.logs.push_back(ExportSnapshot::TaskLogs{task.host, *buffer});
            out.totalLines += buffer->size();
        }
    }
    const telemetry::RunHistory& h = engine.history();
    out.heartbeats = h.heartbeats().toList();
    out.events = h.events().toList();
    out.metrics = h.metrics().toList();
    return out;
}

ExportOutcome writeExport(const QString& dir, const ExportSnapshot& snapshot, ExportControl* control)
{
    ExportOutcome outcome;
    const auto cancelled = [control, &outcome] {
        outcome.cancelled = control && control->cancel.load(std::memory_order_relaxed);
        return outcome.cancelled;
    };
    csv::LogsCsvWriter writer(snapshot.rawMode);
    if (cancelled())
        return outcome;
    if (!writer.open(dir)) {
        outcome.error = writer.errorString();
        return outcome;
    }
    // The retained lines of each task, in batches of at most kBatch lines.
    constexpr qint64 kBatch = 4096;
    qint64 written = 0;
    for (const ExportSnapshot::TaskLogs& task : snapshot.logs) {
        const TaskLogBuffer& buffer = task.lines;
        docker::LogBatch batch;
        qint64 taken = 0;
        for (qint64 i = buffer.firstIndex(); i < buffer.endIndex(); ++i) {
            const TaskLogBuffer::Line line = buffer.line(i);
            if (!line.separator) // a restart's row in the view, not a log line
                batch.append(line.timestampNs, line.stream, line.bytes, line.piece);
            ++taken;
            if (batch.size() == kBatch || i + 1 == buffer.endIndex()) {
                if (cancelled()) {
                    writer.cancel(); // its temporary file goes
                    return outcome;
                }
                writer.append(task.host, buffer.containerName(), batch, buffer.task());
                written += taken; // separators too: progress counts what the snapshot holds
                taken = 0;
                if (control)
                    control->linesWritten.store(written, std::memory_order_relaxed);
                batch.clear();
            }
        }
    }
    // The last moment to cancel: past here the files are committed.
    if (cancelled()) {
        writer.cancel();
        return outcome;
    }
    QStringList errors;
    const QString other = csv::exportRun(dir, snapshot.tasks, snapshot.heartbeats, snapshot.events,
                                         snapshot.metrics, snapshot.rawMode);
    if (!writer.commit())
        errors << writer.errorString();
    if (!other.isEmpty())
        errors << other;
    outcome.error = errors.join(u'\n');
    return outcome;
}

QString exportDashboard(const QString& dir, monitor::MonitorEngine& engine, const LogStore& logs,
                        bool rawMode)
{
    return writeExport(dir, snapshotForExport(engine, logs, rawMode), nullptr).error;
}

} // namespace dockpulse::ui
