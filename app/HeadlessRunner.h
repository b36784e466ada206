#pragma once

#include "CommandLine.h"
#include "LogsCsvWriter.h"
#include "MetricsSession.h"
#include "MonitorEngine.h"
#include "RecordCsvStream.h"
#include "RunDeadline.h"
#include "StoreSession.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace dockpulse::cli {

// `dockpulse --headless`: the monitoring engine with no window (CONTRACT.md). Resolves the
// engines and the --monitor containers, writes logs.csv as lines arrive, prints a status line
// every few seconds, and ends on --duration, --until-exit, SIGINT or SIGTERM by stopping every
// task and exporting the other files.
//
// With --store, every line, heartbeat and event also goes to the durable store, and each
// container monitored by an earlier run continues from its stored resume point.
//
// With --metrics-listen, GET /metrics and GET /healthz are served from the main thread.
//
// Exit status: 0 ran (and exported); 2 a bad engine URL or an unusable --metrics-listen address;
// 3 an engine unreachable; 4 a --monitor container does not exist; 5 the export could not be
// written, the store cannot be used, or the store did not keep every line.
class HeadlessRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr int kExitOk = 0;
    static constexpr int kExitUsage = 2;
    static constexpr int kExitEngine = 3;
    static constexpr int kExitNoContainer = 4;
    static constexpr int kExitExport = 5;
    static constexpr int kExitStore = 5; // the same status as an unwritable export (CONTRACT.md)
    static constexpr int kStatusEveryMs = 3000;

    explicit HeadlessRunner(RunOptions options, QObject* parent = nullptr);
    ~HeadlessRunner() override;

    // Sets everything up; the event loop then runs until exitRequested().
    void start();
    // SIGINT/SIGTERM: stop monitoring, export, exit 0.
    void requestStop(const QString& why) { finish(why); }

Q_SIGNALS:
    void exitRequested(int code);

private:
    // Opens --store and seeds the tasks' resume points; false (and the run has failed) if unusable.
    bool openStore();
    void onEngineConnected();
    void resolveMonitors();
    void checkUntilExit();
    void finish(const QString& why);
    void exportAndExit();
    void fail(int code, const QString& message);
    void printStatus();

    RunOptions m_options;
    std::unique_ptr<monitor::MonitorEngine> m_engine;
    StoreSession m_store;     // empty without --store
    MetricsSession m_scrapes; // empty without --metrics-listen; after m_engine: it goes first
    std::unique_ptr<csv::LogsCsvWriter> m_logs;
    std::unique_ptr<csv::RecordCsvStream<monitor::HeartbeatRecord>> m_heartbeats;
    std::unique_ptr<csv::RecordCsvStream<monitor::TaskEventRecord>> m_events;
    std::unique_ptr<csv::RecordCsvStream<monitor::MetricSample>> m_metrics;
    // Tasks the engine forgot during the run are written as they go; the rest at the end.
    std::unique_ptr<csv::RecordCsvStream<monitor::TaskSnapshot>> m_tasksCsv;
    QTimer m_status;
    RunDeadline m_duration;
    int m_pendingResolutions = 0;
    int m_connectedEngines = 0;
    bool m_resolved = false;
    bool m_finishing = false;
    bool m_done = false;
};

} // namespace dockpulse::cli
