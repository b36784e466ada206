// The stats stream as the engine sends it: one sample a line (captured samples of this machine's
// dockerd), in pieces cut anywhere.
#include "StatsStreamParser.h"
#include "StatsTestData.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;
using statstest::sample;

namespace {

// What a sample says, in one line, to compare runs.
QStringList summary(const StatsStreamParser::Output& out)
{
    QStringList s;
    for (const StatsSample& x : out.samples)
        s << u"%1 %2 cpu %3/%4 mem %5/%6 pids %7"_s.arg(x.running)
                 .arg(x.readNs)
                 .arg(x.cpu.totalNs)
                 .arg(x.cpu.systemNs)
                 .arg(x.memUsage)
                 .arg(x.memLimit)
                 .arg(x.pids);
    for (const QString& e : out.errors)
        s << u"error: "_s + e.left(40);
    return s;
}

StatsStreamParser::Output parseInPieces(const QByteArray& stream, const QList<qsizetype>& cuts)
{
    StatsStreamParser parser;
    StatsStreamParser::Output out;
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        parser.feed(stream.mid(from, cut - from), out); // each piece its own allocation
        from = cut;
    }
    parser.feed(stream.mid(from), out);
    return out;
}

} // namespace

class TestStatsStreamParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A busy sample, a malformed line, a stopped container's sample, a v2 sample, an unfinished
    // last line: whole, cut at every byte boundary, and byte by byte, the same samples and errors.
    void samplesWholeAndInPieces()
    {
        const QByteArray stream = sample("stats-cgroup1-busy.json") + "\n{\"read\": oops}\r\n\n" +
                                  sample("stats-cgroup1-stopped.json") + "\n" +
                                  sample("stats-cgroup2-handmade.json") + "\n{\"read\":\"2026";
        const StatsStreamParser::Output whole = parseInPieces(stream, {});
        QCOMPARE(whole.samples.size(), 3);
        QVERIFY(whole.samples[0].running);
        QCOMPARE(whole.samples[0].memLimit, quint64(64 << 20));
        QVERIFY(!whole.samples[1].running);
        QCOMPARE(whole.samples[2].pids, 7);
        QCOMPARE(whole.errors.size(), 1);
        QVERIFY2(whole.errors[0].contains(u"not valid JSON"_s), qPrintable(whole.errors[0]));

        const QStringList expected = summary(whole);
        for (qsizetype cut = 1; cut < stream.size(); ++cut)
            QCOMPARE(summary(parseInPieces(stream, {cut})), expected);
        QList<qsizetype> bytewise;
        for (qsizetype i = 1; i < stream.size(); ++i)
            bytewise << i;
        QCOMPARE(summary(parseInPieces(stream, bytewise)), expected);
    }

    void overlongLineIsSkippedAndTheNextSampleParsed()
    {
        StatsStreamParser parser;
        StatsStreamParser::Output out;
        const QByteArray chunk(64 * 1024, 'x');
        for (qsizetype sent = 0; sent <= StatsStreamParser::kMaxLine; sent += chunk.size())
            parser.feed(chunk, out);
        QCOMPARE(out.errors.size(), 1);
        QVERIFY2(out.errors[0].contains(u"longer than"_s), qPrintable(out.errors[0]));
        parser.feed(QByteArray("xxx\n" + sample("stats-cgroup1-busy.json") + "\n"), out);
        QCOMPARE(out.errors.size(), 1);
        QCOMPARE(out.samples.size(), 1);
        QVERIFY(out.samples[0].running);
    }
};

QTEST_GUILESS_MAIN(TestStatsStreamParser)
#include "tst_statsstreamparser.moc"
