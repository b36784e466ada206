#include "ContainersModel.h"
#include "ModelSignals.h"
#include "StatusColors.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSortFilterProxyModel>
#include <QTextDocument>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using dockpulse::docker::ContainerSummary;
using dockpulse::test::ModelSignals;
using dockpulse::ui::ContainersModel;
using dockpulse::ui::StatusColors;
using Range = ModelSignals::Range;

namespace {

const QString kHostA = u"unix:///var/run/docker.sock"_s;
const QString kHostB = u"tcp://10.0.0.2:2375"_s;
constexpr qint64 kNow = 1'800'000'000; // seconds since the epoch, fixed so uptimes are exact
constexpr qint64 kNsPerSec = 1'000'000'000;

ContainerSummary container(const QString& id, const QString& name, const QString& state = u"running"_s,
                           qint64 startedSecsAgo = -1)
{
    ContainerSummary c;
    c.id = id.leftJustified(64, u'0');
    c.names = {name};
    c.image = u"alpine:3.19"_s;
    c.state = state;
    c.status = state == u"running"_s ? u"Up 5 minutes"_s : u"Exited (0) 2 seconds ago"_s;
    c.createdSecs = kNow - 86400;
    c.startedAtNs = startedSecsAgo < 0 ? 0 : (kNow - startedSecsAgo) * kNsPerSec;
    return c;
}

QList<ContainerSummary> containers(const QStringList& ids)
{
    QList<ContainerSummary> list;
    for (const QString& id : ids)
        list.append(container(id, u"name-"_s + id));
    return list;
}

QString shortIdAt(const ContainersModel& model, int row)
{
    return model.containerIdAt(row).left(3);
}

QStringList shortIds(const ContainersModel& model)
{
    QStringList ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.append(shortIdAt(model, r));
    return ids;
}

} // namespace

class TestContainersModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void rowsAndAccessors();
    void updateKeepsRows_data();
    void updateKeepsRows();
    void addAndRemoveRows();
    void newRowsStayWithTheirEngine();
    void moveBetweenHosts();
    void removeHost();
    void checkboxAsksOwner();
    void setMonitoredCoalesces();
    void unreachableHost();
    void uptime_data();
    void uptime();
    void tickOneRangeOnUptimeColumn();
    void statusIsLive_data();
    void statusIsLive();
    void stateColours_data();
    void stateColours();
    void sortsByRawValue();
    void htmlStaysPlain_data();
    void htmlStaysPlain();
    void coalescing_data();
    void coalescing();
    void headers();

private:
    std::unique_ptr<ContainersModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestContainersModel::init()
{
    m_model = std::make_unique<ContainersModel>();
    m_model->tick(kNow);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestContainersModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestContainersModel::rowsAndAccessors()
{
    ContainersModel& m = *m_model;
    m.setContainers(kHostA, containers({u"aaa"_s, u"bbb"_s}));
    m.setContainers(kHostB, containers({u"ccc"_s}));
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(m.columnCount(), int(ContainersModel::ColumnCount));
    QCOMPARE(shortIds(m), (QStringList{u"aaa"_s, u"bbb"_s, u"ccc"_s}));
    QCOMPARE(m.hostAt(2), kHostB);
    QCOMPARE(m.nameAt(1), u"name-bbb"_s);
    QCOMPARE(m.rowOf(kHostB, m.containerIdAt(2)), 2);
    QCOMPARE(m.rowOf(kHostA, m.containerIdAt(2)), -1); // same id, other engine
    QCOMPARE(m.hostAt(3), QString());
    QCOMPARE(m.containerIdAt(-1), QString());

    const QModelIndex name = m.index(1, ContainersModel::Name);
    QCOMPARE(name.data().toString(), u"name-bbb"_s);
    QCOMPARE(name.data(ContainersModel::NameRole).toString(), u"name-bbb"_s);
    QCOMPARE(name.data(ContainersModel::HostRole).toString(), kHostA);
    QCOMPARE(name.data(ContainersModel::ContainerIdRole).toString(), m.containerIdAt(1));
    QCOMPARE(m.index(1, ContainersModel::Image).data().toString(), u"alpine:3.19"_s);
    QCOMPARE(m.index(1, ContainersModel::State).data().toString(), u"running"_s);
    QCOMPARE(m.index(1, ContainersModel::Status).data().toString(), u"Up 5 minutes"_s);
    QCOMPARE(m.index(2, ContainersModel::Host).data().toString(), kHostB);
    QCOMPARE(m.index(0, ContainersModel::Monitor).data(ContainersModel::RawValueRole), QVariant(false));
    QCOMPARE(m.index(0, ContainersModel::Uptime).data(ContainersModel::RawValueRole).toLongLong(), -1);
    QCOMPARE(ContainersModel::key(kHostA, u"x"_s), ContainersModel::key(kHostA, u"x"_s));
    QVERIFY(ContainersModel::key(kHostA, u"x"_s) != ContainersModel::key(kHostB, u"x"_s));
}

void TestContainersModel::updateKeepsRows_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("column");
    QTest::newRow("status") << u"status"_s << int(ContainersModel::Status);
    QTest::newRow("state") << u"state"_s << int(ContainersModel::State);
    QTest::newRow("image") << u"image"_s << int(ContainersModel::Image);
    QTest::newRow("rename") << u"name"_s << int(ContainersModel::Name);
}

void TestContainersModel::updateKeepsRows()
{
    QFETCH(QString, field);
    QFETCH(int, column);
    ContainersModel& m = *m_model;
    QList<ContainerSummary> list = containers({u"aaa"_s, u"bbb"_s, u"ccc"_s});
    m.setContainers(kHostA, list);
    m.setContainers(kHostB, containers({u"ddd"_s}));

    ModelSignals sig(&m);
    ContainerSummary& c = list[1];
    if (field == u"status"_s)
        c.status = u"Up 6 minutes"_s;
    else if (field == u"state"_s)
        c.state = u"paused"_s;
    else if (field == u"image"_s)
        c.image = u"alpine:3.20"_s;
    else
        c.names = {u"renamed"_s};
    std::swap(list[0], list[2]); // the engine's order is not the model's business
    m.setContainers(kHostA, list);

    QVERIFY(sig.structureUntouched());
    QCOMPARE(sig.changed, (QList<Range>{{1, column, 1, column}}));
    QCOMPARE(shortIds(m), (QStringList{u"aaa"_s, u"bbb"_s, u"ccc"_s, u"ddd"_s}));

    // The same list again changes nothing.
    sig.clear();
    m.setContainers(kHostA, list);
    QVERIFY(sig.structureUntouched());
    QVERIFY(sig.changed.isEmpty());
}

void TestContainersModel::addAndRemoveRows()
{
    ContainersModel& m = *m_model;
    m.setContainers(kHostA, containers({u"aaa"_s, u"bbb"_s, u"ccc"_s, u"ddd"_s, u"eee"_s}));
    ModelSignals sig(&m);
    m.setContainers(kHostA, containers({u"aaa"_s, u"ddd"_s, u"fff"_s, u"ggg"_s}));
    // bbb+ccc go as one run, eee as another (bottom first); fff+ggg arrive with one insert.
    QCOMPARE(sig.removed, (QList<std::pair<int, int>>{{4, 4}, {1, 2}}));
    QCOMPARE(sig.inserted, (QList<std::pair<int, int>>{{2, 3}}));
    QCOMPARE(sig.resets, 0);
    QVERIFY(sig.changed.isEmpty());
    QCOMPARE(shortIds(m), (QStringList{u"aaa"_s, u"ddd"_s, u"fff"_s, u"ggg"_s}));
    QCOMPARE(m.rowOf(kHostA, m.containerIdAt(3)), 3);

    sig.clear();
    m.setContainers(kHostA, {});
    QCOMPARE(sig.removed, (QList<std::pair<int, int>>{{0, 3}}));
    QCOMPARE(m.rowCount(), 0);
}

void TestContainersModel::newRowsStayWithTheirEngine()
{
    ContainersModel& m = *m_model;
    m.setContainers(kHostA, containers({u"aaa"_s, u"bbb"_s}));
    m.setContainers(kHostB, containers({u"ccc"_s, u"ddd"_s}));
    ModelSignals sig(&m);
    m.setContainers(kHostA, containers({u"aaa"_s, u"bbb"_s, u"eee"_s}));
    QCOMPARE(sig.inserted, (QList<std::pair<int, int>>{{2, 2}}));
    QCOMPARE(shortIds(m), (QStringList{u"aaa"_s, u"bbb"_s, u"eee"_s, u"ccc"_s, u"ddd"_s}));
    QCOMPARE(m.rowOf(kHostB, m.containerIdAt(4)), 4);
    QVERIFY(sig.removed.isEmpty());
}

void TestContainersModel::moveBetweenHosts()
{
    ContainersModel& m = *m_model;
    m.setContainers(kHostA, containers({u"aaa"_s, u"bbb"_s}));
    m.setContainers(kHostB, containers({u"ccc"_s}));
    const QString id = m.containerIdAt(1);
    m.setMonitored({ContainersModel::key(kHostA, id)});

    m.setContainers(kHostA, containers({u"aaa"_s}));
    m.setContainers(kHostB, containers({u"ccc"_s, u"bbb"_s}));
    QCOMPARE(m.rowOf(kHostA, id), -1);
    const int row = m.rowOf(kHostB, id);
    QCOMPARE(row, 2);
    QCOMPARE(m.hostAt(row), kHostB);
    // Monitoring is per engine: the key named the old one.
    QCOMPARE(m.index(row, ContainersModel::Monitor).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
}

void TestContainersModel::removeHost()
{
    ContainersModel& m = *m_model;
    m.setContainers(kHostA, containers({u"aaa"_s, u"bbb"_s}));
    m.setContainers(kHostB, containers({u"ccc"_s, u"ddd"_s, u"eee"_s}));
    m.setContainers(u"tcp://third:2375"_s, containers({u"fff"_s}));
    ModelSignals sig(&m);
    m.removeHost(kHostB);
    QCOMPARE(sig.removed, (QList<std::pair<int, int>>{{2, 4}}));
    QCOMPARE(shortIds(m), (QStringList{u"aaa"_s, u"bbb"_s, u"fff"_s}));
    QCOMPARE(m.rowOf(u"tcp://third:2375"_s, m.containerIdAt(2)), 2);
    sig.clear();
    m.removeHost(u"tcp://unknown:1"_s);
    QVERIFY(sig.structureUntouched());
}

void TestContainersModel::checkboxAsksOwner()
{
    ContainersModel& m = *m_model;
    m.setContainers(kHostA, containers({u"aaa"_s, u"bbb"_s}));
    const QModelIndex box = m.index(1, ContainersModel::Monitor);
    QVERIFY(box.flags() & Qt::ItemIsUserCheckable);
    QVERIFY(!(m.index(1, ContainersModel::Name).flags() & Qt::ItemIsUserCheckable));
    QCOMPARE(box.data(Qt::ToolTipRole).toString(), u"Monitor this container's logs (Space, double-click)"_s);
    QCOMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

    QSignalSpy toggled(&m, &ContainersModel::monitorToggled);
    ModelSignals sig(&m);
    QVERIFY(m.setData(box, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(toggled.size(), 1);
    QCOMPARE(toggled[0][0].toString(), kHostA);
    QCOMPARE(toggled[0][1].toString(), m.containerIdAt(1));
    QCOMPARE(toggled[0][2].toString(), u"name-bbb"_s);
    QCOMPARE(toggled[0][3].toBool(), true);
    // The checkbox shows the truth, and the truth has not changed yet.
    QCOMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(sig.changed.isEmpty());

    m.setMonitored({ContainersModel::key(kHostA, m.containerIdAt(1))});
    QCOMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(box.data(ContainersModel::RawValueRole), QVariant(true));
    QCOMPARE(sig.changed, (QList<Range>{{1, ContainersModel::Monitor, 1, ContainersModel::Monitor}}));

    QVERIFY(m.setData(box, QVariant::fromValue(Qt::Unchecked), Qt::CheckStateRole));
    QCOMPARE(toggled.size(), 2);
    QCOMPARE(toggled[1][3].toBool(), false);
    QCOMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));

    // Other columns and roles are not editable.
    QVERIFY(!m.setData(m.index(1, ContainersModel::Name), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(!m.setData(box, u"x"_s, Qt::EditRole));
    QCOMPARE(toggled.size(), 2);
}

void TestContainersModel::setMonitoredCoalesces()
{
    ContainersModel& m = *m_model;
    m.setContainers(kHostA, containers({u"aaa"_s, u"bbb"_s, u"ccc"_s, u"ddd"_s, u"eee"_s}));
    auto keyAt = [&m](int row) {
        return ContainersModel::key(m.hostAt(row), m.containerIdAt(row));
    };
    ModelSignals sig(&m);
    m.setMonitored({keyAt(1), keyAt(2), keyAt(3), u"unknown#123"_s});
    const int col = ContainersModel::Monitor;
    QCOMPARE(sig.changed, (QList<Range>{{1, col, 3, col}}));
    sig.clear();
    m.setMonitored({keyAt(1), keyAt(3)}); // only row 2 flips
    QCOMPARE(sig.changed, (QList<Range>{{2, col, 2, col}}));
    sig.clear();
    m.setMonitored({keyAt(1), keyAt(3)});
    QVERIFY(sig.changed.isEmpty());
    QVERIFY(sig.structureUntouched());
}

void TestContainersModel::unreachableHost()
{
    ContainersModel& m = *m_model;
    m.setContainers(kHostA, containers({u"aaa"_s}));
    m.setContainers(kHostB, containers({u"bbb"_s, u"ccc"_s}));
    const QColor greyed = QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);

    ModelSignals sig(&m);
    m.setHostReachable(kHostB, false);
    QVERIFY(sig.structureUntouched());
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(sig.changed, (QList<Range>{{1, 0, 2, ContainersModel::ColumnCount - 1}}));
    for (int c = 0; c < ContainersModel::ColumnCount; ++c) {
        QCOMPARE(m.index(1, c).data(Qt::ForegroundRole).value<QColor>(), greyed);
        QVERIFY(m.index(2, c).data(Qt::ToolTipRole).toString().contains(u"engine unreachable"_s));
        QVERIFY(!m.index(0, c).data(Qt::ToolTipRole).toString().contains(u"engine unreachable"_s));
    }
    QVERIFY(!m.index(0, ContainersModel::Name).data(Qt::ForegroundRole).isValid());
    QCOMPARE(m.index(1, ContainersModel::State).data().toString(), u"running"_s); // last known

    sig.clear();
    m.setHostReachable(kHostB, false); // no news
    QVERIFY(sig.changed.isEmpty());
    m.setHostReachable(kHostB, true);
    QCOMPARE(sig.changed, (QList<Range>{{1, 0, 2, ContainersModel::ColumnCount - 1}}));
    QVERIFY(!m.index(1, ContainersModel::Name).data(Qt::ForegroundRole).isValid());
}

void TestContainersModel::uptime_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<qint64>("startedSecsAgo"); // -1: unknown
    QTest::addColumn<QString>("display");
    QTest::addColumn<qint64>("raw");
    QTest::newRow("seconds") << u"running"_s << qint64(12) << u"12 s"_s << qint64(12);
    QTest::newRow("just started") << u"running"_s << qint64(0) << u"0 s"_s << qint64(0);
    QTest::newRow("minutes") << u"running"_s << qint64(4 * 60 + 12) << u"4 m 12 s"_s << qint64(252);
    QTest::newRow("minutes, padded") << u"running"_s << qint64(4 * 60 + 5) << u"4 m 05 s"_s << qint64(245);
    QTest::newRow("hours") << u"running"_s << qint64(2 * 3600 + 5 * 60 + 59) << u"2 h 05 m"_s << qint64(7559);
    QTest::newRow("days") << u"running"_s << qint64(3 * 86400 + 4 * 3600 + 59) << u"3 d 4 h"_s
                          << qint64(273659);
    QTest::newRow("unknown start") << u"running"_s << qint64(-1) << QString() << qint64(-1);
    QTest::newRow("exited") << u"exited"_s << qint64(100) << QString() << qint64(-1);
    QTest::newRow("paused") << u"paused"_s << qint64(100) << QString() << qint64(-1);
}

void TestContainersModel::uptime()
{
    QFETCH(QString, state);
    QFETCH(qint64, startedSecsAgo);
    QFETCH(QString, display);
    QFETCH(qint64, raw);
    m_model->setContainers(kHostA, {container(u"aaa"_s, u"web"_s, state, startedSecsAgo)});
    const QModelIndex cell = m_model->index(0, ContainersModel::Uptime);
    QCOMPARE(cell.data().toString(), display);
    QCOMPARE(cell.data(ContainersModel::RawValueRole).toLongLong(), raw);
}

void TestContainersModel::tickOneRangeOnUptimeColumn()
{
    ContainersModel& m = *m_model;
    m.setContainers(
        kHostA, {container(u"aaa"_s, u"a"_s, u"exited"_s, 50), container(u"bbb"_s, u"b"_s, u"running"_s, 10),
                 container(u"ccc"_s, u"c"_s, u"exited"_s, 50), container(u"ddd"_s, u"d"_s, u"running"_s, 20),
                 container(u"eee"_s, u"e"_s, u"running"_s, -1)});
    ModelSignals sig(&m);
    m.tick(kNow + 1);
    const int col = ContainersModel::Uptime;
    // Status ("Up 11 s") ages with the uptime: one rectangle from Status to Uptime.
    QCOMPARE(sig.changed, (QList<Range>{{1, ContainersModel::Status, 3, col}}));
    QVERIFY(sig.structureUntouched());
    QCOMPARE(m.index(1, col).data().toString(), u"11 s"_s);
    QCOMPARE(m.index(3, col).data().toString(), u"21 s"_s);
    sig.clear();
    m.tick(kNow + 1); // same second: nothing to say
    QVERIFY(sig.changed.isEmpty());

    m.setContainers(kHostA, {container(u"aaa"_s, u"a"_s, u"exited"_s, 50)});
    sig.clear();
    m.tick(kNow + 2); // no uptime shown anywhere
    QVERIFY(sig.changed.isEmpty());
}

// Docker's status line is written when the list is fetched ("Up 18 seconds") and goes stale
// between lists; the table says it from the start time, live, so it agrees with Uptime.
void TestContainersModel::statusIsLive_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("dockerStatus");
    QTest::addColumn<qint64>("startedSecsAgo"); // -1: unknown
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QString>("shownSecondLater");
    QTest::newRow("up") << u"running"_s << u"Up 18 seconds"_s << qint64(72) << u"Up 1 m 12 s"_s
                        << u"Up 1 m 13 s"_s;
    QTest::newRow("up, healthy") << u"running"_s << u"Up 18 seconds (healthy)"_s << qint64(5)
                                 << u"Up 5 s (healthy)"_s << u"Up 6 s (healthy)"_s;
    QTest::newRow("paused") << u"paused"_s << u"Up 2 minutes (Paused)"_s << qint64(200)
                            << u"Up 3 m 20 s (Paused)"_s << u"Up 3 m 21 s (Paused)"_s;
    QTest::newRow("start unknown: Docker's words")
        << u"running"_s << u"Up 18 seconds"_s << qint64(-1) << u"Up 18 seconds"_s << u"Up 18 seconds"_s;
    QTest::newRow("exited: no stale 'ago'") << u"exited"_s << u"Exited (137) 2 seconds ago"_s << qint64(-1)
                                            << u"Exited (137)"_s << u"Exited (137)"_s;
    QTest::newRow("created") << u"created"_s << u"Created"_s << qint64(-1) << u"Created"_s << u"Created"_s;
}

void TestContainersModel::statusIsLive()
{
    QFETCH(QString, state);
    QFETCH(QString, dockerStatus);
    QFETCH(qint64, startedSecsAgo);
    QFETCH(QString, shown);
    QFETCH(QString, shownSecondLater);
    ContainerSummary c = container(u"aaa"_s, u"web"_s, state, startedSecsAgo);
    c.status = dockerStatus;
    m_model->tick(kNow);
    m_model->setContainers(kHostA, {c});
    const QModelIndex cell = m_model->index(0, ContainersModel::Status);
    QCOMPARE(cell.data().toString(), shown);
    QVERIFY2(cell.data(Qt::ToolTipRole).toString().contains(dockerStatus.toHtmlEscaped()),
             qPrintable(cell.data(Qt::ToolTipRole).toString())); // Docker's own words stay at hand
    m_model->tick(kNow + 1);
    QCOMPARE(cell.data().toString(), shownSecondLater);
}

void TestContainersModel::stateColours_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("health"); // -1: default text colour
    using H = StatusColors::Health;
    QTest::newRow("running") << u"running"_s << int(H::Healthy);
    QTest::newRow("exited") << u"exited"_s << int(H::Inactive);
    QTest::newRow("dead") << u"dead"_s << int(H::Inactive);
    QTest::newRow("restarting") << u"restarting"_s << int(H::Warning);
    QTest::newRow("paused") << u"paused"_s << int(H::Warning);
    QTest::newRow("created") << u"created"_s << -1;
}

void TestContainersModel::stateColours()
{
    QFETCH(QString, state);
    QFETCH(int, health);
    m_model->setContainers(kHostA, {container(u"aaa"_s, u"web"_s, state)});
    const QVariant colour = m_model->index(0, ContainersModel::State).data(Qt::ForegroundRole);
    if (health < 0) {
        QVERIFY(!colour.isValid());
    } else {
        QCOMPARE(colour.value<QColor>(),
                 StatusColors::foreground(StatusColors::Health(health), QGuiApplication::palette()));
    }
    QCOMPARE(m_model->index(0, ContainersModel::State).data().toString(), state);
}

void TestContainersModel::sortsByRawValue()
{
    ContainersModel& m = *m_model;
    m.setContainers(kHostA, {container(u"aaa"_s, u"two-hours"_s, u"running"_s, 7200),
                             container(u"bbb"_s, u"stopped"_s, u"exited"_s, 5),
                             container(u"ccc"_s, u"nine-secs"_s, u"running"_s, 9),
                             container(u"ddd"_s, u"one-min"_s, u"running"_s, 60)});
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&m);
    auto namesInOrder = [&proxy] {
        QStringList names;
        for (int r = 0; r < proxy.rowCount(); ++r)
            names.append(proxy.index(r, ContainersModel::Name).data().toString());
        return names;
    };

    // By display text "1 m 00 s" < "2 h 00 m" < "9 s": the wrong order.
    proxy.sort(ContainersModel::Uptime, Qt::AscendingOrder);
    QCOMPARE(namesInOrder(), (QStringList{u"stopped"_s, u"one-min"_s, u"two-hours"_s, u"nine-secs"_s}));

    proxy.setSortRole(ContainersModel::RawValueRole);
    proxy.sort(ContainersModel::Uptime, Qt::AscendingOrder);
    QCOMPARE(namesInOrder(), (QStringList{u"stopped"_s, u"nine-secs"_s, u"one-min"_s, u"two-hours"_s}));

    // Monitored first when sorting the checkbox column descending.
    m.setMonitored({ContainersModel::key(kHostA, m.containerIdAt(2))});
    proxy.sort(ContainersModel::Monitor, Qt::DescendingOrder);
    QCOMPARE(namesInOrder().first(), u"nine-secs"_s);

    // The sort survives ticks and updates through the proxy.
    proxy.sort(ContainersModel::Uptime, Qt::AscendingOrder);
    m.tick(kNow + 30);
    m.setContainers(kHostA, {container(u"aaa"_s, u"two-hours"_s, u"running"_s, 7200),
                             container(u"ccc"_s, u"nine-secs"_s, u"running"_s, 9),
                             container(u"ddd"_s, u"one-min"_s, u"running"_s, 60)});
    QCOMPARE(namesInOrder(), (QStringList{u"nine-secs"_s, u"one-min"_s, u"two-hours"_s}));
}

void TestContainersModel::htmlStaysPlain_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("bold") << u"<b>x</b>"_s;
    QTest::newRow("image") << u"<img src=http://example.invalid/x.png>"_s;
    QTest::newRow("entities and quotes") << u"a&amp;b \"q\" 'p' <qt>"_s;
}

void TestContainersModel::htmlStaysPlain()
{
    QFETCH(QString, name);
    ContainerSummary c = container(u"aaa"_s, name);
    c.image = name;
    c.status = name;
    m_model->setContainers(kHostA, {c});
    for (int column :
         {int(ContainersModel::Name), int(ContainersModel::Image), int(ContainersModel::Status)}) {
        const QModelIndex cell = m_model->index(0, column);
        QCOMPARE(cell.data().toString(), name);
        QCOMPARE(cell.data(ContainersModel::RawValueRole).toString(), name);
        const QString tip = cell.data(Qt::ToolTipRole).toString();
        QVERIFY2(!tip.contains(name), qPrintable(tip));
        QVERIFY(tip.contains(name.toHtmlEscaped()));
        // Rendered the way QToolTip renders it, the tooltip shows the name literally.
        QVERIFY(Qt::mightBeRichText(tip));
        QTextDocument doc;
        doc.setHtml(tip);
        QVERIFY2(doc.toPlainText().contains(name), qPrintable(doc.toPlainText()));
    }
    QCOMPARE(m_model->index(0, ContainersModel::Name).data(ContainersModel::NameRole).toString(), name);
    QCOMPARE(m_model->nameAt(0), name);
    const QString idTip = m_model->index(0, ContainersModel::Name).data(Qt::ToolTipRole).toString();
    QVERIFY(idTip.contains(m_model->containerIdAt(0))); // the full id
}

void TestContainersModel::coalescing_data()
{
    QTest::addColumn<QList<int>>("rows"); // rows whose status changes
    QTest::addColumn<QList<Range>>("expected");
    const int col = ContainersModel::Status;
    QTest::newRow("three adjacent rows, one range") << QList<int>{1, 2, 3} << QList<Range>{{1, col, 3, col}};
    QTest::newRow("a gap, two ranges")
        << QList<int>{0, 1, 3} << QList<Range>{{0, col, 1, col}, {3, col, 3, col}};
    QTest::newRow("all rows") << QList<int>{0, 1, 2, 3, 4} << QList<Range>{{0, col, 4, col}};
    QTest::newRow("none") << QList<int>{} << QList<Range>{};
}

void TestContainersModel::coalescing()
{
    QFETCH(QList<int>, rows);
    QFETCH(QList<Range>, expected);
    QList<ContainerSummary> list = containers({u"aaa"_s, u"bbb"_s, u"ccc"_s, u"ddd"_s, u"eee"_s});
    m_model->setContainers(kHostA, list);
    for (int r : rows)
        list[r].status = u"Up 6 minutes"_s;
    ModelSignals sig(m_model.get());
    m_model->setContainers(kHostA, list);
    QCOMPARE(sig.changed, expected);
    QVERIFY(sig.structureUntouched());
}

void TestContainersModel::headers()
{
    for (int c = 0; c < ContainersModel::ColumnCount; ++c) {
        QVERIFY(!m_model->headerData(c, Qt::Horizontal).toString().isEmpty());
        QVERIFY(!m_model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }
    QCOMPARE(m_model->headerData(ContainersModel::Uptime, Qt::Horizontal).toString(), u"Uptime"_s);
}

QTEST_MAIN(TestContainersModel)
#include "tst_containersmodel.moc"
