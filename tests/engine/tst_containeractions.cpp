// Container actions through the Engine API against the real dockerd: each one changes the state
// `docker inspect` reports; "already so" (304) is no error; refusals carry the daemon's message.
#include "DockerClient.h"
#include "EngineCall.h"
#include "TestEngine.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;
using dockpulse::test::awaitCall;
using dockpulse::test::errorOf;
using dockpulse::test::TestEngine;

namespace {
// "running", "paused", "exited", ... or empty when the container is gone.
QString stateOf(const QString& name)
{
    return TestEngine::inspectField(name, u"{{.State.Status}}"_s);
}
} // namespace

class TestContainerActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { DOCKPULSE_REQUIRE_ENGINE(); }

    void eachActionChangesTheState()
    {
        const QString name = TestEngine::uniqueName(u"act"_s);
        const QString id =
            TestEngine::runContainer(name, u"trap 'exit 0' TERM; while true; do sleep 0.1; done"_s);
        QVERIFY(!id.isEmpty());
        DockerClient client(parseEndpoint(TestEngine::hostUrl()).value());
        const auto ping = awaitCall<PingResult>([&](auto cb) { client.negotiate(cb); });
        QVERIFY(ping && ping->hasValue()); // the actions go versioned, as the dashboard's do

        const struct
        {
            ContainerAction action;
            const char* state;
            bool changed;
        } steps[] = {
            {ContainerAction::Pause, "paused", true},    {ContainerAction::Unpause, "running", true},
            {ContainerAction::Stop, "exited", true},     {ContainerAction::Stop, "exited", false},
            {ContainerAction::Start, "running", true},   {ContainerAction::Start, "running", false},
            {ContainerAction::Restart, "running", true},
        };
        for (const auto& step : steps) {
            const QByteArray verb = containerActionVerb(step.action);
            auto r = awaitCall<bool>([&](auto cb) { client.containerAction(id, step.action, cb); }, 60000);
            QVERIFY2(r.has_value(), verb.constData());
            QVERIFY2(r->hasValue(), qPrintable(QString::fromLatin1(verb) + u": "_s + errorOf(*r)));
            QCOMPARE(r->value(), step.changed);
            QCOMPARE(stateOf(name), QString::fromLatin1(step.state));
        }
        TestEngine::removeContainer(name);
    }

    void restartStartsAgain()
    {
        const QString name = TestEngine::uniqueName(u"restart"_s);
        const QString id = TestEngine::runContainer(name, u"sleep 600"_s);
        QVERIFY(!id.isEmpty());
        const QString startedBefore = TestEngine::inspectField(name, u"{{.State.StartedAt}}"_s);
        DockerClient client(parseEndpoint(TestEngine::hostUrl()).value());
        auto r = awaitCall<bool>([&](auto cb) { client.containerAction(name, ContainerAction::Restart, cb); },
                                 60000);
        // sleep as pid 1 ignores SIGTERM: the daemon answers after the 10 s grace period.
        QVERIFY(r);
        QVERIFY2(r->hasValue(), qPrintable(errorOf(*r)));
        QCOMPARE(stateOf(name), u"running"_s);
        QVERIFY(TestEngine::inspectField(name, u"{{.State.StartedAt}}"_s) != startedBefore);
        TestEngine::removeContainer(name);
    }

    void removeRunningNeedsForce()
    {
        const QString name = TestEngine::uniqueName(u"rm"_s);
        const QString id = TestEngine::runContainer(name, u"sleep 600"_s);
        QVERIFY(!id.isEmpty());
        DockerClient client(parseEndpoint(TestEngine::hostUrl()).value());

        auto refused = awaitCall<bool>([&](auto cb) { client.removeContainer(id, false, cb); });
        QVERIFY(refused && !refused->hasValue());
        QCOMPARE(refused->error().kind, EngineError::Kind::Http);
        QCOMPARE(refused->error().httpStatus, 409);
        // The daemon's own words, not a generic "HTTP error".
        QVERIFY2(refused->error().message.contains(u"running container"_s), qPrintable(errorOf(*refused)));
        QCOMPARE(stateOf(name), u"running"_s);

        auto forced = awaitCall<bool>([&](auto cb) { client.removeContainer(id, true, cb); }, 60000);
        QVERIFY2(forced && forced->hasValue(), forced ? qPrintable(errorOf(*forced)) : "no callback");
        QCOMPARE(forced->value(), true);
        QCOMPARE(TestEngine::docker({u"inspect"_s, name}).exitCode, 1); // gone
    }

    void removeStoppedAndUnknown()
    {
        const QString name = TestEngine::uniqueName(u"rmstopped"_s);
        const QString id = TestEngine::runContainer(name, u"exit 0"_s);
        QVERIFY(!id.isEmpty());
        QVERIFY(TestEngine::waitExited(name));
        DockerClient client(parseEndpoint(TestEngine::hostUrl()).value());
        auto removed = awaitCall<bool>([&](auto cb) { client.removeContainer(name, false, cb); });
        QVERIFY2(removed && removed->hasValue(), removed ? qPrintable(errorOf(*removed)) : "no callback");
        QCOMPARE(TestEngine::docker({u"inspect"_s, name}).exitCode, 1);

        auto unknown =
            awaitCall<bool>([&](auto cb) { client.containerAction(name, ContainerAction::Start, cb); });
        QVERIFY(unknown && !unknown->hasValue());
        QCOMPARE(unknown->error().httpStatus, 404);
        QVERIFY2(unknown->error().message.contains(u"No such container"_s), qPrintable(errorOf(*unknown)));
    }
};

QTEST_GUILESS_MAIN(TestContainerActions)
#include "tst_containeractions.moc"
