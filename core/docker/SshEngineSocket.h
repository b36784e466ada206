#pragma once

#include "EngineSocket.h"

#include <QProcess>

namespace dockpulse::docker {

// ssh://[user@]host[:port] as the docker CLI does it: `ssh ... -- host docker system dial-stdio`
// (see SshCommand) carries the bytes on its standard input and output. opened() comes as soon
// as ssh runs (ssh buffers the request until the session is up); if ssh ends before the engine
// said anything, its exit status and stderr become the error (see SshDiagnosis).
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
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError processError);
    void fail(const EngineError& error);
    // Kills ssh without blocking; the process object goes once it is reaped.
    void release();

    QProcess* m_process = nullptr;
    QByteArray m_stderr;
    bool m_sawOutput = false;
    bool m_done = false;
};

} // namespace dockpulse::docker
