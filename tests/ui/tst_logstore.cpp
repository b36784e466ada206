#include "LogStore.h"
#include "LogUiTestSupport.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::docker::LogStreamKind;
using dockpulse::test::batchOf;
using dockpulse::test::numbered;
using dockpulse::ui::LogStore;
using dockpulse::ui::TaskLogBuffer;

namespace {

qsizetype sumOf(const QSignalSpy& spy, const QString& task)
{
    qsizetype total = 0;
    for (const QList<QVariant>& args : spy) {
        if (args.at(0).toString() == task)
            total += args.at(1).value<qsizetype>();
    }
    return total;
}

// Every retained line of `task` is "<prefix><its index>": nothing lost, moved or repeated.
void verifyNumbered(const LogStore& store, const QString& task, const QByteArray& prefix)
{
    const TaskLogBuffer* b = store.buffer(task);
    QVERIFY(b);
    for (qint64 i = b->firstIndex(); i < b->endIndex(); ++i)
        QCOMPARE(b->line(i).bytes.toByteArray(), prefix + QByteArray::number(i));
}

// `count` lines of exactly kFixedLine bytes: "<task>:<index, zero-padded>".
constexpr qsizetype kFixedLine = 16;
dockpulse::docker::LogBatch fixedLines(const QString& task, qint64 first, qint64 count)
{
    dockpulse::docker::LogBatch batch;
    for (qint64 i = first; i < first + count; ++i) {
        const QByteArray head = task.toUtf8() + ':';
        batch.append(i, LogStreamKind::Stdout,
                     QByteArray(head + QByteArray::number(i).rightJustified(kFixedLine - head.size(), '0')));
    }
    return batch;
}

constexpr qint64 kFixedCost = kFixedLine + TaskLogBuffer::kLineOverhead;

// What the store holds, counted line by line (never trusting byteCost()).
qint64 countedCost(const LogStore& store)
{
    qint64 total = 0;
    for (const QString& task : store.tasks()) {
        const TaskLogBuffer* b = store.buffer(task);
        for (qint64 i = b->firstIndex(); i < b->endIndex(); ++i)
            total += b->line(i).bytes.size() + TaskLogBuffer::kLineOverhead;
    }
    return total;
}

QList<qint64> retainedSeqs(const LogStore& store)
{
    QList<qint64> seqs;
    for (const QString& task : store.tasks()) {
        const TaskLogBuffer* b = store.buffer(task);
        for (qint64 i = b->firstIndex(); i < b->endIndex(); ++i)
            seqs << b->line(i).seq;
    }
    std::sort(seqs.begin(), seqs.end());
    return seqs;
}

} // namespace

class TestLogStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendCountsAndSignals()
    {
        LogStore store(100);
        QSignalSpy appended(&store, &LogStore::linesAppended);
        QSignalSpy trimmed(&store, &LogStore::linesTrimmed);
        store.append(u"t1"_s, u"web"_s, numbered("a", 0, 3));
        store.append(u"t2"_s, u"db"_s, numbered("b", 0, 2));
        store.append(u"t1"_s, u"web"_s, numbered("a", 3, 4));
        store.append(u"t1"_s, u"web"_s, {}); // empty batch: nothing happens
        QCOMPARE(store.lineCount(u"t1"_s), 7);
        QCOMPARE(store.lineCount(u"t2"_s), 2);
        QCOMPARE(store.lineCount(u"none"_s), 0);
        QCOMPARE(store.totalAppended(), 9);
        QCOMPARE(appended.count(), 3);
        QCOMPARE(appended.at(2).at(0).toString(), u"t1"_s);
        QCOMPARE(appended.at(2).at(1).value<qsizetype>(), 4);
        QCOMPARE(trimmed.count(), 0);
        QCOMPARE(store.buffer(u"t1"_s)->containerName(), u"web"_s);
        QVERIFY(!store.buffer(u"none"_s));
        verifyNumbered(store, u"t1"_s, "a");
    }

    void retention_data()
    {
        QTest::addColumn<qsizetype>("cap");
        QTest::addColumn<QList<qsizetype>>("batches");
        QTest::newRow("below cap") << qsizetype(10) << QList<qsizetype>{5};
        QTest::newRow("exactly cap") << qsizetype(10) << QList<qsizetype>{10};
        QTest::newRow("two batches over") << qsizetype(10) << QList<qsizetype>{7, 7};
        QTest::newRow("burst larger than cap") << qsizetype(10) << QList<qsizetype>{25};
        QTest::newRow("burst after lines") << qsizetype(10) << QList<qsizetype>{3, 30, 2};
        QTest::newRow("cap 1") << qsizetype(1) << QList<qsizetype>{1, 1, 5};
        QTest::newRow("across chunks") << qsizetype(3000) << QList<qsizetype>{1000, 1000, 1000, 1500, 700};
        QTest::newRow("chunk-sized steps") << qsizetype(2048) << QList<qsizetype>{1024, 1024, 1024, 1, 4096};
        QTest::newRow("one line at a time") << qsizetype(5) << QList<qsizetype>{1, 1, 1, 1, 1, 1, 1, 1};
    }

    void retention()
    {
        QFETCH(qsizetype, cap);
        QFETCH(QList<qsizetype>, batches);
        LogStore store(cap);
        QSignalSpy trimmed(&store, &LogStore::linesTrimmed);
        qint64 total = 0;
        for (const qsizetype n : std::as_const(batches)) {
            store.append(u"t"_s, u"c"_s, numbered("line ", total, n));
            total += n;
            QCOMPARE(store.lineCount(u"t"_s), qMin<qsizetype>(total, cap));
        }
        // Exactly the newest `cap` lines, in order, with the indices they arrived with.
        const TaskLogBuffer* b = store.buffer(u"t"_s);
        QCOMPARE(b->endIndex(), total);
        QCOMPARE(b->firstIndex(), qMax<qint64>(0, total - cap));
        verifyNumbered(store, u"t"_s, "line ");
        QCOMPARE(sumOf(trimmed, u"t"_s), qMax<qsizetype>(0, total - cap));
        QCOMPARE(store.totalAppended(), total);
    }

    void setRetentionTrimsAtOnce()
    {
        LogStore store(100);
        QCOMPARE(store.retention(), 100);
        store.append(u"a"_s, u"ca"_s, numbered("a", 0, 100));
        store.append(u"b"_s, u"cb"_s, numbered("b", 0, 20));
        QSignalSpy trimmed(&store, &LogStore::linesTrimmed);
        QSignalSpy changed(&store, &LogStore::retentionChanged);
        store.setRetention(30);
        QCOMPARE(store.retention(), 30);
        QCOMPARE(store.lineCount(u"a"_s), 30);
        QCOMPARE(store.lineCount(u"b"_s), 20);
        QCOMPARE(trimmed.count(), 1); // b was under the new cap
        QCOMPARE(sumOf(trimmed, u"a"_s), 70);
        QCOMPARE(changed.count(), 1);
        verifyNumbered(store, u"a"_s, "a");
        QCOMPARE(store.buffer(u"a"_s)->line(store.buffer(u"a"_s)->firstIndex()).bytes, "a70");

        // Raising keeps everything and lets the history grow again.
        store.setRetention(50);
        QCOMPARE(trimmed.count(), 1);
        store.append(u"a"_s, u"ca"_s, numbered("a", 100, 40));
        QCOMPARE(store.lineCount(u"a"_s), 50);
        verifyNumbered(store, u"a"_s, "a");

        store.setRetention(50); // unchanged: no signal
        QCOMPARE(changed.count(), 2);
        store.setRetention(0); // clamped
        QCOMPARE(store.retention(), 1);
        QCOMPARE(store.lineCount(u"a"_s), 1);
        QCOMPARE(store.lineCount(u"b"_s), 1);
    }

    void tasksAreIndependent()
    {
        LogStore store(10);
        store.append(u"noisy"_s, u"n"_s, numbered("n", 0, 500));
        store.append(u"quiet"_s, u"q"_s, numbered("q", 0, 3));
        QCOMPARE(store.lineCount(u"noisy"_s), 10);
        QCOMPARE(store.lineCount(u"quiet"_s), 3);
        QCOMPARE(store.tasks().size(), 2);
    }

    void clearTaskKeepsIndicesGrowing()
    {
        LogStore store(5000);
        store.append(u"a"_s, u"ca"_s, numbered("a", 0, 1500)); // a partly filled second chunk
        store.append(u"b"_s, u"cb"_s, numbered("b", 0, 3));
        QSignalSpy trimmed(&store, &LogStore::linesTrimmed);
        store.clearTask(u"a"_s);
        QCOMPARE(store.lineCount(u"a"_s), 0);
        QCOMPARE(store.lineCount(u"b"_s), 3);
        QCOMPARE(trimmed.count(), 1);
        QCOMPARE(sumOf(trimmed, u"a"_s), 1500);
        store.clearTask(u"a"_s);       // already empty: no signal
        store.clearTask(u"unknown"_s); // never seen: no signal
        QCOMPARE(trimmed.count(), 1);

        // New lines continue the numbering, across the chunk that was half used.
        store.append(u"a"_s, u"ca"_s, numbered("a", 1500, 2000));
        const TaskLogBuffer* b = store.buffer(u"a"_s);
        QCOMPARE(b->firstIndex(), 1500);
        QCOMPARE(b->endIndex(), 3500);
        verifyNumbered(store, u"a"_s, "a");
    }

    void bytesPreservedExactly_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("invalid utf-8") << QByteArray("caf\xc3 \xff\xfe end \xe2\x82", 14);
        QTest::newRow("nul") << QByteArray("a\0b\0", 4);
        QTest::newRow("ansi") << QByteArray("\x1b[1;31mERROR\x1b[0m done");
        QTest::newRow("html") << QByteArray("<b>html</b> &amp; <script>alert(1)</script>");
        QTest::newRow("controls") << QByteArray("a\rb\x07\x08\x7f\tc\r");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("utf-8") << QByteArray("h\xc3\xa9llo \xf0\x9f\x90\xb3");
        QTest::newRow("long") << QByteArray(100 * 1024, 'x');
    }

    void bytesPreservedExactly()
    {
        QFETCH(QByteArray, bytes);
        LogStore store(10);
        store.append(u"t"_s, u"c"_s, batchOf({"before", bytes, "after"}, LogStreamKind::Stderr, 42));
        const TaskLogBuffer* b = store.buffer(u"t"_s);
        QCOMPARE(b->line(1).bytes.toByteArray(), bytes);
        QCOMPARE(b->line(1).bytes.size(), bytes.size());
        QCOMPARE(b->line(1).timestampNs, 43);
        QCOMPARE(b->line(1).stream, LogStreamKind::Stderr);
        QCOMPARE(b->line(0).bytes, "before");
        QCOMPARE(b->line(2).bytes, "after");
    }

    void arrivalOrderAcrossTasks()
    {
        LogStore store(100);
        store.append(u"a"_s, {}, numbered("a", 0, 2));
        store.append(u"b"_s, {}, numbered("b", 0, 2));
        store.append(u"a"_s, {}, numbered("a", 2, 1));
        const TaskLogBuffer* a = store.buffer(u"a"_s);
        const TaskLogBuffer* b = store.buffer(u"b"_s);
        QCOMPARE(a->line(0).seq, 0);
        QCOMPARE(a->line(1).seq, 1);
        QCOMPARE(b->line(0).seq, 2);
        QCOMPARE(b->line(1).seq, 3);
        QCOMPARE(a->line(2).seq, 4);
    }

    void globalBudget_data()
    {
        QTest::addColumn<int>("tasks");
        QTest::addColumn<QList<qsizetype>>("batches"); // round robin over the tasks
        QTest::addColumn<qint64>("budgetLines");
        QTest::newRow("one task") << 1 << QList<qsizetype>{5, 5, 5} << qint64(8);
        QTest::newRow("three tasks, single lines") << 3 << QList<qsizetype>(30, 1) << qint64(10);
        QTest::newRow("three tasks, uneven batches")
            << 3 << QList<qsizetype>{7, 1, 12, 3, 3, 40, 2, 9} << qint64(25);
        QTest::newRow("a batch larger than the budget") << 2 << QList<qsizetype>{4, 50, 3} << qint64(20);
        QTest::newRow("budget of one line") << 4 << QList<qsizetype>{3, 1, 2, 5} << qint64(1);
        QTest::newRow("200 tasks across chunks") << 200 << QList<qsizetype>(800, 3) << qint64(1500);
    }

    // Past the budget the oldest lines of the whole store go, whichever task they belong to: the
    // store keeps exactly the newest lines that fit, and every line dropped is announced.
    void globalBudget()
    {
        QFETCH(int, tasks);
        QFETCH(QList<qsizetype>, batches);
        QFETCH(qint64, budgetLines);
        LogStore store(1000000, nullptr, budgetLines * kFixedCost);
        QSignalSpy trimmed(&store, &LogStore::linesTrimmed);
        QHash<QString, qint64> next;
        qint64 total = 0;
        for (qsizetype i = 0; i < batches.size(); ++i) {
            const QString task = u"t%1"_s.arg(i % tasks);
            store.append(task, {}, fixedLines(task, next[task], batches[i]));
            next[task] += batches[i];
            total += batches[i];
            QVERIFY2(store.byteCost() <= store.budget(), qPrintable(u"over budget after batch %1"_s.arg(i)));
            QCOMPARE(store.byteCost(), countedCost(store));
            // Exactly the newest lines that fit, by arrival order across tasks.
            const qint64 kept = std::min(total, budgetLines);
            const QList<qint64> seqs = retainedSeqs(store);
            QCOMPARE(qint64(seqs.size()), kept);
            for (qint64 k = 0; k < kept; ++k)
                QCOMPARE(seqs[k], total - kept + k);
        }
        for (auto it = next.cbegin(); it != next.cend(); ++it) {
            QCOMPARE(store.lineCount(it.key()) + sumOf(trimmed, it.key()), it.value());
            const TaskLogBuffer* b = store.buffer(it.key());
            const dockpulse::docker::LogBatch expected = fixedLines(it.key(), 0, it.value());
            for (qint64 i = b->firstIndex(); i < b->endIndex(); ++i) // nothing moved or altered
                QCOMPARE(b->line(i).bytes.toByteArray(), expected.text(qsizetype(i)).toByteArray());
        }
    }

    void lowerBudgetTrimsAtOnce()
    {
        LogStore store(1000);
        QSignalSpy trimmed(&store, &LogStore::linesTrimmed);
        store.append(u"a"_s, {}, fixedLines(u"a"_s, 0, 10));
        store.append(u"b"_s, {}, fixedLines(u"b"_s, 0, 10));
        store.setBudget(5 * kFixedCost);
        QCOMPARE(store.byteCost(), 5 * kFixedCost);
        QCOMPARE(store.lineCount(u"a"_s), 0);
        QCOMPARE(store.lineCount(u"b"_s), 5);
        QCOMPARE(sumOf(trimmed, u"a"_s), 10);
        QCOMPARE(sumOf(trimmed, u"b"_s), 5);
        QCOMPARE(store.buffer(u"b"_s)->firstIndex(), 5);
    }

    void budgetCountsRetentionAndClear()
    {
        LogStore store(4);
        store.append(u"a"_s, {}, fixedLines(u"a"_s, 0, 10)); // retention keeps 4
        QCOMPARE(store.byteCost(), 4 * kFixedCost);
        store.setRetention(2);
        QCOMPARE(store.byteCost(), 2 * kFixedCost);
        store.clearTask(u"a"_s);
        QCOMPARE(store.byteCost(), 0);
        QCOMPARE(store.byteCost(), countedCost(store));
    }

    void releaseTaskFreesItsLines()
    {
        LogStore store(100);
        QSignalSpy released(&store, &LogStore::taskReleased);
        store.append(u"a"_s, u"web"_s, fixedLines(u"a"_s, 0, 10));
        store.append(u"b"_s, u"db"_s, fixedLines(u"b"_s, 0, 3));
        store.releaseTask(u"a"_s);
        QVERIFY(!store.buffer(u"a"_s));
        QVERIFY(!store.tasks().contains(u"a"_s));
        QCOMPARE(store.byteCost(), 3 * kFixedCost);
        QCOMPARE(released.count(), 1);
        QCOMPARE(released.at(0).at(0).toString(), u"a"_s);
        QCOMPARE(store.lineCount(u"b"_s), 3);
        store.releaseTask(u"unknown"_s); // nothing to release, nothing announced
        QCOMPARE(released.count(), 1);
        // A task that delivers again after its release starts a fresh buffer.
        store.append(u"a"_s, {}, fixedLines(u"a"_s, 0, 1));
        QCOMPARE(store.lineCount(u"a"_s), 1);
    }

    void containerNameFollowsTheLatest()
    {
        LogStore store(10);
        store.append(u"t"_s, u"old"_s, numbered("x", 0, 1));
        store.append(u"t"_s, {}, numbered("x", 1, 1)); // an empty name keeps the known one
        QCOMPARE(store.buffer(u"t"_s)->containerName(), u"old"_s);
        store.append(u"t"_s, u"new"_s, numbered("x", 2, 1));
        QCOMPARE(store.buffer(u"t"_s)->containerName(), u"new"_s);
    }
};

QTEST_GUILESS_MAIN(TestLogStore)
#include "tst_logstore.moc"
