#include "EngineWatcher.h"
#include "LogTimestamp.h"
#include "TestEngine.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::monitor::EngineWatcher;
using dockpulse::test::TestEngine;

class TestEngineWatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The engine's picture: every container, running ones with their start time (for uptime),
    // kept current by the events stream.
    void listsContainersWithStartTimes()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"watched"_s);
        const QString id = TestEngine::runContainer(name, u"sleep 60"_s);
        QVERIFY(!id.isEmpty());
        const auto endpoint = dockpulse::docker::parseEndpoint(TestEngine::hostUrl());
        QVERIFY(endpoint.hasValue());
        EngineWatcher watcher(endpoint.value(), TestEngine::hostUrl());
        QSignalSpy connected(&watcher, &EngineWatcher::connected);
        watcher.start();
        QVERIFY(connected.wait(10000));
        QCOMPARE(watcher.state(), EngineWatcher::State::Connected);
        QVERIFY(watcher.apiVersion().has_value());
        QVERIFY(watcher.containers().contains(id));
        QTRY_VERIFY_WITH_TIMEOUT(watcher.containers().value(id).startedAtNs > 0, 10000);
        // The engine's own RFC 3339 start time ({{.State.StartedAt.UnixNano}} is a template error:
        // inspect sees a string there, and the empty answer made this check never run).
        const QString startedText = TestEngine::inspectField(name, u"{{.State.StartedAt}}"_s).trimmed();
        const std::optional<qint64> parsed = dockpulse::docker::parseRfc3339Nanos(startedText.toLatin1());
        QVERIFY2(parsed.has_value(),
                 qPrintable(u"docker inspect gave no start time: \"%1\""_s.arg(startedText)));
        const qint64 started = *parsed;
        QVERIFY2(started > 0, qPrintable(startedText));
        QCOMPARE(watcher.containers().value(id).startedAtNs, started);

        // A container that appears later is seen through the events stream.
        QSignalSpy events(&watcher, &EngineWatcher::containerEvent);
        const QString later = TestEngine::uniqueName(u"later"_s);
        const QString laterId = TestEngine::runContainer(later, u"sleep 60"_s);
        QTRY_VERIFY_WITH_TIMEOUT(watcher.containers().contains(laterId), 10000);
        QVERIFY(events.count() > 0);
        TestEngine::removeContainer(later);
        QTRY_VERIFY_WITH_TIMEOUT(!watcher.containers().contains(laterId), 10000);
        TestEngine::removeContainer(name);
    }

    void unreachableEngineReportsAndRetries()
    {
        dockpulse::docker::Endpoint e;
        e.socketPath = u"/nonexistent/docker.sock"_s;
        EngineWatcher watcher(e, e.url());
        QSignalSpy failed(&watcher, &EngineWatcher::firstConnectFailed);
        QSignalSpy states(&watcher, &EngineWatcher::stateChanged);
        watcher.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
        QCOMPARE(watcher.lastError().kind, dockpulse::docker::EngineError::Kind::NoSocket);
        // It keeps trying on its own, with backoff.
        QTRY_VERIFY_WITH_TIMEOUT(states.count() >= 3, 5000);
        QCOMPARE(failed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEngineWatcher)
#include "tst_enginewatcher.moc"
