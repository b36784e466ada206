// mergeNewest: the newest lines of several tasks in arrival order, each line's seq read once
// (a selection change must not cost retention × selected tasks).
#include "NewestMerge.h"

#include <QtTest>

#include <algorithm>

using dockpulse::ui::mergeNewest;
using dockpulse::ui::MergeSource;

namespace {

// `tasks` tasks of `lines` lines each; line i of task t has seq i * tasks + (t + i) % tasks, so
// arrival alternates between tasks in a rotating order.
struct Interleaved
{
    int tasks;
    qint64 lines;
    qint64 first = 0; // lines before this were trimmed
    qint64 seq(int task, qint64 index) const { return index * tasks + (task + index) % tasks; }
};

} // namespace

class TestNewestMerge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mergesTheNewestInArrivalOrder_data()
    {
        QTest::addColumn<int>("tasks");
        QTest::addColumn<qint64>("lines");
        QTest::addColumn<qint64>("first");
        QTest::addColumn<qsizetype>("cap");
        QTest::newRow("no task") << 0 << qint64(0) << qint64(0) << qsizetype(10);
        QTest::newRow("one task, under the cap") << 1 << qint64(50) << qint64(0) << qsizetype(100);
        QTest::newRow("one task, over the cap") << 1 << qint64(500) << qint64(0) << qsizetype(100);
        QTest::newRow("two tasks, trimmed") << 2 << qint64(500) << qint64(100) << qsizetype(300);
        QTest::newRow("32 tasks, cap cuts") << 32 << qint64(1000) << qint64(0) << qsizetype(20000);
        QTest::newRow("64 tasks, all fit") << 64 << qint64(300) << qint64(10) << qsizetype(100000);
        QTest::newRow("cap 0") << 4 << qint64(10) << qint64(0) << qsizetype(0);
    }

    void mergesTheNewestInArrivalOrder()
    {
        QFETCH(int, tasks);
        QFETCH(qint64, lines);
        QFETCH(qint64, first);
        QFETCH(qsizetype, cap);
        const Interleaved data{tasks, lines, first};
        std::vector<MergeSource> sources(std::size_t(tasks), MergeSource{first, lines});
        qint64 reads = 0;
        const auto merged = mergeNewest(sources, cap, [&](int task, qint64 index) {
            ++reads;
            [&] {
                QVERIFY(index >= first && index < lines);
            }();
            return data.seq(task, index);
        });

        // The expectation, the slow way: every retained line, sorted by seq, the newest `cap`.
        std::vector<std::pair<qint64, std::pair<int, qint64>>> all;
        for (int t = 0; t < tasks; ++t)
            for (qint64 i = first; i < lines; ++i)
                all.push_back({data.seq(t, i), {t, i}});
        std::sort(all.begin(), all.end());
        const std::size_t keep = std::min(all.size(), std::size_t(cap));
        QCOMPARE(merged.size(), keep);
        for (std::size_t k = 0; k < keep; ++k)
            QCOMPARE(merged[k], all[all.size() - keep + k].second);

        // Each line taken is read once, plus at most one look-ahead per task: never rows × tasks.
        QVERIFY2(reads <= qint64(merged.size()) + tasks,
                 qPrintable(QStringLiteral("%1 seq reads for %2 rows of %3 tasks")
                                .arg(reads)
                                .arg(merged.size())
                                .arg(tasks)));
    }
};

QTEST_GUILESS_MAIN(TestNewestMerge)
#include "tst_newestmerge.moc"
