#include "HeadlessRunner.h"

#include "EngineSelection.h"
#include "RunExport.h"
#include "StatusLine.h"

#include <QDir>
#include <QProcessEnvironment>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

using monitor::MonitorEngine;

namespace {
void printErr(const QString& line)
{
    std::fputs((terminalSafe(line) + u'\n').toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}
} // namespace

HeadlessRunner::HeadlessRunner(RunOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options))
{
    m_status.setInterval(kStatusEveryMs);
    connect(&m_status, &QTimer::timeout, this, &HeadlessRunner::printStatus);
    connect(&m_duration, &RunDeadline::reached, this, [this] { finish(u"--duration reached"_s); });
}

HeadlessRunner::~HeadlessRunner() = default;

void HeadlessRunner::fail(int code, const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    printErr(u"dockpulse: "_s + message);
    if (m_logs)
        m_logs->cancel();
    Q_EMIT exitRequested(code);
}

void HeadlessRunner::start()
{
    auto engines = selectEngines(m_options.hosts, QProcessEnvironment::systemEnvironment(), QDir::homePath());
    if (!engines) {
        fail(kExitUsage, engines.error());
        return;
    }
    for (const QString& warning : plainTcpWarnings(engines.value()))
        printErr(u"dockpulse: "_s + warning);
    // A folder we cannot write to is found now, not after an hour of monitoring.
    if (!m_options.exportDir.isEmpty()) {
        m_logs = std::make_unique<csv::LogsCsvWriter>(m_options.settings.csvRaw);
        if (!m_logs->open(m_options.exportDir)) {
            fail(kExitExport, m_logs->errorString());
            return;
        }
        // Heartbeats, events and metrics are streamed too: memory stays flat on a long run.
        const bool raw = m_options.settings.csvRaw;
        m_heartbeats = csv::RecordCsvStream<monitor::HeartbeatRecord>::inFolder(m_options.exportDir, raw);
        m_events = csv::RecordCsvStream<monitor::TaskEventRecord>::inFolder(m_options.exportDir, raw);
        m_metrics = csv::RecordCsvStream<monitor::MetricSample>::inFolder(m_options.exportDir, raw);
        m_tasksCsv = csv::RecordCsvStream<monitor::TaskSnapshot>::inFolder(m_options.exportDir, raw);
        for (const QString& error : {m_heartbeats->open() ? QString() : m_heartbeats->errorString(),
                                     m_events->open() ? QString() : m_events->errorString(),
                                     m_metrics->open() ? QString() : m_metrics->errorString(),
                                     m_tasksCsv->open() ? QString() : m_tasksCsv->errorString()}) {
            if (!error.isEmpty()) {
                fail(kExitExport, error);
                return;
            }
        }
    }

    m_engine = std::make_unique<MonitorEngine>(m_options.settings, engines.value());
    // Before the store opens (it may create its file): an unusable address ends the run first.
    auto metrics = MetricsSession::start(m_options, *m_engine);
    if (!metrics) {
        fail(kExitUsage, metrics.error());
        return;
    }
    m_scrapes = std::move(metrics).value();
    for (const QString& note : std::as_const(m_scrapes.notes))
        printErr(u"dockpulse: "_s + note);
    if (!m_options.storePath.isEmpty() && !openStore())
        return;
    connect(m_engine.get(), &MonitorEngine::engineFirstConnectFailed, this,
            [this](const QString&, const docker::EngineError& e) {
                fail(kExitEngine, u"cannot reach the Docker engine: "_s + e.toString());
            });
    for (monitor::EngineWatcher* w : m_engine->engines())
        connect(w, &monitor::EngineWatcher::connected, this, &HeadlessRunner::onEngineConnected);
    // Headless streams every record to its CSV file as it is emitted (or, without --export-dir,
    // nowhere): nothing ever reads the run's history, so it is not kept.
    m_engine->setHistoryKept(false);
    if (m_logs) {
        connect(m_engine.get(), &MonitorEngine::linesReady, this,
                [this](const QString& task, const QString& host, const QString& name,
                       const docker::LogBatch& batch) { m_logs->append(host, name, batch, task); });
        connect(m_engine.get(), &MonitorEngine::heartbeatRecorded, this,
                [this](const monitor::HeartbeatRecord& r) { m_heartbeats->append(r); });
        connect(m_engine.get(), &MonitorEngine::eventRecorded, this,
                [this](const monitor::TaskEventRecord& r) { m_events->append(r); });
        connect(m_engine.get(), &MonitorEngine::sampled, this,
                [this](const monitor::MetricSample& s) { m_metrics->append(s); });
        connect(m_engine.get(), &MonitorEngine::taskReleased, this,
                [this](const monitor::TaskSnapshot& last) { m_tasksCsv->append(last); });
    }
    connect(m_engine.get(), &MonitorEngine::taskChanged, this, &HeadlessRunner::checkUntilExit);
    connect(m_engine.get(), &MonitorEngine::shutDown, this, &HeadlessRunner::exportAndExit);

    m_engine->start();
    m_status.start();
    if (m_options.durationMs)
        m_duration.start(*m_options.durationMs);
}

bool HeadlessRunner::openStore()
{
    auto opened = StoreSession::open(m_options.storePath, *m_engine, StoreSession::settingsFor(m_options));
    if (!opened) {
        fail(kExitStore, opened.error().message);
        return false;
    }
    m_store = std::move(opened).value();
    m_scrapes.setStorePath(m_options.storePath);
    for (const QString& note : std::as_const(m_store.notes))
        printErr(u"dockpulse: "_s + note);
    // Said as it happens, on stderr: the run goes on, and writing resumes once space returns.
    connect(m_store.writer.get(), &store::StoreWriter::writingFailed, this, [](const QString& message) {
        printErr(u"dockpulse: the store stopped writing (monitoring goes on; writing resumes when it "
                 u"can): "_s +
                 message);
    });
    connect(m_store.writer.get(), &store::StoreWriter::writingResumed, this, [path = m_options.storePath] {
        printErr(u"dockpulse: the store %1 is writing again"_s.arg(path));
    });
    connect(m_store.feed.get(), &monitor::StoreFeed::removedWhileClosed, this,
            [](const QString& message) { printErr(u"dockpulse: "_s + message); });
    return true;
}

void HeadlessRunner::onEngineConnected()
{
    // Reconnections also emit connected(); the --monitor list is resolved once, when every
    // engine has answered for the first time.
    if (m_resolved || ++m_connectedEngines < m_engine->engines().size())
        return;
    resolveMonitors();
}

void HeadlessRunner::resolveMonitors()
{
    m_resolved = true;
    QStringList names;
    for (const QString& spec : std::as_const(m_options.monitor)) {
        if (spec == u"all"_s)
            m_engine->setMonitorAll(true);
        else
            names << spec;
    }
    // A name is looked up on every engine; it must exist on at least one.
    for (const QString& name : std::as_const(names)) {
        struct Lookup
        {
            int answers = 0;
            bool found = false;
            QStringList engineErrors;
        };
        auto lookup = std::make_shared<Lookup>();
        const int engines = int(m_engine->engines().size());
        ++m_pendingResolutions;
        for (monitor::EngineWatcher* w : m_engine->engines()) {
            m_engine->monitor(
                w->host(), name, [this, name, lookup, engines](const MonitorEngine::MonitorResult& r) {
                    lookup->found = lookup->found || r.outcome == MonitorEngine::MonitorOutcome::Started;
                    if (r.outcome == MonitorEngine::MonitorOutcome::EngineError)
                        lookup->engineErrors << r.message;
                    if (++lookup->answers < engines)
                        return;
                    if (!lookup->found && !lookup->engineErrors.isEmpty())
                        fail(kExitEngine, lookup->engineErrors.join(u"; "_s));
                    else if (!lookup->found)
                        fail(kExitNoContainer, u"no such container: %1"_s.arg(name));
                    else if (--m_pendingResolutions == 0)
                        checkUntilExit();
                });
        }
    }
    if (m_pendingResolutions == 0)
        checkUntilExit();
}

void HeadlessRunner::checkUntilExit()
{
    if (!m_options.untilExit || !m_resolved || m_pendingResolutions > 0 || m_finishing)
        return;
    const QList<monitor::TaskSnapshot> tasks = m_engine->tasks().snapshots();
    // `all` covers containers that start later: with none monitored yet, wait for one.
    if (tasks.isEmpty() && m_engine->monitorsAll())
        return;
    for (const monitor::TaskSnapshot& t : tasks)
        if (t.state != monitor::TaskState::Exited && !monitor::isFinal(t.state))
            return;
    finish(u"every monitored container has stopped and its logs are read"_s);
}

void HeadlessRunner::finish(const QString& why)
{
    if (m_finishing || m_done)
        return;
    m_finishing = true;
    printErr(u"dockpulse: stopping: "_s + why);
    m_duration.stop();
    if (!m_engine) {
        Q_EMIT exitRequested(kExitOk);
        return;
    }
    m_engine->shutdown();
}

void HeadlessRunner::exportAndExit()
{
    if (m_done)
        return;
    m_status.stop();
    printStatus();
    int code = kExitOk;
    if (m_logs) {
        QStringList errors;
        // Every file is committed (or reports why not) even when another one failed.
        if (!m_logs->commit())
            errors << m_logs->errorString();
        if (!m_heartbeats->commit())
            errors << m_heartbeats->errorString();
        if (!m_events->commit())
            errors << m_events->errorString();
        if (!m_metrics->commit())
            errors << m_metrics->errorString();
        for (const monitor::TaskSnapshot& t : m_engine->tasks().snapshots())
            m_tasksCsv->append(t);
        if (!m_tasksCsv->commit())
            errors << m_tasksCsv->errorString();
        if (!errors.isEmpty()) {
            for (const QString& e : std::as_const(errors))
                printErr(u"dockpulse: export failed: "_s + e);
            code = kExitExport;
        } else {
            printErr(u"dockpulse: exported %1 log lines and the run's records to %2"_s.arg(m_logs->rows())
                         .arg(QDir(m_options.exportDir).absolutePath()));
        }
    }
    if (m_store.writer) {
        m_store.writer->flush();
        if (const QString trouble = m_store.trouble(); !trouble.isEmpty()) {
            printErr(u"dockpulse: "_s + trouble);
            code = kExitStore;
        }
    }
    m_done = true;
    Q_EMIT exitRequested(code);
}

void HeadlessRunner::printStatus()
{
    if (!m_engine)
        return;
    printErr(formatStatusLine(m_engine->tasks().snapshots(), m_engine->sampleNow()));
}

} // namespace dockpulse::cli
