// Tables as the keyboard and a first launch meet them: a visible frame on the current row while
// the table has the focus; first widths that fit what the columns will hold, elided in the middle.
#include "TableLook.h"

#include <QApplication>
#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::ui::FocusRowDelegate;
namespace TableLook = dockpulse::ui::TableLook;

class TstTableLook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void currentRowIsFramedWhileFocused()
    {
        QStandardItemModel model(4, 3);
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 3; ++c)
                model.setItem(r, c, new QStandardItem(u"cell %1 %2"_s.arg(r).arg(c)));
        QWidget window;
        auto* other = new QWidget(&window);
        other->setFocusPolicy(Qt::StrongFocus);
        auto* view = new QTableView(&window);
        view->setGeometry(0, 0, 400, 200);
        other->setGeometry(0, 210, 10, 10);
        view->setModel(&model);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setItemDelegate(new FocusRowDelegate(view));
        window.resize(400, 230);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        view->setCurrentIndex(model.index(1, 1));
        const QColor frame = view->palette().color(QPalette::Active, QPalette::Highlight).darker(130);
        const auto framePixels = [&] {
            const QImage image = view->viewport()->grab().toImage();
            const QRect row = view->visualRect(model.index(1, 0)).united(view->visualRect(model.index(1, 2)));
            int n = 0;
            for (int x = row.left() + 4; x < row.right() - 4; ++x)
                n += image.pixelColor(x * image.width() / view->viewport()->width(), row.top() + 1).rgb() ==
                     frame.rgb();
            return n;
        };
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        QVERIFY2(framePixels() > 100, qPrintable(QString::number(framePixels())));
        other->setFocus();
        QTRY_VERIFY(!view->hasFocus());
        QCOMPARE(framePixels(), 0);
    }
    // The dashboard's tables share one make: the containers and tasks tables sort, keep 4 rows in
    // view and pad rows by 8; the Events table keeps arrival order, pads by 6 and has no floor.
    void makeTableAppliesItsOptions_data()
    {
        QTest::addColumn<bool>("sorting");
        QTest::addColumn<int>("rowPadding");
        QTest::addColumn<int>("minRows");
        QTest::newRow("containers, tasks (defaults)") << true << 8 << TableLook::kMinRowsInView;
        QTest::newRow("events") << false << 6 << 0;
    }
    void makeTableAppliesItsOptions()
    {
        QFETCH(bool, sorting);
        QFETCH(int, rowPadding);
        QFETCH(int, minRows);
        QStandardItemModel model(3, 2);
        QWidget parent;
        const TableLook::TableOptions options{
            .sorting = sorting, .rowPadding = rowPadding, .minRowsInView = minRows};
        QTableView* view = QTest::currentDataTag() == QByteArray("events")
                               ? TableLook::makeTable(&model, u"someView"_s, &parent, options)
                               : TableLook::makeTable(&model, u"someView"_s, &parent);
        QCOMPARE(view->parent(), &parent);
        QCOMPARE(view->objectName(), u"someView"_s);
        QCOMPARE(view->horizontalHeader()->objectName(), u"someViewHeader"_s);
        QCOMPARE(view->model(), &model);
        QCOMPARE(view->isSortingEnabled(), sorting);
        QCOMPARE(view->selectionBehavior(), QAbstractItemView::SelectRows);
        QVERIFY(view->alternatingRowColors());
        QVERIFY(view->verticalHeader()->isHidden());
        QCOMPARE(view->verticalHeader()->defaultSectionSize(), view->fontMetrics().height() + rowPadding);
        QVERIFY(view->horizontalHeader()->stretchLastSection());
        QVERIFY(!view->wordWrap());
        QVERIFY(qobject_cast<FocusRowDelegate*>(view->itemDelegate()));
        if (minRows == 0) {
            QCOMPARE(view->minimumHeight(), 0);
        } else {
            QTableView floor; // the same table by hand
            floor.setModel(&model);
            floor.verticalHeader()->hide();
            floor.verticalHeader()->setDefaultSectionSize(view->verticalHeader()->defaultSectionSize());
            TableLook::keepRowsInView(floor, minRows);
            QCOMPARE(view->minimumHeight(), floor.minimumHeight());
        }
    }

    void firstWidthsFitWhatColumnsWillHold()
    {
        QStandardItemModel model(2, 3);
        model.setHorizontalHeaderLabels({u"Name"_s, u"State"_s, u"Detail"_s});
        model.setItem(0, 0, new QStandardItem(u"dockpulse-sample-worker-1"_s));
        model.setItem(0, 1, new QStandardItem(u"starting"_s));
        model.setItem(0, 2, new QStandardItem(QString(300, u'x')));
        QTableView view;
        view.setModel(&model);
        TableLook::fitColumns(view, {{1, {u"starting"_s, u"timed_out"_s, u"streaming"_s}}}, 40);
        const QFontMetrics fm(view.font());
        QVERIFY(view.columnWidth(0) >= fm.horizontalAdvance(u"dockpulse-sample-worker-1"_s));
        QVERIFY(view.columnWidth(1) > fm.horizontalAdvance(u"streaming"_s));
        QVERIFY(view.columnWidth(1) > fm.horizontalAdvance(u"timed_out"_s));
        QVERIFY(view.columnWidth(2) <= fm.averageCharWidth() * 40);
        QCOMPARE(view.textElideMode(), Qt::ElideMiddle);
    }
};

QTEST_MAIN(TstTableLook)
#include "tst_tablelook.moc"
