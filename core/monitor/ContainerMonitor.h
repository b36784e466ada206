#pragma once

#include "DockerClient.h"
#include "EngineClock.h"
#include "LineCoalescer.h"
#include "LogBatch.h"
#include "LogCursor.h"
#include "LogLineAssembler.h"
#include "LogReader.h"
#include "MonitorSettings.h"
#include "Records.h"
#include "ResumePoint.h"
#include "StreamProgress.h"
#include "TaskLiveness.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

namespace dockpulse::monitor {

// One monitored container: the seed's monitorContainer() loop as an event-driven object living
// in a worker thread. It inspects the container, reads its log in short-lived streams that end
// at the read deadline and rotate (continuing exactly from the cursor), sends heartbeats by the
// chosen strategy, follows the container through exits, restarts and removal, and retries with
// bounded backoff while the engine does not answer.
//
// Public slots are called through queued invocations from the owner's thread; signals reach
// the owner queued. The task's start counts as its first heartbeat (the liveness is created
// with it).
//
// Its life is a state machine (Phase): Idle -> Inspecting -> Reading -> (rotations) ... ->
// Done. Every transition goes through enter(), which refuses to leave Done: once finished() is
// emitted, no stream opens and nothing more is reported. A reader is always detached (its
// signals disconnected, its consumer callbacks ignored) before it is stopped, so a stop can
// never be mistaken for the end of a stream that should rotate.
class ContainerMonitor : public QObject, private LogStreamConsumer
{
    Q_OBJECT
public:
    struct Config
    {
        docker::Endpoint endpoint;
        std::optional<docker::ApiVersion> apiVersion;
        QString task;
        QString containerId;
        QString containerName;
        MonitorSettings settings;
        std::shared_ptr<TaskLiveness> liveness;
        std::shared_ptr<const EngineClock> clock; // the engine's clock; may be null or unknown
        // Each batch carries the resume point that follows it (the store commits the two together).
        bool resumePoints = false;
    };

    // API calls (inspect) wait at least this long: a busy engine with hundreds of tasks starting
    // answers slowly, and a short read deadline must not turn that into a stall.
    static constexpr qint64 kMinRequestTimeoutMs = 3000;
    // Read deadlines without a new line, while the engine has lines after the cursor, before the
    // cursor counts as stuck (an error and a stalled task, never silence).
    static constexpr int kStuckDeadlines = 3;

    explicit ContainerMonitor(Config config);
    ~ContainerMonitor() override;

    TaskState state() const { return m_state; }

    // Begins monitoring, continuing from resumeFrom when the container was monitored before
    // (its cursor, kept by the task manager or the store; a line the cursor took and the last
    // run had not finished is completed): no line already delivered is read again. Does nothing
    // once stopped.
    void start(const std::optional<dockpulse::monitor::ResumePoint>& resumeFrom = std::nullopt);

public Q_SLOTS:
    // Ends monitoring for good: the user stopped the task (Stopped), or the task manager
    // cancelled it (finalState TimedOut). Emits finished().
    void stop(dockpulse::monitor::TaskState finalState, const QString& reason);
    // The run ends: like stop(Stopped), except that the task of a container that is not running
    // (and whose lines are all read) ends `exited`.
    void endRun(const QString& reason);
    // New timings take effect at once: the current stream ends as a rotation and the next one
    // opens with the new settings, continuing from the cursor.
    void applySettings(const dockpulse::monitor::MonitorSettings& settings);
    // Lifecycle news from the engine's events stream.
    void containerStarted();
    // The container's process ended (a `die` event): recorded as container_exited if the
    // container runs again before this monitor saw it stopped (docker restart).
    void containerDied();
    void containerRemoved();
    void containerRenamed(const QString& newName);

Q_SIGNALS:
    // resume: with Config::resumePoints, ResumePoint::save() of the point right after this batch
    // (where the next run starts if this batch is the last one kept); else empty.
    void linesReady(const QString& task, const QString& containerName,
                    const dockpulse::docker::LogBatch& batch, const QByteArray& resume);
    void stateChanged(const QString& task, dockpulse::monitor::TaskState state, const QString& detail);
    void taskEvent(const dockpulse::monitor::TaskEventRecord& record);
    void heartbeat(const dockpulse::monitor::HeartbeatRecord& record);
    // Monitoring has ended (stopped, removed, timed out or failed): no reader, no ticker, and
    // nothing more from this monitor. cursor: where the container's log was read up to, for a
    // later task of the same container; containerRemoved: the container is gone for good.
    void finished(const dockpulse::monitor::LogCursor& cursor, bool containerRemoved);

private:
    enum class Phase
    {
        Idle,
        Inspecting,
        Reading,
        WaitingRetry,
        WaitingStart,
        Done
    };

    // LogStreamConsumer
    void onLogMessage(const docker::LogMessage& message) override;
    void onDaemonError(QByteArrayView message) override;
    void onChunkDecoded() override;

    // afterEof: the last stream ended because the container stopped.
    // The only way the phase changes; false (and no change) once Done.
    bool enter(Phase next);
    // The task manager has already ended the task (its cleanup timed it out and the stop is on
    // the way): then nothing new may begin. Finishes and returns true in that case.
    bool endedElsewhere();
    // Disconnects the current reader and stops it: none of its callbacks reach us any more.
    void endReader();
    // Ends the current stream on purpose (new settings, a tail window too short) and opens the
    // next one at once from the cursor.
    void restartStream(const QString& event, const QString& detail);
    // The same as a stream_retried, queued: called from inside the reader's decoding.
    void retryStreamSoon(const QString& detail);
    void inspect(bool afterEof = false);
    void onInspected(const docker::EngineResult<docker::ContainerDetails>& result, bool afterEof);
    void openStream();
    void onStreamOpened();
    void onStreamEnded(LogReader::EndReason reason, const docker::EngineError& error);
    // Bookkeeping once a stream is over, however it ended.
    void afterStream();
    void exited(const QString& detail);
    // Exited (detail: why, if not plain EOF): waits for a start or destroy event.
    void waitForStart(const QString& detail);
    // The engine is not answering: stalled, retried with backoff.
    void scheduleRetry(const docker::EngineError& error);
    // The engine answers but the stream ended at once: retried with backoff, not stalled.
    void reopenAfterBackoff();
    // Waits the backoff (with jitter), then inspects again; returns the wait.
    qint64 startRetryTimer();
    void retryNow();
    // The backoff starts over (a stream did its job, or the container started).
    void resetBackoff();
    void finishWith(TaskState state, const QString& event, const QString& detail, bool removed = false);
    // The container is gone (a 404, or its destroy event seen): the task ends `stopped`.
    void finishRemoved(const QString& detail);
    void drainAssembler();
    // The coalescer's sink: a batch, with its resume point when asked for.
    void deliver(const docker::LogBatch& batch);
    void beat(HeartbeatSource source);
    void setState(TaskState state, const QString& detail = {});
    void record(const QString& event, const QString& detail = {});
    void restartTicker();
    // Bookkeeping of the stream that ended: the reopen backoff, a cursor that does not advance.
    void checkProgress(bool wasOpen, bool lastedDeadline);

    Config m_config;
    docker::DockerClient* m_client = nullptr; // child
    LogReader* m_reader = nullptr;            // child; the current stream, if any
    LogCursor m_cursor;
    docker::LogLineAssembler m_assembler{false, m_config.settings.maxLineBytes};
    LineCoalescer m_lines{this, [this](const docker::LogBatch& batch) {
                              deliver(batch);
                          }};
    // Parented, so that moveToThread() takes them along to the worker thread.
    QTimer m_ticker{this};
    QTimer m_retry{this};
    qint64 m_backoffMs = 0;
    TaskState m_state = TaskState::Starting;
    Phase m_phase = Phase::Idle;
    bool m_tty = false;
    bool m_haveEngineStart = false;
    bool m_removed = false;          // destroy seen while a reader was still draining
    bool m_startedMeanwhile = false; // a start event arrived while we inspected or did the last read
    bool m_finalRead = false;        // the container stopped: one stream without follow reads its last lines
    bool m_stalled = false;
    bool m_diedUnrecorded = false; // a die event whose container_exited is not recorded yet
    StreamProgress m_progress{kStuckDeadlines * m_config.settings.readDeadlineMs};
    std::optional<qint64> m_streamSince; // the since of the stream being read
};

} // namespace dockpulse::monitor
