#pragma once

// Builders of the records the charts are fed, shared by the chart tests.
#include "Records.h"

#include <QDateTime>
#include <QStringList>
#include <QTimeZone>

namespace dockpulse::testdata {

// 2025-11-07 11:05:00 UTC, the seed's Diagram 4 start.
inline const qint64 kT0 = QDateTime(QDate(2025, 11, 7), QTime(11, 5), Qt::UTC).toMSecsSinceEpoch();

inline monitor::MetricSample sample(qint64 wallMs, int threads, int readers, int monitored,
                                    const QStringList& tasks = {}, qint64 age = 0)
{
    monitor::MetricSample s;
    s.wallMs = wallMs;
    s.threads = threads;
    s.readers = readers;
    s.monitored = monitored;
    for (const QString& t : tasks)
        s.ages.append({t, age});
    return s;
}

inline monitor::HeartbeatRecord beat(qint64 wallMs, const QString& task, monitor::HeartbeatSource source,
                                     qint64 ageBeforeMs = 30'000)
{
    return {wallMs, 0, task, source, ageBeforeMs, {}};
}

} // namespace dockpulse::testdata
