#include "SandboxEngine.h"

#include "TestEngine.h"

#include <QProcess>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace dockpulse::test {

SandboxEngine::SandboxEngine(const QString& extraDockerdArgs) : m_dir(u"/tmp/dpt-engine-XXXXXX"_s)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DOCKPULSE_SANDBOX_DOCKERD_ARGS"_s, extraDockerdArgs);
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(TestEngine::sandboxScript(), {u"start"_s, m_dir.path()});
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished(5000);
        m_error = u"engine-sandbox.sh start timed out"_s;
        return;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
        return;
    }
    m_url = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

SandboxEngine::~SandboxEngine()
{
    TestEngine::sandbox(u"stop"_s, m_dir.path());
}

bool SandboxEngine::command(const QString& what)
{
    return TestEngine::sandbox(what, m_dir.path()).ok();
}

} // namespace dockpulse::test
