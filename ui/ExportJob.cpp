#include "ExportJob.h"

#include "DashboardExport.h"

#include <QThread>
#include <QTimer>

namespace dockpulse::ui {

namespace {
constexpr int kProgressEveryMs = 100;
}

// One export: what the worker reads, steers and leaves behind.
struct ExportRun
{
    QString dir;
    ExportSnapshot snapshot;
    ExportControl control;
    ExportOutcome outcome; // written by the worker, read after it finished
};

ExportJob::ExportJob(monitor::MonitorEngine& engine, const LogStore& logs, bool rawMode, QObject* parent)
    : QObject(parent), m_engine(engine), m_logs(logs), m_raw(rawMode), m_progressTimer(new QTimer(this))
{
    m_progressTimer->setInterval(kProgressEveryMs);
    connect(m_progressTimer, &QTimer::timeout, this, &ExportJob::reportProgress);
}

ExportJob::~ExportJob()
{
    if (m_thread) {
        m_run->control.cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

bool ExportJob::start(const QString& dir)
{
    if (isRunning())
        return false;
    auto run = std::make_shared<ExportRun>();
    run->dir = dir;
    run->snapshot = snapshotForExport(m_engine, m_logs, m_raw);
    m_run = run;
    m_thread = QThread::create([run] { run->outcome = writeExport(run->dir, run->snapshot, &run->control); });
    m_thread->setObjectName(QStringLiteral("dockpulse-export"));
    connect(m_thread, &QThread::finished, this, &ExportJob::onWorkerFinished);
    m_thread->start(QThread::LowPriority);
    m_progressTimer->start();
    return true;
}

void ExportJob::cancel()
{
    if (m_run)
        m_run->control.cancel = true;
}

void ExportJob::reportProgress()
{
    if (m_run)
        Q_EMIT progress(m_run->control.linesWritten.load(), m_run->snapshot.totalLines);
}

void ExportJob::onWorkerFinished()
{
    m_progressTimer->stop();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    const std::shared_ptr<ExportRun> run = std::move(m_run);
    if (!run->outcome.cancelled)
        Q_EMIT progress(run->control.linesWritten.load(), run->snapshot.totalLines);
    Q_EMIT finished(run->outcome.error, run->outcome.cancelled);
}

} // namespace dockpulse::ui
