#include "TaskSummary.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace dockpulse::history {

namespace {

// The state an event leaves its task in, as the monitor and the task manager set it; none for
// an event that does not change it.
std::optional<monitor::TaskState> stateAfter(const QString& event)
{
    using monitor::TaskState;
    if (event == u"started"_s)
        return TaskState::Starting;
    if (event == u"stream_opened"_s || event == u"resumed"_s || event == u"container_started"_s)
        return TaskState::Streaming;
    if (event == u"stalled"_s)
        return TaskState::Stalled;
    if (event == u"container_exited"_s)
        return TaskState::Exited;
    if (event == u"stopped"_s || event == u"container_removed"_s)
        return TaskState::Stopped;
    if (event == u"heartbeat_timeout"_s)
        return TaskState::TimedOut;
    return std::nullopt;
}

} // namespace

TaskSummary::Entry* TaskSummary::entry(const QString& task)
{
    const auto found = m_index.constFind(task);
    return found == m_index.cend() ? nullptr : &m_entries[*found];
}

void TaskSummary::addTask(const QString& task, const QString& host, const QString& containerId,
                          const QString& containerName)
{
    if (entry(task))
        return;
    Entry e;
    e.snapshot.task = task;
    e.snapshot.host = host;
    e.snapshot.containerId = containerId;
    e.snapshot.containerName = containerName;
    m_index.insert(task, m_entries.size());
    m_entries.append(e);
}

void TaskSummary::addEvent(const monitor::TaskEventRecord& event)
{
    Entry* e = entry(event.task);
    if (!e)
        return;
    monitor::TaskSnapshot& s = e->snapshot;
    if (event.event == u"started"_s && s.startedAtMs == 0)
        s.startedAtMs = event.wallMs;
    if (event.event == u"rotated"_s)
        ++s.rotations;
    if (event.event == u"error"_s || event.event == u"stalled"_s || event.event == u"gap"_s) {
        ++s.errors;
        s.lastError = event.detail;
    }
    if (const auto state = stateAfter(event.event)) {
        s.state = *state;
        if (*state == monitor::TaskState::TimedOut)
            s.lastError = event.detail;
    }
    if (!event.containerName.isEmpty())
        s.containerName = event.containerName;
    e->recorded = true;
    e->lastRecordMs = std::max(e->lastRecordMs, event.wallMs);
}

void TaskSummary::addHeartbeat(const monitor::HeartbeatRecord& heartbeat)
{
    Entry* e = entry(heartbeat.task);
    if (!e)
        return;
    ++e->snapshot.heartbeats;
    e->snapshot.lastHeartbeatAtMs = std::max(e->snapshot.lastHeartbeatAtMs, heartbeat.wallMs);
    e->recorded = true;
    e->lastRecordMs = std::max(e->lastRecordMs, heartbeat.wallMs);
}

void TaskSummary::addLines(const QString& task, qint64 lines, qint64 bytes)
{
    Entry* e = entry(task);
    if (!e || lines == 0)
        return;
    e->snapshot.lines += lines;
    e->snapshot.bytes += bytes;
    e->recorded = true;
}

QList<monitor::TaskSnapshot> TaskSummary::tasks() const
{
    QList<monitor::TaskSnapshot> tasks;
    for (const Entry& e : m_entries) {
        if (!e.recorded)
            continue;
        monitor::TaskSnapshot s = e.snapshot;
        // The age at the task's last record in the stretch: how stale its heartbeat was when the
        // history of it ends.
        if (s.lastHeartbeatAtMs != 0)
            s.heartbeatAgeMs = std::max<qint64>(0, e.lastRecordMs - s.lastHeartbeatAtMs);
        tasks.append(s);
    }
    return tasks;
}

} // namespace dockpulse::history
