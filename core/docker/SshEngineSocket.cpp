#include "SshEngineSocket.h"

#include "SshCommand.h"
#include "SshDiagnosis.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

namespace {
constexpr qsizetype kMaxStderr = 16 * 1024; // enough for ssh's explanation; a chatty far side is cut
} // namespace

SshEngineSocket::SshEngineSocket(const Endpoint& endpoint) : EngineSocket(endpoint) {}

SshEngineSocket::~SshEngineSocket()
{
    m_done = true;
    release();
}

void SshEngineSocket::open()
{
    // Created here, not in the constructor, so that it lives in the thread that uses it.
    m_process = new QProcess;
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::started, this, [this] {
        if (!m_done)
            Q_EMIT opened();
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        m_sawOutput = true;
        if (!m_done)
            Q_EMIT readyRead();
    });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QByteArray more = m_process->readAllStandardError();
        m_stderr.append(more.left(kMaxStderr - m_stderr.size()));
    });
    connect(m_process, &QProcess::finished, this, &SshEngineSocket::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &SshEngineSocket::onProcessError);

    const SshCommand command =
        sshCommand(endpoint(), qEnvironmentVariable("DOCKPULSE_SSH_OPTS"), sshControlDir());
    m_process->start(command.program, command.arguments);
}

void SshEngineSocket::write(const QByteArray& bytes)
{
    if (m_process)
        m_process->write(bytes);
}

qint64 SshEngineSocket::read(char* buffer, qint64 maxSize)
{
    if (!m_process)
        return 0;
    const qint64 n = m_process->read(buffer, maxSize);
    return n < 0 ? 0 : n;
}

qint64 SshEngineSocket::bytesAvailable() const
{
    return m_process ? m_process->bytesAvailable() : 0;
}

void SshEngineSocket::abort()
{
    m_done = true;
    release();
}

void SshEngineSocket::fail(const EngineError& error)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT failed(error);
}

void SshEngineSocket::onProcessError(QProcess::ProcessError processError)
{
    if (processError != QProcess::FailedToStart)
        return; // crashes and exits arrive through finished()
    fail(error(EngineError::Kind::Ssh, u"cannot run ssh: %1"_s.arg(m_process->errorString()),
               u"Install the OpenSSH client (Debian: apt-get install openssh-client)."_s));
}

void SshEngineSocket::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_done)
        return;
    m_stderr.append(m_process->readAllStandardError().left(kMaxStderr - m_stderr.size()));
    // What the engine sent is still readable; whether the response was complete is the
    // caller's to judge, as with a socket the engine closed.
    if (m_sawOutput || (status == QProcess::NormalExit && exitCode == 0)) {
        m_done = true;
        Q_EMIT closed();
        return;
    }
    if (status != QProcess::NormalExit) {
        fail(error(EngineError::Kind::Ssh, u"ssh was killed before the engine answered"_s));
        return;
    }
    fail(diagnoseSsh(endpoint(), exitCode, m_stderr));
}

void SshEngineSocket::release()
{
    QProcess* process = std::exchange(m_process, nullptr);
    if (!process)
        return;
    process->disconnect(this);
    if (process->state() == QProcess::NotRunning) {
        delete process;
        return;
    }
    // Destroying a running QProcess would block until it exits (and warn); kill it and let
    // its own finished() delete it.
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
    process->kill();
}

} // namespace dockpulse::docker
