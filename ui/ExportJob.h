#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QThread;
class QTimer;

namespace dockpulse::monitor {
class MonitorEngine;
}

namespace dockpulse::ui {

class LogStore;
struct ExportRun;

// File → Export CSV off the GUI thread. start() copies what the five files hold (cheap: log
// chunks are shared, not copied byte by byte) and formats, writes and fsyncs them on a worker
// thread, so the window keeps painting and taking lines. progress() reports log lines written;
// cancel() stops before anything is committed: every file goes through a temporary name
// (QSaveFile), so a cancelled export leaves no file behind, partial or whole.
class ExportJob : public QObject
{
    Q_OBJECT
public:
    ExportJob(monitor::MonitorEngine& engine, const LogStore& logs, bool rawMode, QObject* parent = nullptr);
    ~ExportJob() override; // cancels a running export and waits for its worker

    // One export at a time; false (and nothing happens) while one runs.
    bool start(const QString& dir);
    void cancel();
    bool isRunning() const { return m_run != nullptr; }

Q_SIGNALS:
    void progress(qint64 linesWritten, qint64 linesTotal);
    // error: empty on success (and when cancelled), else one line per file that failed.
    void finished(const QString& error, bool cancelled);

private:
    void reportProgress();
    void onWorkerFinished();

    monitor::MonitorEngine& m_engine;
    const LogStore& m_logs;
    bool m_raw;
    std::shared_ptr<ExportRun> m_run; // shared with the worker
    QThread* m_thread = nullptr;
    QTimer* m_progressTimer;
};

} // namespace dockpulse::ui
