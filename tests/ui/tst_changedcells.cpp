#include "ChangedCells.h"

#include <QtTest>

using dockpulse::ui::ChangedCells;
using dockpulse::ui::rowRunsBottomUp;
using Range = ChangedCells::Range;
using RowMasks = QList<std::pair<int, quint64>>;
using RowRuns = QList<std::pair<int, int>>;

Q_DECLARE_METATYPE(dockpulse::ui::ChangedCells::Range)

namespace QTest {
template <>
char* toString(const Range& r)
{
    return qstrdup(QByteArray("rows " + QByteArray::number(r.top) + '-' + QByteArray::number(r.bottom) +
                              ", columns " + QByteArray::number(r.left) + '-' + QByteArray::number(r.right))
                       .constData());
}
} // namespace QTest

class TestChangedCells : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ranges_data();
    void ranges();
    void span_data();
    void span();
    void runs_data();
    void runs();
};

void TestChangedCells::ranges_data()
{
    QTest::addColumn<RowMasks>("rows");
    QTest::addColumn<QList<Range>>("expected");

    QTest::newRow("nothing") << RowMasks{} << QList<Range>{};
    QTest::newRow("rows without changes") << RowMasks{{0, 0}, {1, 0}} << QList<Range>{};
    QTest::newRow("one cell") << RowMasks{{4, 0b100}} << QList<Range>{{4, 2, 4, 2}};
    QTest::newRow("one column, three adjacent rows")
        << RowMasks{{2, 0b1000}, {3, 0b1000}, {4, 0b1000}} << QList<Range>{{2, 3, 4, 3}};
    QTest::newRow("gap between rows splits")
        << RowMasks{{0, 0b1}, {1, 0b1}, {3, 0b1}} << QList<Range>{{0, 0, 1, 0}, {3, 0, 3, 0}};
    QTest::newRow("row without changes splits")
        << RowMasks{{0, 0b1}, {1, 0}, {2, 0b1}} << QList<Range>{{0, 0, 0, 0}, {2, 0, 2, 0}};
    QTest::newRow("adjacent columns form one span") << RowMasks{{1, 0b1110}} << QList<Range>{{1, 1, 1, 3}};
    QTest::newRow("two spans in a row") << RowMasks{{1, 0b1011}} << QList<Range>{{1, 0, 1, 1}, {1, 3, 1, 3}};
    // The heartbeat age of every task plus lines and bytes of one: two rectangles, no unchanged cell.
    QTest::newRow("age column everywhere, lines+bytes on one row")
        << RowMasks{{0, (1u << 7) | (3u << 10)}, {1, 1u << 7}, {2, 1u << 7}}
        << QList<Range>{{0, 7, 2, 7}, {0, 10, 0, 11}};
    QTest::newRow("different spans do not merge")
        << RowMasks{{0, 0b11}, {1, 0b1}} << QList<Range>{{0, 0, 0, 1}, {1, 0, 1, 0}};
    QTest::newRow("a span resumes after an interruption")
        << RowMasks{{0, 0b1}, {1, 0b10}, {2, 0b1}} << QList<Range>{{0, 0, 0, 0}, {1, 1, 1, 1}, {2, 0, 2, 0}};
    QTest::newRow("column 63") << RowMasks{{0, quint64(1) << 63}, {1, quint64(1) << 63}}
                               << QList<Range>{{0, 63, 1, 63}};
    QTest::newRow("every column") << RowMasks{{5, ~quint64(0)}} << QList<Range>{{5, 0, 5, 63}};
}

void TestChangedCells::ranges()
{
    QFETCH(RowMasks, rows);
    QFETCH(QList<Range>, expected);
    ChangedCells cells;
    for (const auto& [row, mask] : rows)
        cells.addRow(row, mask);
    QCOMPARE(cells.ranges(), expected);
    QCOMPARE(cells.isEmpty(), expected.isEmpty());
}

void TestChangedCells::span_data()
{
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("last");
    QTest::addColumn<quint64>("expected");
    QTest::newRow("0-0") << 0 << 0 << quint64(1);
    QTest::newRow("2-4") << 2 << 4 << quint64(0b11100);
    QTest::newRow("0-63") << 0 << 63 << ~quint64(0);
    QTest::newRow("63-63") << 63 << 63 << (quint64(1) << 63);
    QTest::newRow("empty") << 3 << 2 << quint64(0);
}

void TestChangedCells::span()
{
    QFETCH(int, first);
    QFETCH(int, last);
    QFETCH(quint64, expected);
    QCOMPARE(ChangedCells::span(first, last), expected);
}

void TestChangedCells::runs_data()
{
    QTest::addColumn<QList<int>>("rows");
    QTest::addColumn<RowRuns>("expected");
    QTest::newRow("none") << QList<int>{} << RowRuns{};
    QTest::newRow("one") << QList<int>{3} << RowRuns{{3, 3}};
    QTest::newRow("one run") << QList<int>{3, 4, 5} << RowRuns{{3, 5}};
    QTest::newRow("last run first") << QList<int>{0, 1, 4, 6, 7} << RowRuns{{6, 7}, {4, 4}, {0, 1}};
}

void TestChangedCells::runs()
{
    QFETCH(QList<int>, rows);
    QFETCH(RowRuns, expected);
    QCOMPARE(rowRunsBottomUp(rows), expected);
}

QTEST_GUILESS_MAIN(TestChangedCells)
#include "tst_changedcells.moc"
