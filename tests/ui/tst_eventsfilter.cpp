// The Events tab's filter: rows that arrive after a filter is set are filtered like the ones
// before, and the clock's tick (a dataChanged on every Time cell) repaints through the filter
// without letting a hidden row in or dropping a shown one.
#include "EventsFilter.h"
#include "EventsModel.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::monitor::TaskEventRecord;
using dockpulse::ui::EventsFilter;
using dockpulse::ui::EventsModel;

namespace {
QStringList shownEvents(const EventsFilter& filter)
{
    QStringList out;
    for (int r = 0; r < filter.rowCount(); ++r)
        out << filter.index(r, EventsModel::Container).data().toString() + u':' +
                   filter.index(r, EventsModel::Event).data().toString();
    return out;
}

void appendAll(EventsModel& model)
{
    model.append(TaskEventRecord{1'000, u"t1"_s, u"started"_s, {}, u"web-1"_s});
    model.append(TaskEventRecord{2'000, u"t2"_s, u"heartbeat_timeout"_s, {}, u"worker-1"_s});
    model.append(TaskEventRecord{3'000, u"t1"_s, u"stalled"_s, {}, u"web-1"_s});
    model.append(TaskEventRecord{4'000, u"t3"_s, u"rotated"_s, {}, u"db-1"_s});
}
} // namespace

class TstEventsFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAddedLaterAreFiltered_data()
    {
        QTest::addColumn<QStringList>("tasks");
        QTest::addColumn<QString>("containerText");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("shown");
        QTest::newRow("no filter") << QStringList() << QString() << QString()
                                   << QStringList{u"web-1:started"_s, u"worker-1:heartbeat_timeout"_s,
                                                  u"web-1:stalled"_s, u"db-1:rotated"_s};
        QTest::newRow("tasks") << QStringList{u"t1"_s, u"t3"_s} << QString() << QString()
                               << QStringList{u"web-1:started"_s, u"web-1:stalled"_s, u"db-1:rotated"_s};
        QTest::newRow("container text")
            << QStringList() << u"WEB"_s << QString() << QStringList{u"web-1:started"_s, u"web-1:stalled"_s};
        QTest::newRow("problems") << QStringList() << QString() << EventsFilter::kProblems
                                  << QStringList{u"worker-1:heartbeat_timeout"_s, u"web-1:stalled"_s};
        QTest::newRow("one kind") << QStringList() << QString() << u"rotated"_s
                                  << QStringList{u"db-1:rotated"_s};
        QTest::newRow("all three") << QStringList{u"t1"_s} << u"web"_s << EventsFilter::kProblems
                                   << QStringList{u"web-1:stalled"_s};
        QTest::newRow("none match") << QStringList{u"t2"_s} << u"web"_s << QString() << QStringList();
    }
    void rowsAddedLaterAreFiltered()
    {
        QFETCH(QStringList, tasks);
        QFETCH(QString, containerText);
        QFETCH(QString, kind);
        QFETCH(QStringList, shown);

        // Filter set first, rows after: each inserted row goes through the filter.
        EventsModel later;
        EventsFilter filterFirst;
        filterFirst.setSourceModel(&later);
        filterFirst.setTasks(QSet<QString>(tasks.begin(), tasks.end()));
        filterFirst.setContainerText(containerText);
        filterFirst.setKind(kind);
        QCOMPARE(filterFirst.rowCount(), 0);
        appendAll(later);
        QCOMPARE(shownEvents(filterFirst), shown);

        // Rows first, filter after: the same rows.
        EventsModel before;
        appendAll(before);
        EventsFilter filterAfter;
        filterAfter.setSourceModel(&before);
        QCOMPARE(filterAfter.rowCount(), 4);
        filterAfter.setTasks(QSet<QString>(tasks.begin(), tasks.end()));
        filterAfter.setContainerText(containerText);
        filterAfter.setKind(kind);
        QCOMPARE(shownEvents(filterAfter), shown);

        // The clock moves on: the shown rows repaint their Time, and none come or go.
        QSignalSpy changed(&filterFirst, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&filterFirst, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&filterFirst, &QAbstractItemModel::rowsInserted);
        later.setNow(60'000);
        later.setNow(61'000);
        QCOMPARE(shownEvents(filterFirst), shown);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(inserted.count(), 0);
        if (!shown.isEmpty()) {
            QVERIFY(changed.count() > 0);
            for (int r = 0; r < filterFirst.rowCount(); ++r) {
                const QModelIndex time = filterFirst.index(r, EventsModel::Time);
                QCOMPARE(time.data().toString(), filterFirst.mapToSource(time).data().toString());
                QVERIFY(time.data().toString().endsWith(u" ago"_s));
            }
        }
    }

    void clockTickDoesNotRefilter()
    {
        // Counts the filter's work: the tick changes no task, container or event.
        class CountingFilter : public EventsFilter
        {
        public:
            mutable int calls = 0;

        protected:
            bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override
            {
                ++calls;
                return EventsFilter::filterAcceptsRow(sourceRow, sourceParent);
            }
        };
        EventsModel model;
        CountingFilter filter;
        filter.setSourceModel(&model);
        filter.setKind(EventsFilter::kProblems);
        appendAll(model);
        QCOMPARE(filter.rowCount(), 2);
        QCOMPARE(filter.calls, 4); // each arrival once
        filter.calls = 0;
        QSignalSpy changed(&filter, &QAbstractItemModel::dataChanged);
        model.setNow(60'000);
        model.setNow(61'000);
        QCOMPARE(changed.count(), 2); // the shown Time cells still repaint
        QCOMPARE(filter.calls, 0);
        QCOMPARE(filter.rowCount(), 2);
    }

    void overflowDropsTheOldestThroughTheFilter()
    {
        EventsModel model(2);
        EventsFilter filter;
        filter.setSourceModel(&model);
        filter.setContainerText(u"web"_s);
        appendAll(model); // keeps the last two: web-1 stalled, db-1 rotated
        QCOMPARE(shownEvents(filter), QStringList{u"web-1:stalled"_s});
        filter.setContainerText(QString());
        QCOMPARE(shownEvents(filter), (QStringList{u"web-1:stalled"_s, u"db-1:rotated"_s}));
    }
};

QTEST_GUILESS_MAIN(TstEventsFilter)
#include "tst_eventsfilter.moc"
