#pragma once

#include <QString>
#include <QTemporaryDir>

namespace dockpulse::test {

// A private dockerd started through scripts/engine-sandbox.sh (its own socket and data), with
// optional extra dockerd arguments (DOCKPULSE_SANDBOX_DOCKERD_ARGS), stopped when destroyed.
class SandboxEngine
{
public:
    explicit SandboxEngine(const QString& extraDockerdArgs = {});
    ~SandboxEngine();
    SandboxEngine(const SandboxEngine&) = delete;
    SandboxEngine& operator=(const SandboxEngine&) = delete;

    // unix:///.../docker.sock, empty when it did not start (see error()).
    const QString& url() const { return m_url; }
    const QString& error() const { return m_error; }
    QString dir() const { return m_dir.path(); }
    // kill, restart, freeze, thaw (engine-sandbox.sh commands).
    bool command(const QString& what);

private:
    QTemporaryDir m_dir;
    QString m_url;
    QString m_error;
};

} // namespace dockpulse::test
