#pragma once

#include "BoundedHistory.h"
#include "Records.h"

#include <QHash>
#include <QList>
#include <QString>

namespace dockpulse::ui {

// What the live charts draw from: the newest metrics samples, each task's heartbeat ages and the
// newest heartbeats, all in bounded rings so that a dashboard left open for days keeps flat
// memory. The charts show at most the last 60 minutes; the caps hold that at the default sample
// period (faster sampling shortens what the 60-minute window can show, never the memory bound).
class ChartHistory
{
public:
    static constexpr qsizetype kSampleCap = 3'600;     // 60 min at 1 sample/s (--sample-every 1000)
    static constexpr qsizetype kHeartbeatCap = 50'000; // ~60 min of 200 tasks beating twice per 30 s
    static constexpr qsizetype kTaskCap = 200;         // age lines and timeline rows kept at once

    struct Counts
    {
        qint64 wallMs = 0;
        int threads = 0;
        int readers = 0;
        int monitored = 0;
    };
    struct Age
    {
        qint64 wallMs = 0;
        qint64 ageMs = 0;
    };
    // A task the charts know of: seen in a sample's ages or in a heartbeat still kept.
    struct Task
    {
        QString name;
        qint64 ordinal = 0; // order of first sight: stable colours and rows
        qint64 lastSeenMs = 0;
        qsizetype heartbeatsKept = 0;
        telemetry::BoundedHistory<Age> ages{kSampleCap};
    };

    explicit ChartHistory(qsizetype sampleCap = kSampleCap, qsizetype heartbeatCap = kHeartbeatCap,
                          qsizetype taskCap = kTaskCap);

    void addSample(const monitor::MetricSample& sample);
    void addHeartbeat(const monitor::HeartbeatRecord& heartbeat);

    const telemetry::BoundedHistory<Counts>& counts() const { return m_counts; }
    const telemetry::BoundedHistory<monitor::HeartbeatRecord>& heartbeats() const { return m_heartbeats; }
    // Known tasks in order of first sight.
    QList<const Task*> tasks() const;
    const Task* task(const QString& name) const;
    qsizetype taskCount() const { return m_tasks.size(); }
    qsizetype sampleCap() const { return m_counts.capacity(); }
    qsizetype heartbeatCap() const { return m_heartbeats.capacity(); }
    qsizetype taskCap() const { return m_taskCap; }
    // The newest wall time fed (0 before any data): the right edge of the charts' window.
    qint64 latestMs() const { return m_latestMs; }
    // What to call a task on screen (its container's name); the task name when unknown.
    void setLabels(QHash<QString, QString> labels) { m_labels = std::move(labels); }
    QString label(const QString& task) const { return m_labels.value(task, task); }

private:
    Task& touch(const QString& name, qint64 wallMs);
    void prune();

    telemetry::BoundedHistory<Counts> m_counts;
    telemetry::BoundedHistory<monitor::HeartbeatRecord> m_heartbeats;
    QHash<QString, Task> m_tasks;
    QHash<QString, QString> m_labels;
    qsizetype m_taskCap;
    qsizetype m_sampleCap;
    qint64 m_nextOrdinal = 0;
    qint64 m_latestMs = 0;
};

} // namespace dockpulse::ui
