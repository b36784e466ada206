// RunHistory keeps a fixed size per metric sample: the per-task ages a live sample carries are
// the charts' (bounded rings per task in ChartHistory), not something to keep for every sample.
// And it holds its byte budget however long the run: past it the oldest records of any kind go,
// the newest are all kept, and what was dropped is counted.
#include "RunHistory.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::monitor::HeartbeatRecord;
using dockpulse::monitor::MetricSample;
using dockpulse::monitor::TaskEventRecord;
using dockpulse::telemetry::RunHistory;

class TestRunHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void samplesKeepNoAges_data()
    {
        QTest::addColumn<int>("tasks");
        QTest::addColumn<int>("samples");
        QTest::newRow("no task") << 0 << 10;
        QTest::newRow("one task") << 1 << 100;
        QTest::newRow("200 tasks") << 200 << 1000;
    }

    // What would grow with samples x tasks: any age kept, or any allocation for ages.
    void samplesKeepNoAges()
    {
        QFETCH(int, tasks);
        QFETCH(int, samples);
        RunHistory history;
        for (int s = 0; s < samples; ++s) {
            MetricSample sample;
            sample.wallMs = 1000 + s;
            sample.threads = 7;
            sample.readers = tasks;
            sample.monitored = tasks;
            for (int t = 0; t < tasks; ++t)
                sample.ages.append({u"container_%1"_s.arg(t, 12, 10, QChar(u'0')), qint64(s + t)});
            sample.maxHeartbeatAgeMs = tasks > 0 ? s + tasks - 1 : 0;
            history.add(sample);
        }
        QCOMPARE(history.metrics().size(), qsizetype(samples));
        qsizetype agesKept = 0;
        qsizetype agesAllocated = 0;
        history.metrics().forEach([&](const MetricSample& m) {
            agesKept += m.ages.size();
            agesAllocated += m.ages.capacity();
        });
        QCOMPARE(agesKept, qsizetype(0));
        QCOMPARE(agesAllocated, qsizetype(0));
        // What metrics.csv needs is all kept.
        for (qsizetype i = 0; i < history.metrics().size(); ++i) {
            const MetricSample& m = history.metrics().at(i);
            QCOMPARE(m.wallMs, 1000 + i);
            QCOMPARE(m.threads, 7);
            QCOMPARE(m.readers, tasks);
            QCOMPARE(m.monitored, tasks);
            QCOMPARE(m.maxHeartbeatAgeMs, tasks > 0 ? i + tasks - 1 : 0);
        }
    }
};

namespace {

// One record of a simulated run at time t: a heartbeat, an event or a sample, in turn.
struct Fed
{
    int kind; // 0 heartbeat, 1 event, 2 sample
    qint64 wallMs;
};

void feed(RunHistory& history, const Fed& f, int task)
{
    const QString name = u"container_%1"_s.arg(task, 12, 10, QChar(u'0'));
    if (f.kind == 0) {
        HeartbeatRecord r;
        r.wallMs = f.wallMs;
        r.task = name;
        r.containerName = u"web-"_s + QString::number(task);
        history.add(r);
    } else if (f.kind == 1) {
        TaskEventRecord r;
        r.wallMs = f.wallMs;
        r.task = name;
        r.event = u"rotated"_s;
        r.detail = QString(task % 7 * 40, u'd'); // details of many lengths
        r.containerName = u"web-"_s + QString::number(task);
        history.add(r);
    } else {
        MetricSample s;
        s.wallMs = f.wallMs;
        s.ages.append({name, 5});
        history.add(s);
    }
}

qint64 costKept(const RunHistory& h)
{
    qint64 sum = 0;
    h.heartbeats().forEach([&](const HeartbeatRecord& r) { sum += RunHistory::costOf(r); });
    h.events().forEach([&](const TaskEventRecord& r) { sum += RunHistory::costOf(r); });
    h.metrics().forEach([&](const MetricSample& s) { sum += RunHistory::costOf(s); });
    return sum;
}

qint64 oldestKept(const RunHistory& h)
{
    qint64 oldest = std::numeric_limits<qint64>::max();
    if (!h.heartbeats().isEmpty())
        oldest = std::min(oldest, h.heartbeats().first().wallMs);
    if (!h.events().isEmpty())
        oldest = std::min(oldest, h.events().first().wallMs);
    if (!h.metrics().isEmpty())
        oldest = std::min(oldest, h.metrics().first().wallMs);
    return oldest;
}

} // namespace

class TestRunHistoryBudget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void holdsItsBudget_data()
    {
        QTest::addColumn<qint64>("budget");
        QTest::addColumn<int>("records");
        QTest::newRow("1 byte: keeps nothing") << qint64(1) << 100;
        QTest::newRow("4 KiB") << qint64(4096) << 5000;
        QTest::newRow("1 MiB, 100k records") << qint64(1 << 20) << 100000;
        QTest::newRow("budget above what was fed") << qint64(1) << 0;
    }

    // Whatever was fed: within the budget after every add, the bytes counted are the kept
    // records' costs, every record newer than droppedUntilMs is kept, and kept + dropped is all.
    void holdsItsBudget()
    {
        QFETCH(qint64, budget);
        QFETCH(int, records);
        RunHistory history(budget);
        qint64 fed = 0;
        for (int i = 0; i < records; ++i) {
            feed(history, Fed{i % 3, 1000 + i}, i % 200);
            ++fed;
            QVERIFY2(history.bytes() <= budget,
                     qPrintable(u"%1 bytes after record %2"_s.arg(history.bytes()).arg(i)));
        }
        QCOMPARE(history.bytes(), costKept(history));
        const qint64 kept = history.heartbeats().size() + history.events().size() + history.metrics().size();
        QCOMPARE(kept + history.dropped(), fed);
        if (history.dropped() > 0) {
            // What was dropped is exactly the oldest: the kept records are times droppedUntil+1 .. end.
            QCOMPARE(kept, fed - (history.droppedUntilMs() - 1000 + 1));
            if (kept > 0)
                QCOMPARE(oldestKept(history), history.droppedUntilMs() + 1);
        } else {
            QCOMPARE(history.droppedUntilMs(), qint64(0));
        }
    }

    void smallerBudgetTrimsAtOnce()
    {
        RunHistory history(1 << 20);
        for (int i = 0; i < 3000; ++i)
            feed(history, Fed{i % 3, 1000 + i}, i % 200);
        QCOMPARE(history.dropped(), qint64(0));
        history.setBudget(10000);
        QVERIFY(history.bytes() <= 10000);
        QVERIFY(history.dropped() > 0);
        QCOMPARE(history.bytes(), costKept(history));
        QCOMPARE(oldestKept(history), history.droppedUntilMs() + 1);
    }
};

int main(int argc, char** argv)
{
    TestRunHistory ages;
    TestRunHistoryBudget budget;
    return QTest::qExec(&ages, argc, argv) | QTest::qExec(&budget, argc, argv);
}

#include "tst_runhistory.moc"
