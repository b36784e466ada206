// What a scrape exports from the run (the families of GET /metrics) and the verdict of GET
// /healthz, from plain snapshots: no engine, no socket.
#include "RunHealth.h"
#include "RunMetrics.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse::telemetry;
using dockpulse::monitor::TaskSnapshot;
using dockpulse::monitor::TaskState;

Q_DECLARE_METATYPE(dockpulse::telemetry::ScrapeSnapshot)

namespace {
const QString kHost = u"unix:///var/run/docker.sock"_s;

TaskSnapshot task(const QString& name, TaskState state, qint64 ageMs, const QString& host = kHost)
{
    TaskSnapshot t;
    t.task = u"container_"_s + QString::fromLatin1(name.toUtf8().toHex()).left(12).leftJustified(12, u'0');
    t.host = host;
    t.containerId = t.task.mid(10) + u"0000"_s;
    t.containerName = name;
    t.state = state;
    t.heartbeatAgeMs = ageMs;
    t.heartbeats = 7;
    t.rotations = 3;
    t.lines = 120;
    t.bytes = 4096;
    t.errors = 1;
    return t;
}

ScrapeSnapshot scrapeOf(QList<TaskSnapshot> tasks)
{
    ScrapeSnapshot s;
    s.tasks = std::move(tasks);
    s.sample.readers = 2;
    s.sample.threads = 9;
    s.sample.monitored = 2;
    s.engines = {EngineStatus{kHost, true, {}}};
    s.safetyNets = 4;
    s.taskTimeoutMs = 3000;
    return s;
}

const MetricFamily* family(const QList<MetricFamily>& families, const QString& name)
{
    for (const MetricFamily& f : families)
        if (f.name == name)
            return &f;
    return nullptr;
}

// The value of the point whose labels hold every pair given, or NaN.
double valueOf(const MetricFamily* f, const QList<MetricLabel>& want)
{
    if (!f)
        return qQNaN();
    for (const MetricPoint& p : f->points) {
        const bool all = std::all_of(want.begin(), want.end(), [&p](const MetricLabel& w) {
            return std::any_of(p.labels.begin(), p.labels.end(),
                               [&w](const MetricLabel& l) { return l.name == w.name && l.value == w.value; });
        });
        if (all)
            return p.value;
    }
    return qQNaN();
}
} // namespace

class TestRunMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The names CONTRACT.md lists, with their types and units.
    void familiesOfTheContract_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("unit");
        const int gauge = int(MetricType::Gauge);
        const int counter = int(MetricType::Counter);
        QTest::newRow("readers") << u"dockpulse_readers"_s << gauge << QString();
        QTest::newRow("threads") << u"dockpulse_threads"_s << gauge << QString();
        QTest::newRow("monitored") << u"dockpulse_monitored_tasks"_s << gauge << QString();
        QTest::newRow("age") << u"dockpulse_task_heartbeat_age_seconds"_s << gauge << u"seconds"_s;
        QTest::newRow("rotations") << u"dockpulse_task_rotations"_s << counter << QString();
        QTest::newRow("lines") << u"dockpulse_task_lines"_s << counter << QString();
        QTest::newRow("bytes") << u"dockpulse_task_bytes"_s << counter << u"bytes"_s;
        QTest::newRow("heartbeats") << u"dockpulse_task_heartbeats"_s << counter << QString();
        QTest::newRow("errors") << u"dockpulse_task_errors"_s << counter << QString();
        QTest::newRow("state") << u"dockpulse_task_state"_s << gauge << QString();
        QTest::newRow("safety net") << u"dockpulse_safety_net"_s << counter << QString();
        QTest::newRow("engine up") << u"dockpulse_engine_up"_s << gauge << QString();
    }
    void familiesOfTheContract()
    {
        QFETCH(QString, name);
        QFETCH(int, type);
        QFETCH(QString, unit);
        const QList<MetricFamily> families =
            runMetricFamilies(scrapeOf({task(u"web"_s, TaskState::Streaming, 1)}));
        const MetricFamily* f = family(families, name);
        QVERIFY2(f, qPrintable(name));
        QCOMPARE(int(f->type), type);
        QCOMPARE(f->unit, unit);
        QVERIFY(!f->help.isEmpty());
    }

    void whatIsExportedIsValid()
    {
        ScrapeSnapshot s =
            scrapeOf({task(u"web"_s, TaskState::Streaming, 1250), task(u"db"_s, TaskState::TimedOut, 3100),
                      task(u"odd\"name\\\n"_s, TaskState::Exited, 10)});
        s.storeBytes = 1 << 20;
        s.engines << EngineStatus{u"tcp://build1:2376"_s, false, u"reconnecting"_s};
        const QList<MetricFamily> families = runMetricFamilies(s);
        const QString problem = checkFamilies(families);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void processFigures()
    {
        const QList<MetricFamily> f = runMetricFamilies(scrapeOf({}));
        QCOMPARE(valueOf(family(f, u"dockpulse_readers"_s), {}), 2.0);
        QCOMPARE(valueOf(family(f, u"dockpulse_threads"_s), {}), 9.0);
        QCOMPARE(valueOf(family(f, u"dockpulse_monitored_tasks"_s), {}), 2.0);
        QCOMPARE(valueOf(family(f, u"dockpulse_safety_net"_s), {}), 4.0);
        // No tasks yet: their families are there, without points.
        QVERIFY(family(f, u"dockpulse_task_lines"_s));
        QVERIFY(family(f, u"dockpulse_task_lines"_s)->points.isEmpty());
    }

    void perTaskFigures()
    {
        const QList<MetricFamily> f =
            runMetricFamilies(scrapeOf({task(u"web"_s, TaskState::Streaming, 1250)}));
        const QList<MetricLabel> web{{u"host"_s, kHost}, {u"container"_s, u"web"_s}};
        QCOMPARE(valueOf(family(f, u"dockpulse_task_heartbeat_age_seconds"_s), web), 1.25);
        QCOMPARE(valueOf(family(f, u"dockpulse_task_rotations"_s), web), 3.0);
        QCOMPARE(valueOf(family(f, u"dockpulse_task_lines"_s), web), 120.0);
        QCOMPARE(valueOf(family(f, u"dockpulse_task_bytes"_s), web), 4096.0);
        QCOMPARE(valueOf(family(f, u"dockpulse_task_heartbeats"_s), web), 7.0);
        QCOMPARE(valueOf(family(f, u"dockpulse_task_errors"_s), web), 1.0);
        // Exactly these labels, in this order: host, container.
        const MetricPoint& p = family(f, u"dockpulse_task_lines"_s)->points.front();
        QCOMPARE(p.labels.size(), 2);
        QCOMPARE(p.labels[0].name, u"host"_s);
        QCOMPARE(p.labels[1].name, u"container"_s);
    }

    // One series per state, 1 for the current one and 0 for the others.
    void stateIsOneSeriesPerState_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("name");
        QTest::newRow("starting") << int(TaskState::Starting) << u"starting"_s;
        QTest::newRow("streaming") << int(TaskState::Streaming) << u"streaming"_s;
        QTest::newRow("stalled") << int(TaskState::Stalled) << u"stalled"_s;
        QTest::newRow("exited") << int(TaskState::Exited) << u"exited"_s;
        QTest::newRow("stopped") << int(TaskState::Stopped) << u"stopped"_s;
        QTest::newRow("timed_out") << int(TaskState::TimedOut) << u"timed_out"_s;
        QTest::newRow("failed") << int(TaskState::Failed) << u"failed"_s;
    }
    void stateIsOneSeriesPerState()
    {
        QFETCH(int, state);
        QFETCH(QString, name);
        const QList<MetricFamily> f = runMetricFamilies(scrapeOf({task(u"web"_s, TaskState(state), 1)}));
        const MetricFamily* states = family(f, u"dockpulse_task_state"_s);
        QVERIFY(states);
        QCOMPARE(states->points.size(), 7);
        double sum = 0;
        for (const MetricPoint& p : states->points)
            sum += p.value;
        QCOMPARE(sum, 1.0);
        QCOMPARE(valueOf(states, {{u"container"_s, u"web"_s}, {u"state"_s, name}}), 1.0);
    }

    // A container re-created under its name is a second task with the same labels: the newest wins.
    void newestTaskOfANameWins()
    {
        TaskSnapshot old = task(u"web"_s, TaskState::Stopped, 10);
        old.task = u"container_aaaaaaaaaaaa"_s;
        old.lines = 5;
        TaskSnapshot again = task(u"web"_s, TaskState::Streaming, 10);
        again.task = u"container_bbbbbbbbbbbb"_s;
        again.lines = 9;
        const QList<MetricFamily> f = runMetricFamilies(scrapeOf({old, again}));
        QCOMPARE(family(f, u"dockpulse_task_lines"_s)->points.size(), 1);
        QCOMPARE(valueOf(family(f, u"dockpulse_task_lines"_s), {{u"container"_s, u"web"_s}}), 9.0);
        // The same name on another engine is another series.
        const QList<MetricFamily> two =
            runMetricFamilies(scrapeOf({old, task(u"web"_s, TaskState::Streaming, 10, u"tcp://b:2376"_s)}));
        QCOMPARE(family(two, u"dockpulse_task_lines"_s)->points.size(), 2);
    }

    void engineUp()
    {
        ScrapeSnapshot s = scrapeOf({});
        s.engines << EngineStatus{u"ssh://ops@db1"_s, false, u"reconnecting"_s};
        const QList<MetricFamily> f = runMetricFamilies(s);
        QCOMPARE(valueOf(family(f, u"dockpulse_engine_up"_s), {{u"host"_s, kHost}}), 1.0);
        QCOMPARE(valueOf(family(f, u"dockpulse_engine_up"_s), {{u"host"_s, u"ssh://ops@db1"_s}}), 0.0);
    }

    // dockpulse_store_bytes only when a store is open.
    void storeBytesWithAStoreOnly()
    {
        ScrapeSnapshot s = scrapeOf({});
        QVERIFY(!family(runMetricFamilies(s), u"dockpulse_store_bytes"_s));
        s.storeBytes = 123456;
        const QList<MetricFamily> f = runMetricFamilies(s);
        QCOMPARE(valueOf(family(f, u"dockpulse_store_bytes"_s), {}), 123456.0);
        QCOMPARE(family(f, u"dockpulse_store_bytes"_s)->unit, u"bytes"_s);
    }

    void health_data()
    {
        QTest::addColumn<ScrapeSnapshot>("scrape");
        QTest::addColumn<QStringList>("reasons"); // each contained in one reason, in order

        QTest::newRow("no tasks") << scrapeOf({}) << QStringList();
        QTest::newRow("young heartbeats")
            << scrapeOf({task(u"web"_s, TaskState::Streaming, 2999), task(u"db"_s, TaskState::Exited, 10)})
            << QStringList();
        QTest::newRow("a user-stopped task is no reason")
            << scrapeOf({task(u"web"_s, TaskState::Stopped, 99999)}) << QStringList();
        QTest::newRow("age at the timeout")
            << scrapeOf({task(u"web"_s, TaskState::Streaming, 3000)})
            << QStringList{
                   u"(web on unix:///var/run/docker.sock): no heartbeat for 3000 ms (task timeout 3000 ms)"_s};
        QTest::newRow("timed out") << scrapeOf({task(u"web"_s, TaskState::TimedOut, 3100),
                                                task(u"db"_s, TaskState::Streaming, 5)})
                                   << QStringList{u"(web on unix:///var/run/docker.sock): timed out"_s};
        ScrapeSnapshot down = scrapeOf({task(u"web"_s, TaskState::Stalled, 100)});
        down.engines = {EngineStatus{kHost, false, u"reconnecting: no Docker socket at /x"_s}};
        QTest::newRow("engine down")
            << down
            << QStringList{
                   u"engine unix:///var/run/docker.sock does not answer: reconnecting: no Docker socket at /x"_s};
    }
    void health()
    {
        QFETCH(ScrapeSnapshot, scrape);
        QFETCH(QStringList, reasons);
        const HealthVerdict verdict = runHealth(scrape);
        QCOMPARE(verdict.healthy(), reasons.isEmpty());
        QCOMPARE(verdict.reasons.size(), reasons.size());
        for (qsizetype i = 0; i < reasons.size(); ++i)
            QVERIFY2(verdict.reasons[i].contains(reasons[i]), qPrintable(verdict.reasons[i]));
    }
};

QTEST_GUILESS_MAIN(TestRunMetrics)
#include "tst_runmetrics.moc"
