// The task list as the dashboard shows it, against the real engine: a finished task can be
// forgotten (and only a finished one), every record names its container, and removing a
// container is not counted as an error.
#include "MonitorEngine.h"
#include "TestEngine.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using dockpulse::test::TestEngine;

namespace {
monitor::MonitorSettings compressed()
{
    monitor::MonitorSettings s;
    s.readDeadlineMs = 400;
    s.contextTimeoutMs = 450;
    s.heartbeatEveryMs = 200;
    s.taskTimeoutMs = 20000;
    s.cleanupEveryMs = 500;
    s.sampleEveryMs = 500;
    return s;
}

QString loop(const QString& word)
{
    return TestEngine::countingScript(word, u"0.05"_s);
}

struct Run
{
    std::unique_ptr<monitor::MonitorEngine> engine;
    QString host;

    bool start()
    {
        const auto endpoint = docker::parseEndpoint(TestEngine::hostUrl());
        if (!endpoint)
            return false;
        host = TestEngine::hostUrl();
        engine = std::make_unique<monitor::MonitorEngine>(
            compressed(), QList<monitor::MonitorEngine::EngineSpec>{{endpoint.value(), host}});
        engine->start();
        return true;
    }
    // Starts monitoring name; the task, or empty.
    QString monitor(const QString& name)
    {
        QString task;
        engine->monitor(host, name,
                        [&task](const monitor::MonitorEngine::MonitorResult& r) { task = r.task; });
        (void)QTest::qWaitFor([&task] { return !task.isEmpty(); }, 15000);
        return task;
    }
    monitor::TaskState state(const QString& task) const { return engine->tasks().snapshot(task).state; }
    ~Run()
    {
        if (!engine)
            return;
        QSignalSpy done(engine.get(), &monitor::MonitorEngine::shutDown);
        engine->shutdown();
        done.wait(10000);
    }
};
} // namespace

class TestTaskList : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onlyAFinishedTaskIsForgotten()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"forget"_s);
        QVERIFY(!TestEngine::runContainer(name, loop(u"f"_s)).isEmpty());
        Run run;
        QVERIFY(run.start());
        const QString task = run.monitor(name);
        QVERIFY(!task.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(run.state(task), monitor::TaskState::Streaming, 15000);

        QVERIFY(!run.engine->forgetTask(u"container_000000000000"_s)); // unknown
        QVERIFY(!run.engine->forgetTask(task));                        // streaming: kept
        QVERIFY(run.engine->tasks().contains(task));

        run.engine->stopTask(task);
        QTRY_COMPARE_WITH_TIMEOUT(run.state(task), monitor::TaskState::Stopped, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(run.engine->tasks().activeMonitors(), 0, 10000);
        QVERIFY(run.engine->forgetTask(task));
        QVERIFY(!run.engine->tasks().contains(task));
        QVERIFY(run.engine->tasks().snapshots().isEmpty());
        QVERIFY(run.engine->tasks().taskNames().isEmpty());
        QVERIFY(!run.engine->forgetTask(task)); // once

        // The container can be monitored again afterwards: one row, streaming.
        QCOMPARE(run.monitor(name), task);
        QTRY_COMPARE_WITH_TIMEOUT(run.state(task), monitor::TaskState::Streaming, 15000);
        QCOMPARE(run.engine->tasks().taskNames(), QStringList{task});
        TestEngine::removeContainer(name);
    }

    void everyRecordNamesItsContainer()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"named"_s);
        QVERIFY(!TestEngine::runContainer(name, loop(u"n"_s)).isEmpty());
        Run run;
        QVERIFY(run.start());
        QList<monitor::TaskEventRecord> events;
        QList<monitor::HeartbeatRecord> beats;
        connect(run.engine.get(), &monitor::MonitorEngine::eventRecorded, this,
                [&events](const monitor::TaskEventRecord& r) { events.append(r); });
        connect(run.engine.get(), &monitor::MonitorEngine::heartbeatRecorded, this,
                [&beats](const monitor::HeartbeatRecord& r) { beats.append(r); });
        const QString task = run.monitor(name);
        QTRY_VERIFY_WITH_TIMEOUT(beats.size() >= 3 && events.size() >= 4, 15000);
        run.engine->stopTask(task);
        QTRY_COMPARE_WITH_TIMEOUT(run.state(task), monitor::TaskState::Stopped, 10000);
        for (const monitor::TaskEventRecord& e : std::as_const(events))
            QVERIFY2(e.containerName == name, qPrintable(e.event + u" names '"_s + e.containerName + u"'"_s));
        for (const monitor::HeartbeatRecord& h : std::as_const(beats))
            QCOMPARE(h.containerName, name);
        TestEngine::removeContainer(name);
    }

    // docker rm -f answers the last read with "HTTP 409 ... dead or marked for removal": the
    // container is going away, which is what the task reports, not an error.
    void removingAContainerIsNotAnError_data()
    {
        QTest::addColumn<bool>("stopFirst");
        QTest::newRow("rm -f running") << false;
        QTest::newRow("stop, then rm") << true;
    }
    void removingAContainerIsNotAnError()
    {
        QFETCH(bool, stopFirst);
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"removed"_s);
        QVERIFY(!TestEngine::runContainer(name, loop(u"r"_s)).isEmpty());
        Run run;
        QVERIFY(run.start());
        QStringList seen;
        connect(run.engine.get(), &monitor::MonitorEngine::eventRecorded, this,
                [&seen](const monitor::TaskEventRecord& r) { seen << r.event + u' ' + r.detail; });
        const QString task = run.monitor(name);
        QTRY_COMPARE_WITH_TIMEOUT(run.state(task), monitor::TaskState::Streaming, 15000);
        if (stopFirst) {
            QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"1"_s, name}).ok());
            QTRY_COMPARE_WITH_TIMEOUT(run.state(task), monitor::TaskState::Exited, 15000);
        }
        QVERIFY(TestEngine::docker({u"rm"_s, u"-f"_s, name}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run.state(task), monitor::TaskState::Stopped, 15000);
        const monitor::TaskSnapshot s = run.engine->tasks().snapshot(task);
        QVERIFY2(s.errors == 0, qPrintable(u"errors %1, last: %2; events: %3"_s.arg(s.errors).arg(
                                    s.lastError, seen.join(u" | "_s))));
        QVERIFY2(s.lastError.isEmpty(), qPrintable(s.lastError));
        for (const QString& e : std::as_const(seen))
            QVERIFY2(!e.startsWith(u"stalled"_s) && !e.startsWith(u"error"_s), qPrintable(e));
        QVERIFY2(seen.last().startsWith(u"container_removed"_s), qPrintable(seen.join(u" | "_s)));
    }
};

QTEST_GUILESS_MAIN(TestTaskList)
#include "tst_tasklist.moc"
