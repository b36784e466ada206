#include "TestEngine.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QProcess>
#include <QThread>

using namespace Qt::StringLiterals;

namespace dockpulse::test {

QString TestEngine::hostUrl()
{
    return qEnvironmentVariable("DOCKPULSE_TEST_HOST");
}

bool TestEngine::inCi()
{
    return qEnvironmentVariable("CI") == u"true"_s;
}

QString TestEngine::unavailableReason()
{
    static const QString reason = [] {
        const QString url = hostUrl();
        if (url.isEmpty())
            return u"DOCKPULSE_TEST_HOST is not set (scripts/test-all.sh starts a private engine)"_s;
        const CliResult r = docker({u"version"_s, u"--format"_s, u"{{.Server.APIVersion}}"_s}, 20000);
        if (!r.ok())
            return u"the engine at %1 does not answer: %2"_s.arg(url, QString::fromUtf8(r.err.trimmed()));
        return QString();
    }();
    return reason;
}

TestEngine::CliResult TestEngine::docker(const QStringList& args, int timeoutMs, const QString& host)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DOCKER_HOST"_s, host.isEmpty() ? hostUrl() : host);
    env.remove(u"DOCKER_CONTEXT"_s);
    p.setProcessEnvironment(env);
    p.start(u"docker"_s, args);
    CliResult r;
    if (!p.waitForStarted(10000)) {
        r.err = "docker CLI did not start: " + p.errorString().toUtf8();
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        r.err = "docker " + args.join(u' ').toUtf8() + " timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString TestEngine::uniqueName(const QString& suffix)
{
    QString test = QString::fromLatin1(QTest::currentTestFunction() ? QTest::currentTestFunction() : "t");
    test.replace(u'_', u'-');
    return u"dp-%1-%2-%3"_s.arg(test.left(24)).arg(QCoreApplication::applicationPid()).arg(suffix);
}

QString TestEngine::countingScript(const QString& word, const QString& sleep)
{
    return u"i=0; while true; do i=$((i+1)); echo %1 $i; sleep %2; done"_s.arg(word, sleep);
}

QString TestEngine::runContainer(const QString& name, const QString& script, const QStringList& extra,
                                 const QString& host)
{
    removeContainer(name, host);
    QStringList args{u"run"_s, u"-d"_s, u"--name"_s, name, u"--network"_s, u"none"_s};
    args += extra;
    args += {QString::fromLatin1(kImage), u"sh"_s, u"-c"_s, script};
    const CliResult r = docker(args, 60000, host);
    if (!r.ok()) {
        qWarning("docker run %s failed: %s", qPrintable(name), r.err.constData());
        return {};
    }
    return QString::fromUtf8(r.out.trimmed());
}

void TestEngine::removeContainer(const QString& nameOrId, const QString& host)
{
    docker({u"rm"_s, u"-f"_s, nameOrId}, 60000, host);
}

QString TestEngine::inspectField(const QString& nameOrId, const QString& goTemplate, const QString& host)
{
    const CliResult r = docker({u"inspect"_s, u"-f"_s, goTemplate, nameOrId}, 30000, host);
    return QString::fromUtf8(r.out.trimmed());
}

QList<QByteArray> TestEngine::logLines(const QString& nameOrId, const QString& host, bool tty)
{
    QByteArray out = docker({u"logs"_s, nameOrId}, 120000, host).out;
    if (tty)
        out.replace("\r\n", "\n");
    QList<QByteArray> lines = out.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

bool TestEngine::waitExited(const QString& nameOrId, int timeoutMs, const QString& host)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (inspectField(nameOrId, u"{{.State.Running}}"_s, host) == u"false"_s)
            return true;
        QThread::msleep(100);
    }
    return false;
}

QString TestEngine::sandboxScript()
{
    return QString::fromLatin1(DOCKPULSE_SOURCE_DIR) + u"/scripts/engine-sandbox.sh"_s;
}

TestEngine::CliResult TestEngine::sandbox(const QString& command, const QString& dir, int timeoutMs)
{
    QProcess p;
    p.start(sandboxScript(), {command, dir});
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        r.err = "engine-sandbox.sh " + command.toUtf8() + " timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace dockpulse::test
