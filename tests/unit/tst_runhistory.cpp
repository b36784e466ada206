// RunHistory keeps a fixed size per metric sample: the per-task ages a live sample carries are
// the charts' (bounded rings per task in ChartHistory), not something to keep for every sample.
#include "RunHistory.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::monitor::MetricSample;
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

QTEST_GUILESS_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
