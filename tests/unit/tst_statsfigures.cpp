// Stats samples and the figures `docker stats` shows (issue 16 item 2). The cgroup v1 samples were
// captured from this machine's dockerd 20.10 (a busy-loop container under --memory 64m, then the
// same container stopped); the cgroup v2 sample is written by hand after the field names a v2
// host's engine sends (memory_stats.stats without the total_ keys, lower-case blkio operations,
// no percpu_usage), with round numbers so the expected figures can be checked by eye.
#include "StatsFigures.h"
#include "StatsSample.h"
#include "StatsTestData.h"

#include <QtTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;
using statstest::sample;

namespace {

StatsSample parsed(const QByteArray& json)
{
    auto s = parseStatsSample(json);
    if (!s)
        qFatal("%s", qPrintable(s.error()));
    return s.value();
}

} // namespace

Q_DECLARE_METATYPE(std::optional<quint64>)

class TestStatsFigures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void figuresAsDockerStatsShowsThem_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<double>("cpuPercent");
        QTest::addColumn<quint64>("memUsed");
        QTest::addColumn<quint64>("memLimit");
        QTest::addColumn<quint64>("netRx");
        QTest::addColumn<quint64>("netTx");
        QTest::addColumn<quint64>("blockRead");
        QTest::addColumn<quint64>("blockWrite");
        QTest::addColumn<qint64>("pids");
        // One core busy for the sample's second: 1,003,376,434 ns of 2,000,000,000 across 2 CPUs.
        // Memory: usage 2,162,688 less total_inactive_file 1,290,240.
        QTest::newRow("cgroup v1, busy loop, --memory 64m")
            << sample("stats-cgroup1-busy.json") << 100.3376434 << quint64(872'448) << quint64(64 << 20)
            << quint64(0) << quint64(0) << quint64(0) << quint64(0) << qint64(1);
        // 2 s of 4 s across 4 CPUs: two cores busy. Memory: 73,400,320 less inactive_file 4,194,304.
        QTest::newRow("cgroup v2, two networks, two disks")
            << sample("stats-cgroup2-handmade.json") << 200.0 << quint64(69'206'016) << quint64(128 << 20)
            << quint64(5'300) << quint64(1'270) << quint64(1'050'624) << quint64(4'608) << qint64(7);
    }
    void figuresAsDockerStatsShowsThem()
    {
        QFETCH(QByteArray, json);
        QFETCH(double, cpuPercent);
        const StatsFigures f = statsFigures(parsed(json), nullptr);
        QVERIFY(f.cpuPercent);
        QVERIFY2(qAbs(*f.cpuPercent - cpuPercent) < 1e-6, qPrintable(QString::number(*f.cpuPercent, 'f', 9)));
        QTEST(f.memUsedBytes, "memUsed");
        QTEST(f.memLimitBytes, "memLimit");
        QTEST(f.netRxBytes, "netRx");
        QTEST(f.netTxBytes, "netTx");
        QTEST(f.blockReadBytes, "blockRead");
        QTEST(f.blockWriteBytes, "blockWrite");
        QTEST(f.pids, "pids");
    }

    void stoppedContainerHasNoFigures()
    {
        const StatsSample s = parsed(sample("stats-cgroup1-stopped.json"));
        QVERIFY(!s.running);
        const StatsFigures f = statsFigures(s, nullptr);
        QVERIFY(!f.cpuPercent);
        QCOMPARE(f.memUsedBytes, 0u);
    }

    // A stream that rotates begins without the engine's previous reading; our own previous
    // sample stands in. After a restart the counters go back: no CPU figure, never a negative
    // or huge one.
    void cpuAgainstOurOwnPreviousSample()
    {
        StatsSample before = parsed(sample("stats-cgroup2-handmade.json"));
        StatsSample now = before;
        now.readNs += 1'000'000'000;
        now.preCpu = {}; // the first sample of a new stream
        now.cpu.totalNs += 1'000'000'000;
        now.cpu.systemNs += 4'000'000'000;
        QVERIFY(!statsFigures(now, nullptr).cpuPercent);
        const auto share = statsFigures(now, &before).cpuPercent;
        QVERIFY(share);
        QCOMPARE(*share, 100.0); // 1 s of 4 s across 4 CPUs

        StatsSample restarted = now;
        restarted.readNs += 1'000'000'000;
        restarted.cpu.totalNs = 5'000'000; // a new process: its counters begin again
        restarted.cpu.systemNs += 4'000'000'000;
        restarted.preCpu = now.cpu; // the engine's previous reading, from before the restart
        QVERIFY(!statsFigures(restarted, &now).cpuPercent);
    }

    // Memory as the CLI computes it: v1 subtracts total_inactive_file, v2 inactive_file; a cache
    // figure larger than the usage (counters read at different instants) leaves the usage.
    void memoryUsedLessInactiveFileCache_data()
    {
        QTest::addColumn<std::optional<quint64>>("totalInactiveFile");
        QTest::addColumn<std::optional<quint64>>("inactiveFile");
        QTest::addColumn<quint64>("used");
        const std::optional<quint64> none;
        QTest::newRow("v1") << std::optional<quint64>(300) << std::optional<quint64>(100) << quint64(700);
        QTest::newRow("v2") << none << std::optional<quint64>(100) << quint64(900);
        QTest::newRow("neither") << none << none << quint64(1000);
        QTest::newRow("v1 cache above usage") << std::optional<quint64>(1500) << none << quint64(1000);
        QTest::newRow("v2 cache above usage") << none << std::optional<quint64>(1500) << quint64(1000);
    }
    void memoryUsedLessInactiveFileCache()
    {
        QFETCH(std::optional<quint64>, totalInactiveFile);
        QFETCH(std::optional<quint64>, inactiveFile);
        StatsSample s;
        s.running = true;
        s.memUsage = 1000;
        s.totalInactiveFile = totalInactiveFile;
        s.inactiveFile = inactiveFile;
        QTEST(statsFigures(s, nullptr).memUsedBytes, "used");
    }

    // Found by fuzz_stats: a counter beyond 64 bits was converted to an integer (undefined
    // behaviour, which UBSan stops at). Such a counter reads as the largest, a negative one as 0.
    void countersOutOfRangeAreClamped()
    {
        const StatsSample s =
            parsed(R"({"read":"2026-12-02T07:00:02Z","memory_stats":{"usage":3.96e112,"limit":-5},
            "cpu_stats":{"cpu_usage":{"total_usage":1e300},"system_cpu_usage":2,"online_cpus":1e30},
            "pids_stats":{"current":1e19}})"_ba);
        QCOMPARE(s.memUsage, std::numeric_limits<quint64>::max());
        QCOMPARE(s.memLimit, 0u);
        QCOMPARE(s.cpu.totalNs, std::numeric_limits<quint64>::max());
        QCOMPARE(s.cpu.onlineCpus, 1 << 16);
        QCOMPARE(s.pids, std::numeric_limits<qint64>::max());
    }

    void malformedAnswersAreErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("says");
        QTest::newRow("not json") << "{\"read\": "_ba << u"not valid JSON"_s;
        QTest::newRow("an array") << "[1, 2]"_ba << u"not a JSON object"_s;
        QTest::newRow("cpu_stats a number")
            << R"({"read":"2026-12-02T07:00:00Z","cpu_stats":3})"_ba << u"\"cpu_stats\" is not an object"_s;
        QTest::newRow("a bad time") << R"({"read":"yesterday"})"_ba << u"unreadable time: \"yesterday\""_s;
        // Cut anywhere: an error, never a crash or a sample.
        const QByteArray whole = sample("stats-cgroup1-busy.json");
        for (qsizetype n : {qsizetype(1), whole.size() / 3, whole.size() / 2, whole.size() - 2})
            QTest::addRow("cut at %lld", qint64(n)) << whole.first(n) << u"not valid JSON"_s;
    }
    void malformedAnswersAreErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, says);
        const auto s = parseStatsSample(json);
        QVERIFY(!s);
        QVERIFY2(s.error().contains(says), qPrintable(s.error()));
    }
};

QTEST_GUILESS_MAIN(TestStatsFigures)
#include "tst_statsfigures.moc"
