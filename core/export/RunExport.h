#pragma once

#include "CsvWriter.h"
#include "Records.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace dockpulse::csv {

// The five exported files (docs/CONTRACT.md).
enum class CsvKind
{
    Tasks,
    Heartbeats,
    Events,
    Metrics,
    Logs
};

// "tasks.csv", "heartbeats.csv", "events.csv", "metrics.csv", "logs.csv"
QString csvFileName(CsvKind kind);
// The header row exactly as the contract spells it, without its line end (the file has CRLF).
// The one definition that writers and tests compare against.
QByteArrayView csvHeader(CsvKind kind);

// One row of heartbeats.csv, events.csv or metrics.csv (without its line end): the one
// definition of these rows, for whole-run exports and for RecordCsvStream alike.
void writeRow(CsvWriter& out, const monitor::HeartbeatRecord& h);
void writeRow(CsvWriter& out, const monitor::TaskEventRecord& e);
void writeRow(CsvWriter& out, const monitor::MetricSample& m);
void writeRow(CsvWriter& out, const monitor::TaskSnapshot& t);

constexpr CsvKind csvKindOf(const monitor::HeartbeatRecord*)
{
    return CsvKind::Heartbeats;
}
constexpr CsvKind csvKindOf(const monitor::TaskEventRecord*)
{
    return CsvKind::Events;
}
constexpr CsvKind csvKindOf(const monitor::MetricSample*)
{
    return CsvKind::Metrics;
}
constexpr CsvKind csvKindOf(const monitor::TaskSnapshot*)
{
    return CsvKind::Tasks;
}

// Each writes one file safely (temporary name, then rename; see CsvFile) into an existing folder.
// They return empty on success, else a message naming the path and the reason.
// Times are UTC ISO 8601 with milliseconds. In tasks.csv a time of 0 means "never" (no heartbeat
// yet) and is written as an empty field rather than as 1970.
[[nodiscard]] QString writeTasksCsv(const QString& path, const QList<monitor::TaskSnapshot>& tasks,
                                    bool rawMode);
[[nodiscard]] QString writeHeartbeatsCsv(const QString& path,
                                         const QList<monitor::HeartbeatRecord>& heartbeats, bool rawMode);
[[nodiscard]] QString writeEventsCsv(const QString& path, const QList<monitor::TaskEventRecord>& events,
                                     bool rawMode);
[[nodiscard]] QString writeMetricsCsv(const QString& path, const QList<monitor::MetricSample>& metrics,
                                      bool rawMode);

// Creates dir (and its parents) and writes tasks.csv, heartbeats.csv, events.csv and metrics.csv
// into it (logs.csv is LogsCsvWriter's, written during the run). A failed file does not stop
// the others: the result is empty on success, else one message per failure, one per line.
[[nodiscard]] QString exportRun(const QString& dir, const QList<monitor::TaskSnapshot>& tasks,
                                const QList<monitor::HeartbeatRecord>& heartbeats,
                                const QList<monitor::TaskEventRecord>& events,
                                const QList<monitor::MetricSample>& metrics, bool rawMode);

} // namespace dockpulse::csv
