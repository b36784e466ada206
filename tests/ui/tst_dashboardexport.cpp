// File → Export's logs.csv from the dashboard's retained lines: two containers whose lines
// interleave in time come out in time order across containers (CONTRACT.md), each container's
// own order kept, not one task's lines after the other's.
#include "DashboardExport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;

class TestDashboardExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void logsInTimeOrderAcrossContainers()
    {
        const qint64 t0 = 1795928650206LL * 1'000'000; // 2026-11-29T05:04:10.206Z
        ui::ExportSnapshot snapshot;
        QList<QByteArray> expected;
        for (const QString& name : {u"web"_s, u"db"_s}) {
            ui::TaskLogBuffer buffer(u"container_"_s + name);
            buffer.setContainerName(name);
            // web at even, db at odd nanoseconds; seq is the store's arrival order (not exported).
            const qint64 offset = name == u"web"_s ? 0 : 1;
            for (qint64 i = 0; i < 3000; ++i) // past one chunk of the buffer
                buffer.append(t0 + 2 * i + offset, docker::LogStreamKind::Stdout,
                              QByteArray(name.toUtf8() + ' ' + QByteArray::number(i)), 2 * i + offset);
            snapshot.logs.push_back({u"unix:///s"_s, buffer});
            snapshot.totalLines += buffer.size();
        }
        for (qint64 i = 0; i < 3000; ++i)
            expected << "web " + QByteArray::number(i) << "db " + QByteArray::number(i);

        QTemporaryDir dir;
        const ui::ExportOutcome outcome = ui::writeExport(dir.path(), snapshot, nullptr);
        QCOMPARE(outcome.error, QString());
        QFile file(dir.filePath(u"logs.csv"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> rows = file.readAll().split('\n');
        QCOMPARE(rows.takeFirst(), "time,host,container_name,stream,message,continued,escaped\r");
        QCOMPARE(rows.takeLast(), QByteArray()); // the last row's line end
        QList<QByteArray> messages;
        for (QByteArray& row : rows) {
            QByteArray fields = row.chopped(1);
            QVERIFY(fields.endsWith(",0,0")); // whole lines, UTF-8
            fields.chop(4);
            messages << fields.mid(fields.lastIndexOf(',') + 1); // no commas in these messages
        }
        QCOMPARE(messages.size(), expected.size());
        QCOMPARE(messages, expected);
    }
};

QTEST_GUILESS_MAIN(TestDashboardExport)
#include "tst_dashboardexport.moc"
