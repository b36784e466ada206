#pragma once

#include "EngineSocket.h"

#include <QProcess>
#include <QTimer>

namespace dockpulse::docker {

// ssh://[user@]host[:port] as the docker CLI does it: `ssh ... -- host docker system dial-stdio`
// (see SshCommand) carries the bytes on its standard input and output. opened() comes as soon
// as ssh runs (ssh buffers the request until the session is up); if ssh ends before the engine
// said anything, its exit status and stderr become the error (see SshDiagnosis).
//
// A burst of connections waits for the first to set up the shared session (SshSessionGate), and
// a connection that sshd dropped during the handshake (MaxStartups under a burst) is tried again
// a few times, the request written again, before it counts as failed.
class SshEngineSocket final : public EngineSocket
{
    Q_OBJECT
public:
    explicit SshEngineSocket(const Endpoint& endpoint);
    ~SshEngineSocket() override;

    void open() override;
    void write(const QByteArray& bytes) override;
    qint64 read(char* buffer, qint64 maxSize) override;
    qint64 bytesAvailable() const override;
    void abort() override;

private:
    void tryStart();
    void startProcess();
    void onStdout();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError processError);
    void fail(const EngineError& error);
    // Kills ssh without blocking; the process object goes once it is reaped.
    void release();

    QProcess* m_process = nullptr;
    QString m_extraOptions; // DOCKPULSE_SSH_OPTS, read once at open()
    QString m_controlDir;
    QString m_gateKey;
    QTimer m_retry;       // the gate's poll, then the backoff between attempts
    QByteArray m_request; // everything written before the engine answered, to write again on a retry
    QByteArray m_stderr;
    int m_attempt = 0;
    bool m_opened = false;
    bool m_sawOutput = false;
    bool m_done = false;
};

} // namespace dockpulse::docker
