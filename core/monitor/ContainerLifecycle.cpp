#include "ContainerMonitor.h"

using namespace Qt::StringLiterals;

// ContainerMonitor: what the engine's events stream and the end of a stream say about the
// container's life (started, died, removed, renamed, exited), beside the streams in
// ContainerMonitor.cpp.
namespace dockpulse::monitor {

void ContainerMonitor::containerDied()
{
    if (m_phase != Phase::Idle && m_phase != Phase::Done && m_phase != Phase::WaitingStart)
        m_diedUnrecorded = true;
}

void ContainerMonitor::containerStarted()
{
    if (m_diedUnrecorded && m_phase != Phase::Done && m_phase != Phase::WaitingStart) {
        // docker restart: it stopped and started again before our stream saw it stopped.
        m_diedUnrecorded = false;
        record(u"container_exited"_s, u"restarted"_s);
        record(u"container_started"_s);
    }
    switch (m_phase) {
    case Phase::WaitingStart:
        // Read from the cursor: the new run's lines, or (if it stopped again already) what it
        // wrote before stopping, then EOF.
        record(u"container_started"_s);
        resetBackoff();
        openStream();
        break;
    case Phase::Inspecting:
        m_startedMeanwhile = true;
        break;
    case Phase::Reading:
        // The last read of a stopped container may already have passed what this run writes.
        if (m_finalRead)
            m_startedMeanwhile = true;
        break;
    case Phase::WaitingRetry:
        m_retry.stop();
        retryNow();
        break;
    default:
        break;
    }
}

void ContainerMonitor::containerRemoved()
{
    if (m_phase == Phase::Done)
        return;
    // A reader still draining the last lines keeps going; it ends at EOF or with a 404.
    if (m_reader && m_phase == Phase::Reading) {
        m_removed = true;
        return;
    }
    drainAssembler();
    finishWith(TaskState::Stopped, u"container_removed"_s, {}, true);
}

void ContainerMonitor::containerRenamed(const QString& newName)
{
    if (newName.isEmpty() || newName == m_config.containerName)
        return;
    m_lines.flush(); // lines so far belong to the old name
    record(u"container_renamed"_s, m_config.containerName + u" -> "_s + newName);
    m_config.containerName = newName;
}

void ContainerMonitor::exited(const QString& detail)
{
    if (m_startedMeanwhile) {
        // It ran again while we looked: read whatever that run wrote.
        m_startedMeanwhile = false;
        openStream();
        return;
    }
    waitForStart(detail);
}

void ContainerMonitor::waitForStart(const QString& detail)
{
    if (!enter(Phase::WaitingStart))
        return;
    m_diedUnrecorded = false; // its exit is recorded now
    // The container is gone: a line it left unfinished will not be completed.
    drainAssembler();
    record(u"container_exited"_s, detail);
    setState(TaskState::Exited);
}

} // namespace dockpulse::monitor
