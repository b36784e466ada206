#include "SshEngineSocket.h"

#include "SshCommand.h"
#include "SshDiagnosis.h"
#include "SshSessionGate.h"

#include <QRandomGenerator>

#include <utility>

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

namespace gate = ssh_session_gate;

namespace {
constexpr qsizetype kMaxStderr = 16 * 1024; // enough for ssh's explanation; a chatty far side is cut
constexpr int kGatePollMs = 25;
constexpr int kMaxAttempts = 5;
constexpr int kFirstBackoffMs = 100;
constexpr int kExitSshFailed = 255;

// sshd dropping a connection before authentication: a burst beyond MaxStartups, or sshd busy.
bool droppedDuringHandshake(int exitCode, const QByteArray& stderrText)
{
    return exitCode == kExitSshFailed &&
           (stderrText.contains("kex_exchange_identification") ||
            stderrText.contains("Connection reset by") || stderrText.contains("Connection closed by") ||
            stderrText.contains("banner exchange"));
}
} // namespace

SshEngineSocket::SshEngineSocket(const Endpoint& endpoint) : EngineSocket(endpoint)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SshEngineSocket::tryStart);
}

SshEngineSocket::~SshEngineSocket()
{
    m_done = true;
    release();
}

void SshEngineSocket::open()
{
    m_extraOptions = qEnvironmentVariable("DOCKPULSE_SSH_OPTS");
    m_controlDir = sshControlDir();
    m_gateKey = endpoint().url() + u'\n' + m_extraOptions;
    tryStart();
}

void SshEngineSocket::tryStart()
{
    if (m_done)
        return;
    // Without a shared session there is nothing to wait for.
    if (!m_controlDir.isEmpty() && gate::admit(m_gateKey, this) == gate::Admission::Wait) {
        m_retry.start(kGatePollMs);
        return;
    }
    startProcess();
}

void SshEngineSocket::startProcess()
{
    ++m_attempt;
    m_stderr.clear();
    // Created here, not in the constructor, so that it lives in the thread that uses it.
    m_process = new QProcess;
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::started, this, [this] {
        if (m_done)
            return;
        if (!m_request.isEmpty())
            m_process->write(m_request); // a retry: the request again
        if (!std::exchange(m_opened, true))
            Q_EMIT opened();
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &SshEngineSocket::onStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QByteArray more = m_process->readAllStandardError();
        m_stderr.append(more.left(kMaxStderr - m_stderr.size()));
    });
    connect(m_process, &QProcess::finished, this, &SshEngineSocket::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &SshEngineSocket::onProcessError);

    const SshCommand command = sshCommand(endpoint(), m_extraOptions, m_controlDir);
    m_process->start(command.program, command.arguments);
}

void SshEngineSocket::write(const QByteArray& bytes)
{
    // Kept until the engine answers: a connection dropped in the handshake is tried again.
    if (!m_sawOutput)
        m_request += bytes;
    if (m_process && m_process->state() == QProcess::Running)
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
    m_retry.stop();
    release();
}

void SshEngineSocket::onStdout()
{
    if (!m_sawOutput) {
        m_sawOutput = true;
        m_request.clear();
        if (!m_controlDir.isEmpty())
            gate::sessionUp(m_gateKey);
    }
    if (!m_done)
        Q_EMIT readyRead();
}

void SshEngineSocket::fail(const EngineError& error)
{
    if (m_done)
        return;
    m_done = true;
    if (!m_controlDir.isEmpty())
        gate::attemptFailed(m_gateKey, this);
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
    if (droppedDuringHandshake(exitCode, m_stderr) && m_attempt < kMaxAttempts) {
        release();
        // Doubling, with jitter so that a dropped burst does not come back as one.
        const int backoff = kFirstBackoffMs << (m_attempt - 1);
        m_retry.start(backoff + int(QRandomGenerator::global()->bounded(backoff)));
        return;
    }
    fail(diagnoseSsh(endpoint(), exitCode, m_stderr));
}

void SshEngineSocket::release()
{
    if (!m_controlDir.isEmpty())
        gate::leave(m_gateKey, this);
    QProcess* process = std::exchange(m_process, nullptr);
    if (!process)
        return;
    process->disconnect(this);
    if (process->state() == QProcess::NotRunning) {
        process->deleteLater(); // we may be inside its finished()
        return;
    }
    // Destroying a running QProcess would block until it exits (and warn); kill it and let
    // its own finished() delete it.
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
    process->kill();
}

} // namespace dockpulse::docker
