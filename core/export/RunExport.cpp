#include "RunExport.h"

#include "CsvFile.h"
#include "LogTimestamp.h"
#include "RecordCsvStream.h"

#include <QDir>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace dockpulse::csv {

namespace {

void isoTime(CsvWriter& out, qint64 wallMs)
{
    out.formattedFields(docker::formatIsoMillis(wallMs));
}

// tasks.csv's times: 0 is "never".
void optionalTime(CsvWriter& out, qint64 wallMs)
{
    if (wallMs == 0)
        out.field(QByteArrayView());
    else
        isoTime(out, wallMs);
}

template <typename Record>
QString writeCsv(const QString& path, const QList<Record>& records, bool rawMode)
{
    RecordCsvStream<Record> file(path, rawMode);
    if (!file.open())
        return file.errorString();
    for (const Record& record : records)
        file.append(record); // after a failure, the rest is dropped and commit() reports it
    return file.commit() ? QString() : file.errorString();
}

} // namespace

QString csvFileName(CsvKind kind)
{
    switch (kind) {
    case CsvKind::Tasks:
        return u"tasks.csv"_s;
    case CsvKind::Heartbeats:
        return u"heartbeats.csv"_s;
    case CsvKind::Events:
        return u"events.csv"_s;
    case CsvKind::Metrics:
        return u"metrics.csv"_s;
    case CsvKind::Logs:
        return u"logs.csv"_s;
    }
    return u"logs.csv"_s;
}

QByteArrayView csvHeader(CsvKind kind)
{
    switch (kind) {
    case CsvKind::Tasks:
        return "task,host,container_id,container_name,state,started_at,last_heartbeat_at,heartbeat_age_ms,"
               "heartbeats,rotations,lines,bytes,errors,last_error";
    case CsvKind::Heartbeats:
        return "time,task,source,age_before_ms,container_name";
    case CsvKind::Events:
        return "time,task,event,detail,container_name";
    case CsvKind::Metrics:
        return "time,threads,readers,monitored,max_heartbeat_age_ms,late_readers";
    case CsvKind::Logs:
        return "time,host,container_name,stream,message,continued,escaped";
    }
    return {};
}

void writeRow(CsvWriter& out, const monitor::TaskSnapshot& t)
{
    out.field(t.task);
    out.field(t.host);
    out.field(t.containerId);
    out.guardedField(t.containerName);
    out.field(monitor::taskStateName(t.state));
    optionalTime(out, t.startedAtMs);
    optionalTime(out, t.lastHeartbeatAtMs);
    out.integer(t.heartbeatAgeMs);
    out.integer(t.heartbeats);
    out.integer(t.rotations);
    out.integer(t.lines);
    out.integer(t.bytes);
    out.integer(t.errors);
    out.guardedField(t.lastError);
}

void writeRow(CsvWriter& out, const monitor::HeartbeatRecord& h)
{
    isoTime(out, h.wallMs);
    out.field(h.task);
    out.field(monitor::heartbeatSourceName(h.source));
    out.integer(h.ageBeforeMs);
    out.guardedField(h.containerName);
}

void writeRow(CsvWriter& out, const monitor::TaskEventRecord& e)
{
    isoTime(out, e.wallMs);
    out.field(e.task);
    out.field(e.event);
    out.guardedField(e.detail);
    out.guardedField(e.containerName);
}

void writeRow(CsvWriter& out, const monitor::MetricSample& m)
{
    isoTime(out, m.wallMs);
    out.integer(m.threads);
    out.integer(m.readers);
    out.integer(m.monitored);
    out.integer(m.maxHeartbeatAgeMs);
    out.integer(m.lateReaders);
}

QString writeTasksCsv(const QString& path, const QList<monitor::TaskSnapshot>& tasks, bool rawMode)
{
    return writeCsv(path, tasks, rawMode);
}

QString writeHeartbeatsCsv(const QString& path, const QList<monitor::HeartbeatRecord>& heartbeats,
                           bool rawMode)
{
    return writeCsv(path, heartbeats, rawMode);
}

QString writeEventsCsv(const QString& path, const QList<monitor::TaskEventRecord>& events, bool rawMode)
{
    return writeCsv(path, events, rawMode);
}

QString writeMetricsCsv(const QString& path, const QList<monitor::MetricSample>& metrics, bool rawMode)
{
    return writeCsv(path, metrics, rawMode);
}

QString exportRun(const QString& dir, const QList<monitor::TaskSnapshot>& tasks,
                  const QList<monitor::HeartbeatRecord>& heartbeats,
                  const QList<monitor::TaskEventRecord>& events, const QList<monitor::MetricSample>& metrics,
                  bool rawMode)
{
    if (QString error = makeFolder(dir); !error.isEmpty())
        return error;
    const QDir folder(dir);
    QStringList errors;
    const auto keep = [&errors](const QString& error) {
        if (!error.isEmpty())
            errors.append(error);
    };
    keep(writeTasksCsv(folder.filePath(csvFileName(CsvKind::Tasks)), tasks, rawMode));
    keep(writeHeartbeatsCsv(folder.filePath(csvFileName(CsvKind::Heartbeats)), heartbeats, rawMode));
    keep(writeEventsCsv(folder.filePath(csvFileName(CsvKind::Events)), events, rawMode));
    keep(writeMetricsCsv(folder.filePath(csvFileName(CsvKind::Metrics)), metrics, rawMode));
    return errors.join(u'\n');
}

} // namespace dockpulse::csv
