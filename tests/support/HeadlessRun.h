#pragma once

#include "CsvReader.h"

#include <QHash>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace dockpulse::test {

// Runs the built `dockpulse --headless` and reads back what it exported: the program as a
// user runs it, judged by the files it leaves.
class HeadlessRun
{
public:
    // The seed's timings compressed 100x.
    static QStringList compressedTimings();

    HeadlessRun();
    ~HeadlessRun();

    // The program's environment (default: this process's), e.g. DOCKER_TLS_VERIFY, DOCKPULSE_SSH_OPTS.
    void setEnvironment(const QProcessEnvironment& env) { m_env = env; }

    // Starts dockpulse --headless --export-dir <tmp> ARGS (with -H of the test engine unless
    // ARGS has one).
    bool start(const QStringList& args, const QString& host = {});
    // Waits for it to exit; false on timeout (then it is killed).
    bool wait(int timeoutMs);
    // Waits until the program has written `text` to stderr (a status line, say); false on timeout
    // or exit. stderrText() then holds what came so far.
    bool waitForStderr(const QByteArray& text, int timeoutMs);
    // What the program wrote to stderr so far, without blocking (for tests whose event loop must
    // keep running, e.g. to serve a proxy in this process).
    QByteArray pollStderr();
    // SIGTERM, then wait.
    bool terminate(int timeoutMs = 30000);
    // start + wait.
    bool run(const QStringList& args, int timeoutMs, const QString& host = {});
    // Runs `dockpulse export --store storePath --export-dir <tmp> ARGS` and waits: the store read
    // back by the program, into the same folder that csv() and messages() read.
    bool exportStore(const QString& storePath, const QStringList& args, int timeoutMs);

    int exitCode() const { return m_exitCode; }
    QByteArray stderrText() const { return m_stderr; }
    QString exportDir() const { return m_dir.path(); }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }

    // A CSV file of the export, header row first; empty and a failure message on error.
    QList<CsvRow> csv(const QString& file) const;
    // logs.csv messages (column 5) of one container, in file order.
    QList<QByteArray> messages(const QString& containerName) const;
    // events.csv rows whose event column equals `event`.
    QList<CsvRow> events(const QString& event) const;
    // The most metrics.csv "late_readers" says (readers started after their task
    // ended); -1 when the file or the column is missing.
    int lateReaders() const;
    // events.csv rows that follow a task's end (its `stopped` or `heartbeat_timeout`) before it
    // was `started` again, as "task event detail" lines: none, when no stream outlives its task.
    QStringList eventsAfterTaskEnded() const;

private:
    bool startProgram(const QStringList& all);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    QByteArray m_stderr;
    int m_exitCode = -1;
};

// Column index of `name` in a CSV's header row, or -1.
int column(const QList<CsvRow>& csv, const QByteArray& name);
// Milliseconds since the epoch of "2026-11-29T05:04:10.206Z".
qint64 isoMillis(const QByteArray& text);

} // namespace dockpulse::test
