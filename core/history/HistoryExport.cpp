#include "HistoryExport.h"

#include "ContainerSelection.h"
#include "RangeLineReader.h"
#include "TaskSummary.h"

#include "LogsCsvWriter.h"
#include "RunExport.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace dockpulse::history {

namespace {

// Every line of the containers within the range into logs.csv; counts each task's lines and bytes.
QString exportLines(store::StoreReader& reader, const QList<store::StoredContainer>& containers,
                    const TimeRange& range, const QString& dir, bool rawMode, TaskSummary& summary,
                    qint64& exported)
{
    csv::LogsCsvWriter logs(rawMode);
    if (!logs.open(dir))
        return logs.errorString();
    for (const store::StoredContainer& c : containers) {
        auto lines = RangeLineReader::open(reader, c.ref, range);
        if (!lines)
            return lines.error().message;
        const QString task = store::taskNameOf(c.ref);
        for (;;) {
            auto page = lines.value().next();
            if (!page)
                return page.error().message;
            if (page.value().isEmpty())
                break;
            docker::LogBatch batch;
            qint64 bytes = 0;
            for (const store::StoredLine& l : std::as_const(page.value())) {
                batch.append(l.timestampNs, l.stream, l.bytes, l.piece);
                bytes += l.bytes.size();
            }
            logs.append(c.ref.host, c.name, batch, task);
            summary.addLines(task, batch.size(), bytes);
            if (logs.hasError())
                return logs.errorString();
        }
    }
    if (!logs.commit())
        return logs.errorString();
    exported = logs.rows();
    return {};
}

} // namespace

HistoryExportResult exportHistory(store::StoreReader& reader, const QList<store::StoredContainer>& containers,
                                  bool allContainers, const TimeRange& range, const QString& dir,
                                  bool rawMode)
{
    HistoryExportResult result;
    QSet<QString> chosen;
    TaskSummary summary;
    for (const store::StoredContainer& c : containers) {
        chosen.insert(c.ref.host + u'\n' + c.ref.containerId);
        summary.addTask(store::taskNameOf(c.ref), c.ref.host, c.ref.containerId, c.name);
    }
    const auto wanted = [&](const store::ContainerRef& ref) {
        return ref.containerId.isEmpty() ? allContainers
                                         : chosen.contains(ref.host + u'\n' + ref.containerId);
    };

    auto storedEvents = reader.events(range.sinceMs(), range.untilMs());
    auto storedBeats = reader.heartbeats(range.sinceMs(), range.untilMs());
    auto samples = reader.samples(range.sinceMs(), range.untilMs());
    if (!storedEvents || !storedBeats || !samples) {
        result.error = (!storedEvents  ? storedEvents.error()
                        : !storedBeats ? storedBeats.error()
                                       : samples.error())
                           .message;
        return result;
    }
    QList<monitor::TaskEventRecord> events;
    for (const store::StoredEvent& e : std::as_const(storedEvents.value())) {
        if (wanted(e.container)) {
            events.append(e.record);
            summary.addEvent(e.record);
        }
    }
    QList<monitor::HeartbeatRecord> heartbeats;
    for (const store::StoredHeartbeat& h : std::as_const(storedBeats.value())) {
        if (wanted(h.container)) {
            heartbeats.append(h.record);
            summary.addHeartbeat(h.record);
        }
    }

    QStringList errors;
    if (const QString error = exportLines(reader, containers, range, dir, rawMode, summary, result.lines);
        !error.isEmpty())
        errors << error;
    const QList<monitor::TaskSnapshot> tasks = summary.tasks();
    if (const QString error = csv::exportRun(dir, tasks, heartbeats, events, *samples, rawMode);
        !error.isEmpty())
        errors << error;
    result.error = errors.join(u'\n');
    result.events = events.size();
    result.heartbeats = heartbeats.size();
    result.tasks = tasks.size();
    result.samples = samples->size();
    return result;
}

} // namespace dockpulse::history
