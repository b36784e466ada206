// The exact local time with milliseconds, one format for the Events tooltip, the charts'
// tooltips and the log table: "2026-11-29 13:04:05.067", 24-hour, zero-padded.
#include "ChartStyle.h"
#include "DisplayFormat.h"
#include "EventsModel.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;

class TstExactTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactTime_data()
    {
        QTest::addColumn<QDateTime>("local");
        QTest::addColumn<QString>("text");
        QTest::newRow("afternoon") << QDateTime(QDate(2026, 11, 29), QTime(13, 4, 5, 67))
                                   << u"2026-11-29 13:04:05.067"_s;
        QTest::newRow("morning") << QDateTime(QDate(2026, 1, 2), QTime(9, 0, 0, 5))
                                 << u"2026-01-02 09:00:00.005"_s;
        QTest::newRow("midnight") << QDateTime(QDate(2026, 12, 31), QTime(0, 0, 0, 999))
                                  << u"2026-12-31 00:00:00.999"_s;
    }
    void exactTime()
    {
        QFETCH(QDateTime, local);
        QFETCH(QString, text);
        const qint64 ms = local.toMSecsSinceEpoch();
        QCOMPARE(ui::format::exactTime(ms), text);
        QCOMPARE(ui::ChartStyle::timeText(ms), text);

        ui::EventsModel events;
        events.append(monitor::TaskEventRecord{ms, u"t1"_s, u"started"_s, {}, u"web-1"_s});
        const QString tip = events.index(0, ui::EventsModel::Time).data(Qt::ToolTipRole).toString();
        QCOMPARE(tip, u"%1 (%2)"_s.arg(text, ui::format::isoUtc(ms)));
    }
};

QTEST_GUILESS_MAIN(TstExactTime)
#include "tst_exacttime.moc"
