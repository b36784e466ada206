#include "DashboardExport.h"

#include "LogStore.h"
#include "LogsCsvWriter.h"
#include "RunExport.h"

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

QString exportDashboard(const QString& dir, monitor::MonitorEngine& engine, const LogStore& logs, bool rawMode)
{
    csv::LogsCsvWriter writer(rawMode);
    if (!writer.open(dir))
        return writer.errorString();
    for (const monitor::TaskSnapshot& task : engine.tasks().snapshots())
        logs.forEachBatch(task.task, [&](const QString& containerName, const docker::LogBatch& batch) {
            writer.append(task.host, containerName, batch);
        });
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
