#pragma once

#include "TimeRange.h"

#include "StoreReader.h"

#include <QList>
#include <QString>

namespace dockpulse::history {

struct HistoryExportResult
{
    QString error; // empty on success; else one message per failed file or read, one per line
    qint64 lines = 0;
    qint64 events = 0;
    qint64 heartbeats = 0;
    qint64 tasks = 0;
    qint64 samples = 0; // metrics.csv's rows
};

// `dockpulse export`: the five CSV files of CONTRACT.md for the containers' history within the
// range, written into dir (created if missing) exactly as a run's export writes them: logs.csv
// through LogsCsvWriter (rows in time order across containers), events.csv and heartbeats.csv
// in the order they were stored, tasks.csv rebuilt per task (TaskSummary), metrics.csv the
// process's samples of the stretch (whichever containers were chosen: they describe the whole
// run; a store before schema version 3 has none). allContainers: no -m was given, so
// records that belong to no container are exported too.
HistoryExportResult exportHistory(store::StoreReader& reader, const QList<store::StoredContainer>& containers,
                                  bool allContainers, const TimeRange& range, const QString& dir,
                                  bool rawMode);

} // namespace dockpulse::history
