#include "ContainerMonitor.h"

#include "CursorEvents.h"
#include "LogTimestamp.h"

#include <QDateTime>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

using docker::ContainerDetails;
using docker::EngineError;
using docker::EngineResult;

namespace {
// Retries start quickly and back off to at most one read deadline (and never more than 5 s), so
// an engine that answers again is found about as soon as a stream would have rotated.
qint64 initialBackoffMs(const MonitorSettings& s)
{
    return std::clamp<qint64>(s.readDeadlineMs / 10, 50, 1000);
}

qint64 maxBackoffMs(const MonitorSettings& s)
{
    return std::clamp<qint64>(s.readDeadlineMs, 250, 5000);
}

// The container's logging driver keeps nothing the engine can send back (`none`, for one).
bool driverCannotBeRead(const EngineError& error)
{
    return error.isHttp(501) ||
           (error.kind == EngineError::Kind::Http && error.message.contains(u"does not support reading"_s));
}
} // namespace

ContainerMonitor::ContainerMonitor(Config config) : m_config(std::move(config))
{
    m_ticker.setTimerType(Qt::PreciseTimer);
    connect(&m_ticker, &QTimer::timeout, this, [this] { beat(HeartbeatSource::Ticker); });
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ContainerMonitor::retryNow);
}

ContainerMonitor::~ContainerMonitor()
{
    if (m_reader)
        m_reader->disconnect(this);
}

bool ContainerMonitor::enter(Phase next)
{
    if (m_phase == Phase::Done)
        return false;
    m_phase = next;
    return true;
}

bool ContainerMonitor::endedElsewhere()
{
    if (m_phase == Phase::Done || !m_config.liveness->hasEnded())
        return false;
    // Only the task manager's cleanup ends a task from outside (a timeout); its stop() follows.
    endReader();
    drainAssembler();
    finishWith(TaskState::TimedOut, {}, {});
    return true;
}

void ContainerMonitor::endReader()
{
    LogReader* reader = std::exchange(m_reader, nullptr);
    if (!reader)
        return;
    reader->disconnect(this);
    reader->stop();
    reader->deleteLater();
}

void ContainerMonitor::start(const std::optional<ResumePoint>& resumeFrom)
{
    if (m_phase != Phase::Idle)
        return; // stopped before it began
    // Created here, in the worker thread, so its connections and timers live in this thread.
    m_client = new docker::DockerClient(m_config.endpoint, this);
    if (m_config.apiVersion)
        m_client->setApiVersion(*m_config.apiVersion);
    // API calls never wait longer than a read deadline would (at least a second).
    m_client->setRequestTimeout(
        int(std::max<qint64>(kMinRequestTimeoutMs, m_config.settings.readDeadlineMs)));
    const bool resumed = resumeFrom && resumeFrom->cursor.hasOpened();
    if (resumed) {
        // Monitored before: continue where that task's last stream ended (its tail, its start).
        m_cursor = resumeFrom->cursor;
        resumeFrom->holdIn(m_assembler);
        m_haveEngineStart = true;
    } else {
        m_cursor.setTailLimited(m_config.settings.tail >= 0);
    }
    resetBackoff();
    record(u"started"_s, u"container %1 (%2), strategy %3%4"_s.arg(
                             m_config.containerName, m_config.containerId.left(12),
                             strategyName(m_config.settings.strategy),
                             resumed ? u", continuing from its cursor"_s : QString()));
    restartTicker();
    inspect();
}

void ContainerMonitor::restartTicker()
{
    m_ticker.stop();
    if (beatsOnTicker(m_config.settings.strategy))
        m_ticker.start(int(m_config.settings.heartbeatEveryMs));
}

void ContainerMonitor::stop(TaskState finalState, const QString& reason)
{
    if (m_phase == Phase::Done)
        return;
    endReader(); // its end is not a rotation: nothing reopens
    drainAssembler();
    finishWith(finalState, finalState == TaskState::Stopped ? u"stopped"_s : QString(), reason);
}

void ContainerMonitor::endRun(const QString& reason)
{
    if (m_phase == Phase::WaitingStart) {
        // Not running and every line read: the run's end leaves it as it is.
        finishWith(TaskState::Exited, u"stopped"_s, reason);
        return;
    }
    stop(TaskState::Stopped, reason);
}

void ContainerMonitor::restartStream(const QString& event, const QString& detail)
{
    if (m_phase != Phase::Reading || !m_reader)
        return;
    endReader();
    afterStream();
    if (m_progress.windowWasMissed())
        checkProgress(true, false);
    record(event, detail);
    openStream();
}

void ContainerMonitor::applySettings(const MonitorSettings& settings)
{
    if (m_phase == Phase::Done)
        return;
    m_config.settings = settings;
    m_progress.setStuckAfterMs(kStuckDeadlines * settings.readDeadlineMs);
    m_assembler.setMaxLineBytes(settings.maxLineBytes);
    if (m_phase == Phase::Idle)
        return; // start() takes them
    m_client->setRequestTimeout(int(std::max<qint64>(kMinRequestTimeoutMs, settings.readDeadlineMs)));
    restartTicker();
    record(u"settings_applied"_s, u"read deadline %1 ms, strategy %2"_s.arg(settings.readDeadlineMs)
                                      .arg(strategyName(settings.strategy)));
    // End the current stream like a deadline would; the next one opens with the new timings.
    restartStream(u"rotated"_s, u"settings"_s);
}

void ContainerMonitor::inspect(bool afterEof)
{
    if (endedElsewhere() || !enter(Phase::Inspecting))
        return;
    m_client->inspectContainer(m_config.containerId, [this, afterEof](EngineResult<ContainerDetails> r) {
        onInspected(r, afterEof);
    });
}

void ContainerMonitor::onInspected(const EngineResult<ContainerDetails>& result, bool afterEof)
{
    if (m_phase != Phase::Inspecting)
        return;
    if (!result) {
        if (result.error().isHttp(404)) {
            finishRemoved(result.error().message);
            return;
        }
        scheduleRetry(result.error());
        return;
    }
    const ContainerDetails& d = result.value();
    m_tty = d.tty;
    m_assembler.setTty(d.tty);
    if (!d.name.isEmpty() && d.name != m_config.containerName)
        containerRenamed(d.name);

    const bool firstStream = !m_haveEngineStart;
    // In Docker's restart backoff a container is `running` and `restarting`, but its process is
    // gone and every stream ends at once: it is waited for like a stopped one, never polled.
    if (afterEof && (!d.running || d.restarting)) {
        // dockerd (20.10, json-file) can end a follow stream at the container's exit before it
        // sent the last lines written: read once more from the cursor without follow, which
        // returns what the log holds and ends. After that EOF every line is read.
        if (!m_finalRead) {
            m_finalRead = true;
            openStream();
            return;
        }
        m_finalRead = false;
        exited(d.restarting ? u"restarting (its restart policy starts it again)"_s : QString());
        return;
    }
    // A follow stream that ended at once, with nothing new, while the engine says the container
    // runs: reopening at once would make a loop as fast as the engine answers.
    const bool followEndedAtOnce = afterEof && !m_finalRead && m_progress.lastStreamFruitless();
    m_finalRead = false;
    if (followEndedAtOnce) {
        reopenAfterBackoff();
        return;
    }
    if (firstStream && m_config.clock && m_config.clock->isKnown()) {
        // The engine's clock at the first stream: the cursor's start when no line arrives.
        m_cursor.setEngineStartNs(m_config.clock->engineNowNs());
        m_haveEngineStart = true;
    } else if (firstStream) {
        // No offset measured for this engine yet: ask it.
        m_client->systemInfo([this](EngineResult<docker::EngineInfo> t) {
            if (m_phase != Phase::Inspecting)
                return;
            if (!t) {
                scheduleRetry(t.error());
                return;
            }
            m_cursor.setEngineStartNs(t->systemTimeNs);
            m_haveEngineStart = true;
            openStream();
        });
        return;
    }
    openStream();
}

void ContainerMonitor::openStream()
{
    if (endedElsewhere() || !enter(Phase::Reading))
        return;
    LogReader::Options options;
    options.containerId = m_config.containerId;
    options.tty = m_tty;
    options.readDeadlineMs = m_config.settings.readDeadlineMs;
    options.contextTimeoutMs = m_config.settings.contextTimeoutMs;
    options.task = m_config.liveness;
    options.request.follow = !m_finalRead;
    const bool leftOutBefore = m_cursor.tailContextLeftOut();
    const LogCursor::StreamRequest next = m_cursor.beginStream(m_config.settings.tail);
    options.request.sinceNs = next.since;
    options.request.tail = next.tail;
    m_streamSince = next.since;
    m_progress.streamBegan(m_cursor.delivered());
    if (!m_finalRead)
        m_startedMeanwhile = false; // a follow stream reads whatever that run writes
    if (m_cursor.tailContextLeftOut() && !leftOutBefore) {
        record(u"error"_s, u"the first stream ended before its last %1 lines arrived: they are not shown; "
                           u"every line written since the start is"_s.arg(m_config.settings.tail));
    }

    auto* reader = new LogReader(*m_client, options, *this, this);
    m_reader = reader;
    // Only the current reader's news counts (a detached one is also disconnected).
    connect(reader, &LogReader::opened, this, [this, reader] {
        if (reader == m_reader)
            onStreamOpened();
    });
    connect(reader, &LogReader::ended, this,
            [this, reader](LogReader::EndReason reason, const EngineError& error) {
                if (reader == m_reader)
                    onStreamEnded(reason, error);
            });
    reader->start();
}

void ContainerMonitor::onStreamOpened()
{
    m_cursor.streamOpened();
    if (m_stalled) {
        m_stalled = false;
        record(u"resumed"_s);
    }
    const qint64 tail = m_config.settings.tail;
    record(u"stream_opened"_s,
           m_streamSince ? u"since "_s + QString::fromLatin1(docker::formatRfc3339Nanos(*m_streamSince))
                         : u"first stream, tail %1"_s.arg(tail < 0 ? u"all"_s : QString::number(tail)));
    if (!m_progress.stuck())
        setState(TaskState::Streaming);
}

void ContainerMonitor::checkProgress(bool wasOpen, bool lastedDeadline)
{
    const qint64 now = steadyNowNs();
    switch (m_progress.streamEnded(
        {m_cursor.delivered(), wasOpen, m_cursor.repeatsDone(), lastedDeadline, now})) {
    case StreamProgress::Change::None:
        return;
    case StreamProgress::Change::Advances:
        record(u"resumed"_s, u"the cursor advances again"_s);
        setState(TaskState::Streaming);
        return;
    case StreamProgress::Change::Stuck: {
        const QString detail = cursorStuckDetail(m_progress.noProgressForMs(now), m_streamSince);
        record(u"error"_s, detail);
        setState(TaskState::Stalled, detail);
        return;
    }
    }
}

void ContainerMonitor::afterStream()
{
    m_lines.flush();
    if (const auto gap = m_cursor.gap())
        record(u"gap"_s, gapDetail(*gap));
    if (const auto from = m_cursor.replayFromNs())
        record(u"engine_repeat"_s, engineRepeatDetail(m_cursor.replayedLines(), *from));
}

void ContainerMonitor::onStreamEnded(LogReader::EndReason reason, const EngineError& error)
{
    if (m_phase != Phase::Reading || !m_reader)
        return;
    const bool wasOpen = m_reader->hasOpened();
    std::exchange(m_reader, nullptr)->deleteLater();
    afterStream();
    checkProgress(wasOpen, reason == LogReader::EndReason::Deadline);
    if (!m_progress.lastStreamFruitless())
        resetBackoff();

    switch (reason) {
    case LogReader::EndReason::Stopped:
        // Only detached readers are stopped (endReader), and their end never reaches us.
        return;
    case LogReader::EndReason::SafetyNet:
        record(u"safety_net"_s,
               u"the reader had not ended %1 ms after it began"_s.arg(m_config.settings.contextTimeoutMs));
        [[fallthrough]];
    case LogReader::EndReason::Deadline:
        if (!wasOpen) {
            scheduleRetry(error);
            return;
        }
        record(u"rotated"_s, u"deadline"_s);
        if (beatsOnRotation(m_config.settings.strategy))
            beat(HeartbeatSource::Rotation);
        if (m_removed) {
            finishRemoved({});
            return;
        }
        openStream();
        return;
    case LogReader::EndReason::Eof:
        record(u"rotated"_s, u"eof"_s);
        if (m_removed) {
            finishRemoved({});
            return;
        }
        inspect(true); // stopped, or already running again?
        return;
    case LogReader::EndReason::Error:
        if (wasOpen)
            record(u"rotated"_s, u"error"_s);
        if (error.isHttp(404) || (error.isHttp(409) && m_removed)) {
            finishRemoved(error.message);
            return;
        }
        if (error.isHttp(409)) {
            // "dead or marked for removal": the container is going away and its log cannot be
            // read any more. Not an error: wait, as for an exited one, for its destroy event.
            m_finalRead = false;
            waitForStart(error.message);
            return;
        }
        if (driverCannotBeRead(error)) {
            finishWith(TaskState::Failed, u"error"_s, error.toString());
            return;
        }
        scheduleRetry(error);
        return;
    }
}

void ContainerMonitor::scheduleRetry(const EngineError& error)
{
    if (m_phase == Phase::Done)
        return;
    const QString cause = error.isError() ? error.toString() : u"the engine did not answer"_s;
    if (!m_stalled || m_state != TaskState::Stalled) {
        m_stalled = true;
        record(u"stalled"_s, cause);
        setState(TaskState::Stalled, cause);
    }
    startRetryTimer();
}

void ContainerMonitor::reopenAfterBackoff()
{
    if (m_phase == Phase::Done)
        return;
    const qint64 delayMs = startRetryTimer();
    record(u"stream_retried"_s,
           u"the stream ended at once while the container runs; reopening in %1 ms"_s.arg(delayMs));
}

qint64 ContainerMonitor::startRetryTimer()
{
    enter(Phase::WaitingRetry);
    // Jitter, so that many tasks of one engine that stalled together do not retry in step.
    const qint64 delayMs = m_backoffMs * QRandomGenerator::global()->bounded(75, 126) / 100;
    m_retry.start(int(delayMs));
    m_backoffMs = std::min(maxBackoffMs(m_config.settings), m_backoffMs * 2);
    return delayMs;
}

void ContainerMonitor::resetBackoff()
{
    m_backoffMs = initialBackoffMs(m_config.settings);
}

void ContainerMonitor::retryNow()
{
    if (m_phase != Phase::WaitingRetry)
        return;
    // Inspect again: the container may have stopped or gone while the engine was away.
    inspect();
}

void ContainerMonitor::finishWith(TaskState state, const QString& event, const QString& detail, bool removed)
{
    if (!enter(Phase::Done))
        return;
    m_config.liveness->markEnded();
    endReader();
    m_ticker.stop();
    m_retry.stop();
    m_lines.flush();
    if (!event.isEmpty())
        record(event, detail);
    setState(state, detail);
    Q_EMIT finished(m_cursor, removed);
}

void ContainerMonitor::finishRemoved(const QString& detail)
{
    drainAssembler();
    finishWith(TaskState::Stopped, u"container_removed"_s, detail, true);
}

void ContainerMonitor::deliver(const docker::LogBatch& batch)
{
    // Between two messages: the cursor has taken every line of the batch and those before it,
    // and the assembler holds what it took of a line not finished yet; together, exactly the
    // point after this batch.
    const QByteArray resume =
        m_config.resumePoints ? ResumePoint::saveOf(m_cursor, m_assembler) : QByteArray();
    Q_EMIT linesReady(m_config.task, m_config.containerName, batch, resume);
}

void ContainerMonitor::drainAssembler()
{
    m_assembler.flush(m_lines.batch());
    m_lines.flush();
}

void ContainerMonitor::onLogMessage(const docker::LogMessage& message)
{
    if (m_phase != Phase::Reading || !m_reader)
        return; // a reader being stopped: what it still decodes is not ours
    switch (m_cursor.accept(message)) {
    case LogCursor::Verdict::Deliver:
        m_assembler.add(message, m_lines.batch());
        break;
    case LogCursor::Verdict::Skip:
        break;
    case LogCursor::Verdict::WindowMissed:
        if (!m_progress.windowWasMissed()) {
            m_progress.windowMissed();
            retryStreamSoon(u"the tail window did not reach the cursor; widened"_s);
        }
        break;
    case LogCursor::Verdict::EngineRepeat:
        if (m_cursor.replayedLines() == 1)
            retryStreamSoon(u"the engine sent lines again (its log rotated); reopened from the cursor"_s);
        break;
    }
}

void ContainerMonitor::retryStreamSoon(const QString& detail)
{
    // Not from inside the reader's own decoding: the stream ends from the event loop.
    QMetaObject::invokeMethod(
        this,
        [this, detail, reader = m_reader] {
            if (reader == m_reader)
                restartStream(u"stream_retried"_s, detail);
        },
        Qt::QueuedConnection);
}

void ContainerMonitor::onDaemonError(QByteArrayView message)
{
    if (m_phase != Phase::Reading || !m_reader)
        return;
    record(u"error"_s, u"the engine reported: "_s + QString::fromUtf8(message.toByteArray()).trimmed());
}

void ContainerMonitor::onChunkDecoded()
{
    if (m_phase == Phase::Reading && m_reader)
        m_lines.chunkDecoded();
}

void ContainerMonitor::beat(HeartbeatSource source)
{
    const qint64 now = steadyNowNs();
    const qint64 ageBefore = m_config.liveness->beat(now);
    Q_EMIT heartbeat(HeartbeatRecord{QDateTime::currentMSecsSinceEpoch(), now, m_config.task, source,
                                     ageBefore / 1'000'000, m_config.containerName});
}

void ContainerMonitor::setState(TaskState state, const QString& detail)
{
    if (state == m_state && detail.isEmpty())
        return;
    m_state = state;
    Q_EMIT stateChanged(m_config.task, state, detail);
}

void ContainerMonitor::record(const QString& event, const QString& detail)
{
    Q_EMIT taskEvent(TaskEventRecord{QDateTime::currentMSecsSinceEpoch(), m_config.task, event, detail,
                                     m_config.containerName});
}

} // namespace dockpulse::monitor
