#pragma once

#include "DockerClient.h"
#include "EngineError.h"
#include "LogFrameDecoder.h"
#include "TaskLiveness.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <memory>

namespace dockpulse::monitor {

// What a LogReader hands its decoded messages to.
class LogStreamConsumer : public docker::LogMessageSink
{
public:
    // What the socket had has been decoded (once per read, not per HTTP chunk): a good moment
    // to pass lines on.
    virtual void onChunkDecoded() = 0;
};

// Reads one short-lived log stream: it ends at its read deadline (the stream rotates), at EOF
// (the container stopped), on an error, or when stopped. The context timeout is the safety net
// that tears the stream down should the reader not have ended by then; in a healthy run it
// never fires. Lives in its monitor's thread; both timers belong to that thread.
class LogReader : public QObject
{
    Q_OBJECT
public:
    enum class EndReason
    {
        Deadline,
        Eof,
        Error,
        SafetyNet,
        Stopped
    };
    Q_ENUM(EndReason)

    struct Options
    {
        QString containerId;
        docker::LogRequest request;
        bool tty = false;
        qint64 readDeadlineMs = 30000;
        qint64 contextTimeoutMs = 35000;
        // The task this stream reads for: a reader started after it ended is counted
        // (lateCount()), the check that no stream outlives its task.
        std::shared_ptr<const TaskLiveness> task;
    };

    LogReader(const docker::DockerClient& client, Options options, LogStreamConsumer& consumer,
              QObject* parent = nullptr);
    ~LogReader() override;

    void start();
    // Ends the stream now (reason Stopped) unless it already ended: when it returns, the reader
    // has ended and calls its consumer no more.
    void stop();

    bool hasOpened() const { return m_opened; }
    bool hasEnded() const { return m_ended; }
    qint64 bytesRead() const { return m_bytes; }

    // Readers whose stream is open or being opened, process-wide (metrics.csv "readers").
    static int liveCount() { return s_live.load(std::memory_order_relaxed); }
    // Readers started after their task had ended, process-wide, since start-up
    // (metrics.csv "late_readers"). Anything but 0 is a bug.
    static int lateCount() { return s_late.load(std::memory_order_relaxed); }

Q_SIGNALS:
    // The engine accepted the request (2xx headers): the stream is being served.
    void opened();
    // Exactly once. error is set for Error (and describes the cause for Deadline without open).
    void ended(dockpulse::monitor::LogReader::EndReason reason, const dockpulse::docker::EngineError& error);

private:
    void onBody(QByteArrayView bytes);
    void onExchangeFinished();
    void end(EndReason reason, const docker::EngineError& error);

    Options m_options;
    LogStreamConsumer& m_consumer;
    docker::LogFrameDecoder m_decoder;
    docker::HttpExchange* m_exchange = nullptr; // child: lives as long as the reader
    QTimer m_deadline;
    QTimer m_safetyNet;
    qint64 m_bytes = 0;
    bool m_started = false;
    bool m_opened = false;
    bool m_ended = false;
    // Set while the deadline (or a stop) aborts the exchange, so its finished() is not taken
    // for an error.
    EndReason m_ending = EndReason::Error;
    bool m_ourAbort = false;
    docker::EngineError m_endError; // why we aborted, when it was an error
    bool m_countedLate = false;

    void countIfLate();

    static std::atomic<int> s_live;
    static std::atomic<int> s_late;
};

} // namespace dockpulse::monitor
