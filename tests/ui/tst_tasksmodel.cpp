#include "ModelSignals.h"
#include "StatusColors.h"
#include "TasksModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTextDocument>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using dockpulse::monitor::TaskSnapshot;
using dockpulse::monitor::TaskState;
using dockpulse::test::ModelSignals;
using dockpulse::ui::StatusColors;
using dockpulse::ui::TasksModel;
using Range = ModelSignals::Range;
using Health = StatusColors::Health;

Q_DECLARE_METATYPE(TaskState)

namespace {

constexpr qint64 kHeartbeatEveryMs = 30000;
constexpr qint64 kTaskTimeoutMs = 300000;

TaskSnapshot snapshot(const QString& name, qint64 ageMs = 1000, TaskState state = TaskState::Streaming)
{
    TaskSnapshot t;
    t.task = u"container_"_s + name.leftJustified(12, u'0');
    t.host = u"unix:///var/run/docker.sock"_s;
    t.containerId = name.leftJustified(64, u'0');
    t.containerName = u"name-"_s + name;
    t.state = state;
    // One start time for the whole run: snapshots of the same task made a millisecond apart
    // must not differ (a changed start time is a changed cell).
    static const qint64 kStartedAtMs = QDateTime::currentMSecsSinceEpoch() - 60000;
    t.startedAtMs = kStartedAtMs;
    t.lastHeartbeatAtMs = t.startedAtMs + 30000;
    t.heartbeatAgeMs = ageMs;
    t.heartbeats = 3;
    t.rotations = 2;
    t.lines = 1500;
    t.bytes = 90000;
    return t;
}

QList<TaskSnapshot> snapshots(const QStringList& names)
{
    QList<TaskSnapshot> list;
    for (const QString& n : names)
        list.append(snapshot(n));
    return list;
}

QStringList namesInOrder(const QAbstractItemModel& model, int column = TasksModel::ContainerName)
{
    QStringList names;
    for (int r = 0; r < model.rowCount(); ++r)
        names.append(model.index(r, column).data().toString().mid(5));
    return names;
}

} // namespace

class TestTasksModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void columnsFollowTasksCsv();
    void newTasksOneInsert();
    void vanishedTasksRemoved();
    void changedCellsOnly_data();
    void changedCellsOnly();
    void healthCrossingSignalsWholeRow();
    void health_data();
    void health();
    void thresholdsRecolour();
    void finalStatesInactive_data();
    void finalStatesInactive();
    void display_data();
    void display();
    void times();
    void sortsByRawValue_data();
    void sortsByRawValue();
    void htmlStaysPlain_data();
    void htmlStaysPlain();
    void headers();

private:
    std::unique_ptr<TasksModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestTasksModel::initTestCase()
{
    QLocale::setDefault(QLocale::c()); // decimal point '.', group separator ','
}

void TestTasksModel::init()
{
    m_model = std::make_unique<TasksModel>();
    m_model->setThresholds(kHeartbeatEveryMs, kTaskTimeoutMs);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestTasksModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestTasksModel::columnsFollowTasksCsv()
{
    // The raw values, in column order, are the fields of a tasks.csv row (times as ms here).
    TaskSnapshot t = snapshot(u"abc"_s);
    t.state = TaskState::TimedOut;
    t.errors = 4;
    t.lastError = u"boom"_s;
    m_model->setSnapshots({t});
    const QVariantList expected{t.task,
                                t.host,
                                t.containerId,
                                t.containerName,
                                u"timed_out"_s,
                                t.startedAtMs,
                                t.lastHeartbeatAtMs,
                                t.heartbeatAgeMs,
                                t.heartbeats,
                                t.rotations,
                                t.lines,
                                t.bytes,
                                t.errors,
                                t.lastError};
    QCOMPARE(m_model->columnCount(), 14);
    QCOMPARE(int(expected.size()), int(TasksModel::ColumnCount));
    for (int c = 0; c < TasksModel::ColumnCount; ++c)
        QCOMPARE(m_model->index(0, c).data(TasksModel::RawValueRole), expected[c]);
    QCOMPARE(m_model->index(0, TasksModel::Lines).data(TasksModel::TaskNameRole).toString(), t.task);
    QCOMPARE(m_model->taskAt(0), t.task);
    QCOMPARE(m_model->rowOf(t.task), 0);
    QCOMPARE(m_model->rowOf(u"nope"_s), -1);
    QCOMPARE(m_model->taskAt(1), QString());
}

void TestTasksModel::newTasksOneInsert()
{
    ModelSignals sig(m_model.get());
    m_model->setSnapshots(snapshots({u"a"_s, u"b"_s, u"c"_s}));
    QCOMPARE(sig.inserted, (QList<std::pair<int, int>>{{0, 2}}));
    sig.clear();
    // New ones anywhere in the list go to the end, in one insert; the others keep their rows.
    m_model->setSnapshots(snapshots({u"e"_s, u"c"_s, u"a"_s, u"d"_s, u"b"_s}));
    QCOMPARE(sig.inserted, (QList<std::pair<int, int>>{{3, 4}}));
    QVERIFY(sig.removed.isEmpty());
    QVERIFY(sig.changed.isEmpty());
    QCOMPARE(sig.resets, 0);
    QCOMPARE(namesInOrder(*m_model), (QStringList{u"a"_s, u"b"_s, u"c"_s, u"e"_s, u"d"_s}));
    QCOMPARE(m_model->rowOf(snapshot(u"d"_s).task), 4);
}

void TestTasksModel::vanishedTasksRemoved()
{
    m_model->setSnapshots(snapshots({u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s}));
    ModelSignals sig(m_model.get());
    m_model->setSnapshots(snapshots({u"a"_s, u"d"_s}));
    QCOMPARE(sig.removed, (QList<std::pair<int, int>>{{4, 4}, {1, 2}}));
    QCOMPARE(namesInOrder(*m_model), (QStringList{u"a"_s, u"d"_s}));
    QCOMPARE(m_model->rowOf(snapshot(u"d"_s).task), 1);
    m_model->setSnapshots({});
    QCOMPARE(m_model->rowCount(), 0);
}

void TestTasksModel::changedCellsOnly_data()
{
    QTest::addColumn<QList<int>>("ageRows");    // rows whose heartbeat age moves (within healthy)
    QTest::addColumn<QList<int>>("volumeRows"); // rows whose lines and bytes grow
    QTest::addColumn<QList<Range>>("expected");
    const int age = TasksModel::HeartbeatAgeMs;
    const int lines = TasksModel::Lines;
    const int bytes = TasksModel::Bytes;
    QTest::newRow("nothing") << QList<int>{} << QList<int>{} << QList<Range>{};
    QTest::newRow("three adjacent ages: one range")
        << QList<int>{0, 1, 2} << QList<int>{} << QList<Range>{{0, age, 2, age}};
    QTest::newRow("ages with a gap") << QList<int>{0, 2, 3} << QList<int>{}
                                     << QList<Range>{{0, age, 0, age}, {2, age, 3, age}};
    QTest::newRow("lines and bytes of one row: one span")
        << QList<int>{} << QList<int>{1} << QList<Range>{{1, lines, 1, bytes}};
    QTest::newRow("a tick: every age, one row's volume")
        << QList<int>{0, 1, 2, 3} << QList<int>{2} << QList<Range>{{0, age, 3, age}, {2, lines, 2, bytes}};
    QTest::newRow("volume on adjacent rows merges")
        << QList<int>{} << QList<int>{1, 2, 3} << QList<Range>{{1, lines, 3, bytes}};
}

void TestTasksModel::changedCellsOnly()
{
    QFETCH(QList<int>, ageRows);
    QFETCH(QList<int>, volumeRows);
    QFETCH(QList<Range>, expected);
    QList<TaskSnapshot> list = snapshots({u"a"_s, u"b"_s, u"c"_s, u"d"_s});
    m_model->setSnapshots(list);
    for (int r : ageRows)
        list[r].heartbeatAgeMs += 250;
    for (int r : volumeRows) {
        list[r].lines += 10;
        list[r].bytes += 800;
    }
    ModelSignals sig(m_model.get());
    m_model->setSnapshots(list);
    QCOMPARE(sig.changed, expected);
    QVERIFY(sig.structureUntouched());
    for (int r : ageRows)
        QCOMPARE(m_model->index(r, TasksModel::HeartbeatAgeMs).data(TasksModel::RawValueRole).toLongLong(),
                 list[r].heartbeatAgeMs);
}

void TestTasksModel::healthCrossingSignalsWholeRow()
{
    QList<TaskSnapshot> list = snapshots({u"a"_s, u"b"_s, u"c"_s});
    m_model->setSnapshots(list);
    list[1].heartbeatAgeMs = kHeartbeatEveryMs + 1; // healthy -> warning: every column's HealthRole moves
    list[2].heartbeatAgeMs += 250;
    ModelSignals sig(m_model.get());
    m_model->setSnapshots(list);
    const int age = TasksModel::HeartbeatAgeMs;
    QCOMPARE(sig.changed, (QList<Range>{{1, 0, 1, TasksModel::ColumnCount - 1}, {2, age, 2, age}}));
    QCOMPARE(m_model->index(1, TasksModel::Task).data(TasksModel::HealthRole).toInt(), int(Health::Warning));
}

void TestTasksModel::health_data()
{
    QTest::addColumn<TaskState>("state");
    QTest::addColumn<qint64>("ageMs");
    QTest::addColumn<qint64>("heartbeatEveryMs");
    QTest::addColumn<qint64>("taskTimeoutMs");
    QTest::addColumn<int>("expected");
    const auto S = TaskState::Streaming;
    QTest::newRow("fresh") << S << qint64(0) << qint64(30000) << qint64(300000) << int(Health::Healthy);
    QTest::newRow("at the period") << S << qint64(30000) << qint64(30000) << qint64(300000)
                                   << int(Health::Healthy);
    QTest::newRow("past the period") << S << qint64(30001) << qint64(30000) << qint64(300000)
                                     << int(Health::Warning);
    QTest::newRow("at 80% of the timeout")
        << S << qint64(240000) << qint64(30000) << qint64(300000) << int(Health::Warning);
    QTest::newRow("past 80% of the timeout")
        << S << qint64(240001) << qint64(30000) << qint64(300000) << int(Health::Danger);
    QTest::newRow("past the timeout")
        << S << qint64(400000) << qint64(30000) << qint64(300000) << int(Health::Danger);
    QTest::newRow("compressed 100x, healthy")
        << S << qint64(250) << qint64(300) << qint64(3000) << int(Health::Healthy);
    QTest::newRow("compressed 100x, warning")
        << S << qint64(350) << qint64(300) << qint64(3000) << int(Health::Warning);
    QTest::newRow("compressed 100x, danger")
        << S << qint64(2500) << qint64(300) << qint64(3000) << int(Health::Danger);
    QTest::newRow("stalled ages too")
        << TaskState::Stalled << qint64(31000) << qint64(30000) << qint64(300000) << int(Health::Warning);
    QTest::newRow("exited: neutral") << TaskState::Exited << qint64(250000) << qint64(30000) << qint64(300000)
                                     << int(Health::Idle);
    QTest::newRow("stopped") << TaskState::Stopped << qint64(999999) << qint64(30000) << qint64(300000)
                             << int(Health::Inactive);
    QTest::newRow("timed out") << TaskState::TimedOut << qint64(999999) << qint64(30000) << qint64(300000)
                               << int(Health::Inactive);
    QTest::newRow("failed") << TaskState::Failed << qint64(0) << qint64(30000) << qint64(300000)
                            << int(Health::Inactive);
}

void TestTasksModel::health()
{
    QFETCH(TaskState, state);
    QFETCH(qint64, ageMs);
    QFETCH(qint64, heartbeatEveryMs);
    QFETCH(qint64, taskTimeoutMs);
    QFETCH(int, expected);
    m_model->setThresholds(heartbeatEveryMs, taskTimeoutMs);
    m_model->setSnapshots({snapshot(u"a"_s, ageMs, state)});
    const QModelIndex age = m_model->index(0, TasksModel::HeartbeatAgeMs);
    QCOMPARE(age.data(TasksModel::HealthRole).toInt(), expected);
    QCOMPARE(m_model->index(0, TasksModel::Lines).data(TasksModel::HealthRole).toInt(), expected);

    const QPalette palette = QGuiApplication::palette();
    const Health h = Health(expected);
    QCOMPARE(age.data(Qt::ForegroundRole).value<QColor>(), StatusColors::foreground(h, palette));
    const QColor tint = StatusColors::background(h, palette);
    if (tint.isValid())
        QCOMPARE(age.data(Qt::BackgroundRole).value<QColor>(), tint);
    else
        QVERIFY(!age.data(Qt::BackgroundRole).isValid()); // the palette's own background
}

void TestTasksModel::thresholdsRecolour()
{
    m_model->setSnapshots({snapshot(u"a"_s, 500), snapshot(u"b"_s, 5000)});
    QCOMPARE(m_model->index(1, 0).data(TasksModel::HealthRole).toInt(), int(Health::Healthy));
    ModelSignals sig(m_model.get());
    m_model->setThresholds(1000, 10000);
    QCOMPARE(sig.changed, (QList<Range>{{0, 0, 1, TasksModel::ColumnCount - 1}}));
    QCOMPARE(m_model->index(0, 0).data(TasksModel::HealthRole).toInt(), int(Health::Healthy));
    QCOMPARE(m_model->index(1, 0).data(TasksModel::HealthRole).toInt(), int(Health::Warning));
    sig.clear();
    m_model->setThresholds(1000, 10000);
    QVERIFY(sig.changed.isEmpty());
}

void TestTasksModel::finalStatesInactive_data()
{
    QTest::addColumn<TaskState>("state");
    QTest::addColumn<QString>("name");
    QTest::newRow("stopped") << TaskState::Stopped << u"stopped"_s;
    QTest::newRow("timed out") << TaskState::TimedOut << u"timed_out"_s;
    QTest::newRow("failed") << TaskState::Failed << u"failed"_s;
}

void TestTasksModel::finalStatesInactive()
{
    QFETCH(TaskState, state);
    QFETCH(QString, name);
    QList<TaskSnapshot> list{snapshot(u"a"_s, 400000)};
    m_model->setSnapshots(list);
    list[0].state = state;
    ModelSignals sig(m_model.get());
    m_model->setSnapshots(list);
    QCOMPARE(sig.changed, (QList<Range>{{0, 0, 0, TasksModel::ColumnCount - 1}})); // the whole row greys

    const QPalette palette = QGuiApplication::palette();
    const QColor inactive = StatusColors::foreground(Health::Inactive, palette);
    QCOMPARE(m_model->index(0, TasksModel::State).data().toString(), name);
    QCOMPARE(m_model->index(0, TasksModel::State).data(Qt::ForegroundRole).value<QColor>(),
             StatusColors::forState(state, palette));
    for (int c : {int(TasksModel::Task), int(TasksModel::HeartbeatAgeMs), int(TasksModel::Lines)})
        QCOMPARE(m_model->index(0, c).data(Qt::ForegroundRole).value<QColor>(), inactive);
    QVERIFY(!m_model->index(0, TasksModel::HeartbeatAgeMs).data(Qt::BackgroundRole).isValid());
    QCOMPARE(m_model->index(0, TasksModel::Task).data(TasksModel::HealthRole).toInt(), int(Health::Inactive));
}

void TestTasksModel::display_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QString>("expected");
    const int age = TasksModel::HeartbeatAgeMs;
    const int bytes = TasksModel::Bytes;
    const int lines = TasksModel::Lines;
    QTest::newRow("age 0") << age << qint64(0) << u"0.0 s"_s;
    QTest::newRow("age 1.2 s") << age << qint64(1234) << u"1.2 s"_s;
    QTest::newRow("age 59.9 s") << age << qint64(59900) << u"59.9 s"_s;
    QTest::newRow("age 4 m") << age << qint64(252000) << u"4 m 12 s"_s;
    QTest::newRow("age 2 h") << age << qint64(7500000) << u"2 h 05 m"_s;
    QTest::newRow("bytes 0") << bytes << qint64(0) << u"0 B"_s;
    QTest::newRow("bytes 900") << bytes << qint64(900) << u"900 B"_s;
    QTest::newRow("bytes 1023") << bytes << qint64(1023) << u"1023 B"_s;
    QTest::newRow("bytes 1.5 KiB") << bytes << qint64(1536) << u"1.5 KiB"_s;
    QTest::newRow("bytes 12.3 MiB") << bytes << qint64(12.3 * 1024 * 1024) << u"12.3 MiB"_s;
    QTest::newRow("bytes 2 GiB") << bytes << (qint64(2) << 30) << u"2.0 GiB"_s;
    QTest::newRow("lines 0") << lines << qint64(0) << u"0"_s;
    QTest::newRow("lines 999") << lines << qint64(999) << u"999"_s;
    QTest::newRow("lines 1,234,567") << lines << qint64(1234567) << u"1,234,567"_s;
    QTest::newRow("heartbeats") << int(TasksModel::Heartbeats) << qint64(12345) << u"12,345"_s;
    QTest::newRow("rotations") << int(TasksModel::Rotations) << qint64(1000) << u"1,000"_s;
    QTest::newRow("errors") << int(TasksModel::Errors) << qint64(2) << u"2"_s;
}

void TestTasksModel::display()
{
    QFETCH(int, column);
    QFETCH(qint64, value);
    QFETCH(QString, expected);
    TaskSnapshot t = snapshot(u"a"_s);
    switch (column) {
    case TasksModel::HeartbeatAgeMs:
        t.heartbeatAgeMs = value;
        break;
    case TasksModel::Bytes:
        t.bytes = value;
        break;
    case TasksModel::Lines:
        t.lines = value;
        break;
    case TasksModel::Heartbeats:
        t.heartbeats = value;
        break;
    case TasksModel::Rotations:
        t.rotations = value;
        break;
    case TasksModel::Errors:
        t.errors = value;
        break;
    default:
        QFAIL("unexpected column");
    }
    m_model->setSnapshots({t});
    const QModelIndex cell = m_model->index(0, column);
    QCOMPARE(cell.data().toString(), expected);
    QCOMPARE(cell.data(TasksModel::RawValueRole).toLongLong(), value);
    QVERIFY(cell.data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight);
}

void TestTasksModel::times()
{
    TaskSnapshot t = snapshot(u"a"_s);
    const QDateTime now = QDateTime::currentDateTime();
    // Noon today: still today whatever the time zone, unless the test runs across midnight.
    t.lastHeartbeatAtMs = QDateTime(now.date(), QTime(12, 0, 0, 500)).toMSecsSinceEpoch();
    t.startedAtMs = QDateTime(QDate(2020, 1, 2), QTime(3, 4, 5)).toMSecsSinceEpoch();
    m_model->setSnapshots({t});
    QCOMPARE(m_model->index(0, TasksModel::LastHeartbeatAt).data().toString(), u"12:00:00"_s);
    QCOMPARE(m_model->index(0, TasksModel::StartedAt).data().toString(), u"2020-01-02 03:04:05"_s);
    const QString iso = m_model->index(0, TasksModel::LastHeartbeatAt).data(Qt::ToolTipRole).toString();
    QVERIFY2(
        QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.500Z$"_s).match(iso).hasMatch(),
        qPrintable(iso));
    QCOMPARE(QDateTime::fromString(iso, Qt::ISODateWithMs).toMSecsSinceEpoch(), t.lastHeartbeatAtMs);

    t.lastHeartbeatAtMs = 0; // no heartbeat yet
    m_model->setSnapshots({t});
    QCOMPARE(m_model->index(0, TasksModel::LastHeartbeatAt).data().toString(), QString());
    QCOMPARE(m_model->index(0, TasksModel::LastHeartbeatAt).data(TasksModel::RawValueRole).toLongLong(), 0);
}

void TestTasksModel::sortsByRawValue_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QList<qint64>>("values"); // given to tasks a, b, c, d
    QTest::addColumn<QStringList>("byDisplay");
    QTest::addColumn<QStringList>("byRaw");
    // "1.5 KiB" < "2.0 MiB" < "200 B" < "900 B" as text.
    QTest::newRow("bytes") << int(TasksModel::Bytes) << QList<qint64>{2 * 1024 * 1024, 900, 1536, 200}
                           << QStringList{u"c"_s, u"a"_s, u"d"_s, u"b"_s}
                           << QStringList{u"d"_s, u"b"_s, u"c"_s, u"a"_s};
    // "1 m 00 s" < "2 h 00 m" < "9.0 s" as text.
    QTest::newRow("heartbeat age") << int(TasksModel::HeartbeatAgeMs)
                                   << QList<qint64>{7200000, 9000, 60000, 500}
                                   << QStringList{u"d"_s, u"c"_s, u"a"_s, u"b"_s}
                                   << QStringList{u"d"_s, u"b"_s, u"c"_s, u"a"_s};
    // "1,000" < "20" < "3" as text.
    QTest::newRow("lines") << int(TasksModel::Lines) << QList<qint64>{20, 1000, 3, 150}
                           << QStringList{u"b"_s, u"d"_s, u"a"_s, u"c"_s}
                           << QStringList{u"c"_s, u"a"_s, u"d"_s, u"b"_s};
}

void TestTasksModel::sortsByRawValue()
{
    QFETCH(int, column);
    QFETCH(QList<qint64>, values);
    QFETCH(QStringList, byDisplay);
    QFETCH(QStringList, byRaw);
    QList<TaskSnapshot> list = snapshots({u"a"_s, u"b"_s, u"c"_s, u"d"_s});
    for (qsizetype i = 0; i < list.size(); ++i) {
        list[i].heartbeatAgeMs = column == TasksModel::HeartbeatAgeMs ? values[i] : 0;
        if (column == TasksModel::Bytes)
            list[i].bytes = values[i];
        if (column == TasksModel::Lines)
            list[i].lines = values[i];
    }
    m_model->setThresholds(10000000, 100000000);
    m_model->setSnapshots(list);
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(m_model.get());
    proxy.sort(column, Qt::AscendingOrder);
    QCOMPARE(namesInOrder(proxy), byDisplay);
    proxy.setSortRole(TasksModel::RawValueRole);
    proxy.sort(column, Qt::AscendingOrder);
    QCOMPARE(namesInOrder(proxy), byRaw);

    // Updates re-sort through the proxy: a grows past everything.
    list[0].heartbeatAgeMs = 9000000;
    list[0].bytes = qint64(1) << 40;
    list[0].lines = 1000000;
    m_model->setSnapshots(list);
    QCOMPARE(namesInOrder(proxy).last(), u"a"_s);
}

void TestTasksModel::htmlStaysPlain_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("bold") << u"<b>x</b>"_s;
    QTest::newRow("image") << u"<img src=http://example.invalid/x.png>"_s;
    QTest::newRow("entity") << u"&lt;b&gt; & more"_s;
}

void TestTasksModel::htmlStaysPlain()
{
    QFETCH(QString, text);
    TaskSnapshot t = snapshot(u"a"_s);
    t.containerName = text;
    t.lastError = u"cannot read logs of "_s + text;
    t.state = TaskState::Failed; // the error is current: shown as it is, without "(resolved)"
    m_model->setSnapshots({t});
    for (int column : {int(TasksModel::ContainerName), int(TasksModel::LastError)}) {
        const QModelIndex cell = m_model->index(0, column);
        const QString shown = column == TasksModel::ContainerName ? t.containerName : t.lastError;
        QCOMPARE(cell.data().toString(), shown);
        const QString tip = cell.data(Qt::ToolTipRole).toString();
        QVERIFY(tip.contains(shown.toHtmlEscaped()));
        QVERIFY(!tip.contains(text));
        QTextDocument doc;
        doc.setHtml(tip);
        QCOMPARE(doc.toPlainText(), shown);
    }
}

void TestTasksModel::headers()
{
    for (int c = 0; c < TasksModel::ColumnCount; ++c) {
        QVERIFY(!m_model->headerData(c, Qt::Horizontal).toString().isEmpty());
        QVERIFY(!m_model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }
    const QString ageTip =
        m_model->headerData(TasksModel::HeartbeatAgeMs, Qt::Horizontal, Qt::ToolTipRole).toString();
    QVERIFY(ageTip.contains(u"time since the last heartbeat"_s, Qt::CaseInsensitive));
    QVERIFY(ageTip.contains(u"task timeout"_s));
}

QTEST_MAIN(TestTasksModel)
#include "tst_tasksmodel.moc"
