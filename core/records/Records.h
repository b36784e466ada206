#pragma once

#include "TaskState.h"

#include <QList>
#include <QString>

namespace dockpulse::monitor {

// What the monitor records as it runs: the rows of the exported CSV files and the data behind
// the dashboard's tables and charts. Wall times are milliseconds since the epoch (UTC).

// heartbeats.csv: time,task,source,age_before_ms,container_name
struct HeartbeatRecord
{
    qint64 wallMs = 0;
    qint64 steadyNs = 0; // the steady clock where the beat happened
    QString task;
    HeartbeatSource source = HeartbeatSource::Ticker;
    qint64 ageBeforeMs = 0; // the heartbeat age just before this beat
    QString containerName;  // the container's name at that moment
};

// events.csv: time,task,event,detail,container_name
struct TaskEventRecord
{
    qint64 wallMs = 0;
    QString task;
    QString event;         // started, stream_opened, rotated, safety_net, stalled, resumed, ...
    QString detail;        // may quote container-controlled text
    QString containerName; // the container's name at that moment
};

// metrics.csv: time,threads,readers,monitored,max_heartbeat_age_ms
struct MetricSample
{
    struct TaskAge
    {
        QString task;
        qint64 ageMs = 0;
    };
    qint64 wallMs = 0;
    int threads = 0;   // OS threads of the process, as the kernel counts them
    int readers = 0;   // log readers alive
    int monitored = 0; // tasks not stopped, timed out or failed
    qint64 maxHeartbeatAgeMs = 0;
    int lateReaders = 0; // readers started after their task ended, since start-up (a bug if > 0)
    QList<TaskAge> ages; // each monitored task's heartbeat age (the dashboard's sawtooth); live
                         // samples only: RunHistory keeps samples without them
};

// tasks.csv: task,host,container_id,container_name,state,started_at,last_heartbeat_at,
// heartbeat_age_ms,heartbeats,rotations,lines,bytes,errors,last_error
struct TaskSnapshot
{
    QString task;
    QString host;
    QString containerId;
    QString containerName;
    TaskState state = TaskState::Starting;
    qint64 startedAtMs = 0;
    qint64 lastHeartbeatAtMs = 0;
    qint64 heartbeatAgeMs = 0;
    qint64 heartbeats = 0;
    qint64 rotations = 0;
    qint64 lines = 0;
    qint64 bytes = 0;
    qint64 errors = 0;
    QString lastError;
};

} // namespace dockpulse::monitor
