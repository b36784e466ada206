#pragma once

#include <QString>
#include <QStringList>
#include <QtTest>

namespace dockpulse::test {

// The real Docker engine the engine tests use, and the docker CLI to arrange containers on it.
// scripts/test-all.sh starts a private dockerd and exports DOCKPULSE_TEST_HOST.
class TestEngine
{
public:
    static constexpr const char* kImage = "dockpulse-busybox:test";

    // unix:///... of the engine under test; empty when none was given.
    static QString hostUrl();
    // Why the engine tests cannot run, or empty when they can.
    static QString unavailableReason();
    static bool inCi();

    struct CliResult
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        bool ok() const { return exitCode == 0; }
    };
    // Runs the docker CLI against the engine under test (or `host` when given).
    static CliResult docker(const QStringList& args, int timeoutMs = 60000, const QString& host = {});

    // A container name unique to this test process: "dp-<test>-<pid>-<suffix>".
    static QString uniqueName(const QString& suffix);
    // A script that writes "<word> 1", "<word> 2", ... one line every `sleep` seconds, forever.
    static QString countingScript(const QString& word, const QString& sleep);
    // docker run -d --network none [extra...] IMAGE sh -c SCRIPT; returns the full id.
    static QString runContainer(const QString& name, const QString& script, const QStringList& extra = {},
                                const QString& host = {});
    static void removeContainer(const QString& nameOrId, const QString& host = {});
    static QString inspectField(const QString& nameOrId, const QString& goTemplate, const QString& host = {});
    // What `docker logs NAME` prints on stdout, as lines without their newline (a TTY's "\r\n"
    // counts as the newline): the reference every exported log is compared with.
    static QList<QByteArray> logLines(const QString& nameOrId, const QString& host = {}, bool tty = false);
    // Waits until the container is no longer running (or the timeout passes).
    static bool waitExited(const QString& nameOrId, int timeoutMs = 30000, const QString& host = {});

    // The sandbox script, for tests that start, freeze or restart their own private daemon.
    static QString sandboxScript();
    // Runs scripts/engine-sandbox.sh <command> <dir>; returns its stdout (the URL for "start").
    static CliResult sandbox(const QString& command, const QString& dir, int timeoutMs = 90000);
};

// Removes the container however the test ends, so a failed test leaves nothing running.
struct RemovedAtEnd
{
    QString name;
    ~RemovedAtEnd() { TestEngine::removeContainer(name); }
};

} // namespace dockpulse::test

// Use at the start of an engine test function: skips without an engine, fails under CI=true.
#define DOCKPULSE_REQUIRE_ENGINE()                                                                           \
    do {                                                                                                     \
        const QString dpReason = ::dockpulse::test::TestEngine::unavailableReason();                         \
        if (!dpReason.isEmpty()) {                                                                           \
            if (::dockpulse::test::TestEngine::inCi())                                                       \
                QFAIL(qPrintable(u"CI=true but no Docker engine for the engine tests: "_s + dpReason));      \
            QSKIP(qPrintable(u"no Docker engine: "_s + dpReason));                                           \
        }                                                                                                    \
    } while (false)
