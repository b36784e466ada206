#include "HeadlessRun.h"

#include "CompressedSettings.h"

#include "TestEngine.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <csignal>

using namespace Qt::StringLiterals;

namespace dockpulse::test {

QStringList HeadlessRun::compressedTimings()
{
    // The same timings as the engine tests' compressedSettings(), on the command line.
    const monitor::MonitorSettings s = compressedSettings();
    const auto ms = [](qint64 v) {
        return QString::number(v);
    };
    return {u"--read-deadline"_s,   ms(s.readDeadlineMs),   u"--context-timeout"_s, ms(s.contextTimeoutMs),
            u"--heartbeat-every"_s, ms(s.heartbeatEveryMs), u"--task-timeout"_s,    ms(s.taskTimeoutMs),
            u"--cleanup-every"_s,   ms(s.cleanupEveryMs),   u"--sample-every"_s,    ms(s.sampleEveryMs)};
}

HeadlessRun::HeadlessRun()
{
    // DOCKPULSE_KEEP_EXPORTS=1: keep every run's CSV files, to study a failure afterwards.
    if (!qEnvironmentVariableIsEmpty("DOCKPULSE_KEEP_EXPORTS")) {
        m_dir.setAutoRemove(false);
        qInfo("HeadlessRun: exports kept in %s", qPrintable(m_dir.path()));
    }
}

HeadlessRun::~HeadlessRun()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    // A failed test's export is the evidence: keep it (a path in the test's output).
    if (QTest::currentTestFailed()) {
        m_dir.setAutoRemove(false);
        qWarning("the run's export is kept in %s", qPrintable(m_dir.path()));
    }
}

bool HeadlessRun::start(const QStringList& args, const QString& host)
{
    QStringList all{u"--headless"_s, u"--export-dir"_s, m_dir.path()};
    if (!args.contains(u"-H"_s) && !args.contains(u"--host"_s))
        all << u"-H"_s << (host.isEmpty() ? TestEngine::hostUrl() : host);
    all += args;
    return startProgram(all);
}

bool HeadlessRun::exportStore(const QString& storePath, const QStringList& args, int timeoutMs)
{
    return startProgram(QStringList{u"export"_s, u"--store"_s, storePath, u"--export-dir"_s, m_dir.path()} +
                        args) &&
           wait(timeoutMs);
}

bool HeadlessRun::startProgram(const QStringList& all)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setProcessEnvironment(m_env);
    m_process->start(QString::fromLatin1(DOCKPULSE_APP_PATH), all);
    return m_process->waitForStarted(10000);
}

bool HeadlessRun::wait(int timeoutMs)
{
    if (!m_process)
        return false;
    // waitForFinished() says false for a process that has already exited.
    const bool finished = m_process->state() == QProcess::NotRunning || m_process->waitForFinished(timeoutMs);
    if (!finished) {
        // SIGTERM first: the program then writes its export, which shows why it had not ended.
        if (const qint64 pid = m_process->processId(); pid > 0)
            ::kill(pid_t(pid), SIGTERM);
        if (!m_process->waitForFinished(15000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_stderr += m_process->readAllStandardError();
    m_exitCode = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    // A sanitizer's report is the reason for the exit status a test then compares: show it.
    const qsizetype report = m_stderr.indexOf("Sanitizer");
    if (report >= 0)
        qWarning("dockpulse exited %d with a sanitizer report:\n%s", m_exitCode,
                 m_stderr.mid(qMax<qsizetype>(0, report - 200), 24000).constData());
    return finished;
}

bool HeadlessRun::waitForStderr(const QByteArray& text, int timeoutMs)
{
    if (!m_process)
        return false;
    QDeadlineTimer deadline(timeoutMs);
    m_process->setReadChannel(QProcess::StandardError); // what waitForReadyRead() waits for
    while (!m_stderr.contains(text)) {
        if (m_process->state() == QProcess::NotRunning || deadline.hasExpired())
            return false;
        m_process->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        m_stderr += m_process->readAllStandardError();
    }
    return true;
}

QByteArray HeadlessRun::pollStderr()
{
    if (m_process)
        m_stderr += m_process->readAllStandardError();
    return m_stderr;
}

bool HeadlessRun::terminate(int timeoutMs)
{
    if (!m_process)
        return false;
    // processId() is 0 once the program has exited, and kill(0, ...) would signal this test's
    // whole process group (ctest and the shell that started it, as seen when a run ended early).
    if (const qint64 pid = m_process->processId(); pid > 0)
        ::kill(pid_t(pid), SIGTERM);
    return wait(timeoutMs);
}

bool HeadlessRun::run(const QStringList& args, int timeoutMs, const QString& host)
{
    return start(args, host) && wait(timeoutMs);
}

QList<CsvRow> HeadlessRun::csv(const QString& file) const
{
    QFile f(m_dir.filePath(file));
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("cannot open %s", qPrintable(f.fileName()));
        return {};
    }
    auto rows = readCsv(f.readAll());
    if (!rows) {
        qWarning("%s is not valid CSV: %s", qPrintable(file), qPrintable(rows.error()));
        return {};
    }
    return rows.value();
}

QList<QByteArray> HeadlessRun::messages(const QString& containerName) const
{
    QList<QByteArray> out;
    const QList<CsvRow> rows = csv(u"logs.csv"_s);
    for (qsizetype i = 1; i < rows.size(); ++i)
        if (rows[i].size() >= 5 && rows[i][2] == containerName.toUtf8())
            out.append(rows[i][4]);
    return out;
}

QList<CsvRow> HeadlessRun::events(const QString& event) const
{
    QList<CsvRow> out;
    const QList<CsvRow> rows = csv(u"events.csv"_s);
    for (qsizetype i = 1; i < rows.size(); ++i)
        if (rows[i].size() >= 3 && rows[i][2] == event.toUtf8())
            out.append(rows[i]);
    return out;
}

int HeadlessRun::lateReaders() const
{
    const QList<CsvRow> rows = csv(u"metrics.csv"_s);
    const int late = column(rows, "late_readers");
    if (late < 0)
        return -1;
    int most = 0;
    for (qsizetype i = 1; i < rows.size(); ++i)
        most = std::max(most, rows[i].value(late).toInt());
    return most;
}

QStringList HeadlessRun::eventsAfterTaskEnded() const
{
    QStringList out;
    QSet<QByteArray> ended;
    const QList<CsvRow> rows = csv(u"events.csv"_s);
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const CsvRow& r = rows[i];
        if (r.size() < 4)
            continue;
        if (r[2] == "started")
            ended.remove(r[1]);
        else if (ended.contains(r[1]))
            out << QString::fromUtf8(r[1] + ' ' + r[2] + ' ' + r[3]);
        else if (r[2] == "stopped" || r[2] == "heartbeat_timeout")
            ended.insert(r[1]);
    }
    return out;
}

int column(const QList<CsvRow>& csv, const QByteArray& name)
{
    return csv.isEmpty() ? -1 : int(csv.first().indexOf(name));
}

qint64 isoMillis(const QByteArray& text)
{
    return QDateTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

} // namespace dockpulse::test
