// The containers table's actions, offscreen, against a stand-in engine socket that records each
// request: the context menu offers what applies to the container's state, each entry and each key
// sends its Engine API call, removing asks first (force for a running container), and the
// daemon's refusal reaches the user in its own words.
#include "ContainerActions.h"
#include "ContainersModel.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QMenu>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using Kind = ui::ContainerActions::Kind;

namespace {
// Answers every request with one canned response and remembers its request line.
class StandInEngine : public QObject
{
public:
    explicit StandInEngine(const QString& path)
    {
        QVERIFY(server.listen(path));
        connect(&server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket* s = server.nextPendingConnection()) {
                connect(s, &QLocalSocket::readyRead, s, [this, s] {
                    buffered[s] += s->readAll();
                    if (!buffered[s].contains("\r\n\r\n"))
                        return;
                    requests.append(buffered[s].left(buffered[s].indexOf("\r\n")));
                    s->write(response);
                    s->disconnectFromServer();
                });
                connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    void answer(int status, const QByteArray& reason, const QByteArray& body = {})
    {
        response =
            "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
            "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\n\r\n" + body;
    }
    bool waitForRequests(qsizetype n)
    {
        return QTest::qWaitFor([&] { return requests.size() >= n; }, 10000);
    }

    QLocalServer server;
    QHash<QLocalSocket*, QByteArray> buffered;
    QByteArray response = "HTTP/1.1 204 No Content\r\n\r\n";
    QList<QByteArray> requests;
};

docker::ContainerSummary container(const QString& id, const QString& name, const QString& state)
{
    docker::ContainerSummary c;
    c.id = id;
    c.names = {name};
    c.image = u"busybox"_s;
    c.state = state;
    return c;
}

struct Fixture
{
    QTemporaryDir dir;
    StandInEngine engine{dir.filePath(u"docker.sock"_s)};
    docker::DockerClient client{[this] {
        docker::Endpoint e;
        e.socketPath = dir.filePath(u"docker.sock"_s);
        return e;
    }()};
    ui::ContainersModel model;
    QWidget window;
    ui::ContainerActions actions{
        model, [this](const QString& host) { return host == u"local"_s ? &client : nullptr; }, &window};
    QStringList asked;
    bool answerYes = true;

    Fixture()
    {
        model.setContainers(u"local"_s, {container(u"aaa111"_s, u"web"_s, u"running"_s),
                                         container(u"bbb222"_s, u"db"_s, u"exited"_s),
                                         container(u"ccc333"_s, u"cache"_s, u"paused"_s)});
        actions.setConfirm([this](const QString&, const QString& text) {
            asked << text;
            return answerYes;
        });
    }
    int rowOf(const QString& id) const { return model.rowOf(u"local"_s, id); }
};

QMap<QString, bool> entries(QMenu& menu)
{
    QMap<QString, bool> out;
    for (QAction* a : menu.actions())
        if (!a->isSeparator())
            out.insert(a->text().remove(u'&'), a->isEnabled());
    return out;
}

QAction* entry(QMenu& menu, const QString& text)
{
    for (QAction* a : menu.actions())
        if (a->text().remove(u'&') == text)
            return a;
    return nullptr;
}
} // namespace

class TestContainerMenu : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void menuOffersWhatTheStateAllows()
    {
        Fixture f;
        QMenu running;
        f.actions.addToMenu(running, f.rowOf(u"aaa111"_s));
        QCOMPARE(entries(running), (QMap<QString, bool>{{u"Start"_s, false},
                                                        {u"Stop"_s, true},
                                                        {u"Restart"_s, true},
                                                        {u"Pause"_s, true},
                                                        {u"Remove…"_s, true}}));
        QMenu exited;
        f.actions.addToMenu(exited, f.rowOf(u"bbb222"_s));
        QCOMPARE(entries(exited).value(u"Start"_s), true);
        QCOMPARE(entries(exited).value(u"Stop"_s), false);
        QCOMPARE(entries(exited).value(u"Pause"_s), false);
        QMenu paused;
        f.actions.addToMenu(paused, f.rowOf(u"ccc333"_s));
        QVERIFY(!entries(paused).contains(u"Pause"_s));
        QCOMPARE(entries(paused).value(u"Unpause"_s), true);
        // Each entry shows its key.
        QCOMPARE(entry(running, u"Restart"_s)->shortcut(), ui::ContainerActions::keyOf(Kind::Restart));
    }

    void eachEntrySendsItsCall_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("entryText");
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("stop") << u"aaa111"_s << u"Stop"_s
                              << QByteArray("POST /containers/aaa111/stop HTTP/1.1");
        QTest::newRow("restart") << u"aaa111"_s << u"Restart"_s
                                 << QByteArray("POST /containers/aaa111/restart HTTP/1.1");
        QTest::newRow("pause") << u"aaa111"_s << u"Pause"_s
                               << QByteArray("POST /containers/aaa111/pause HTTP/1.1");
        QTest::newRow("start") << u"bbb222"_s << u"Start"_s
                               << QByteArray("POST /containers/bbb222/start HTTP/1.1");
        QTest::newRow("unpause") << u"ccc333"_s << u"Unpause"_s
                                 << QByteArray("POST /containers/ccc333/unpause HTTP/1.1");
        QTest::newRow("remove stopped")
            << u"bbb222"_s << u"Remove…"_s << QByteArray("DELETE /containers/bbb222 HTTP/1.1");
        QTest::newRow("remove running: force")
            << u"aaa111"_s << u"Remove…"_s << QByteArray("DELETE /containers/aaa111?force=1 HTTP/1.1");
    }
    void eachEntrySendsItsCall()
    {
        QFETCH(QString, id);
        QFETCH(QString, entryText);
        QFETCH(QByteArray, request);
        Fixture f;
        QSignalSpy messages(&f.actions, &ui::ContainerActions::message);
        QMenu menu;
        f.actions.addToMenu(menu, f.rowOf(id));
        QAction* a = entry(menu, entryText);
        QVERIFY(a);
        a->trigger();
        QVERIFY(f.engine.waitForRequests(1));
        QCOMPARE(f.engine.requests, QList<QByteArray>{request});
        QVERIFY(QTest::qWaitFor([&] { return messages.size() >= 2; }, 10000)); // "doing…", then done
        QVERIFY2(!messages.last().first().toString().contains(u"could not"_s),
                 qPrintable(messages.last().first().toString()));
    }

    void removeAsksFirstAndForceIsSaid()
    {
        Fixture f;
        f.answerYes = false;
        f.actions.run(f.rowOf(u"aaa111"_s), Kind::Remove);
        QCOMPARE(f.asked.size(), 1);
        QVERIFY2(f.asked.first().contains(u"force"_s) && f.asked.first().contains(u"web"_s),
                 qPrintable(f.asked.first()));
        QTest::qWait(200); // nothing may be sent after a "no": give a stray request time to show
        QVERIFY(f.engine.requests.isEmpty());
        f.actions.run(f.rowOf(u"bbb222"_s), Kind::Remove);
        QVERIFY(!f.asked.last().contains(u"force"_s));
    }

    void daemonRefusalIsShownInItsWords()
    {
        Fixture f;
        f.engine.answer(
            409, "Conflict",
            "{\"message\":\"cannot remove container \\\"/web\\\": container is running: stop the container "
            "before removing or force remove\"}");
        QSignalSpy failed(&f.actions, &ui::ContainerActions::failed);
        f.actions.run(f.rowOf(u"bbb222"_s), Kind::Remove);
        QVERIFY(failed.wait(10000));
        const QString text = failed.first().first().toString();
        QVERIFY2(text.contains(u"db could not be removed"_s), qPrintable(text));
        QVERIFY2(text.contains(u"container is running: stop the container"_s), qPrintable(text));
        QVERIFY2(text.contains(u"409"_s), qPrintable(text));
    }

    void alreadySoIsNoError()
    {
        Fixture f;
        f.engine.answer(304, "Not Modified");
        QSignalSpy failed(&f.actions, &ui::ContainerActions::failed);
        QSignalSpy messages(&f.actions, &ui::ContainerActions::message);
        f.actions.run(f.rowOf(u"aaa111"_s), Kind::Stop);
        QVERIFY(QTest::qWaitFor([&] { return messages.size() >= 2; }, 10000));
        QCOMPARE(messages.last().first().toString(), u"web was already stopped"_s);
        QCOMPARE(failed.size(), 0);
    }

    void keysActOnTheCurrentRow()
    {
        Fixture f;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&f.model);
        proxy.sort(ui::ContainersModel::Name); // view rows differ from model rows
        QTableView view(&f.window);
        view.setModel(&proxy);
        f.actions.installShortcuts(view, proxy);
        f.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        view.setFocus();
        const QModelIndex web = proxy.mapFromSource(f.model.index(f.rowOf(u"aaa111"_s), 0));
        view.setCurrentIndex(web);
        QTest::keyClick(&view, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(f.engine.waitForRequests(1));
        QCOMPARE(f.engine.requests.last(), QByteArray("POST /containers/aaa111/restart HTTP/1.1"));
        view.setCurrentIndex(proxy.mapFromSource(f.model.index(f.rowOf(u"ccc333"_s), 0)));
        QTest::keyClick(&view, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier); // toggles: unpause
        QVERIFY(f.engine.waitForRequests(2));
        QCOMPARE(f.engine.requests.last(), QByteArray("POST /containers/ccc333/unpause HTTP/1.1"));
        view.setCurrentIndex(proxy.mapFromSource(f.model.index(f.rowOf(u"bbb222"_s), 0)));
        QTest::keyClick(&view, Qt::Key_Delete);
        QVERIFY(f.engine.waitForRequests(3));
        QCOMPARE(f.asked.size(), 1);
        QCOMPARE(f.engine.requests.last(), QByteArray("DELETE /containers/bbb222 HTTP/1.1"));
        // A key that does not apply says why and sends nothing.
        QSignalSpy messages(&f.actions, &ui::ContainerActions::message);
        QTest::keyClick(&view, Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier); // stop an exited one
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages.first().first().toString().contains(u"exited"_s),
                 qPrintable(messages.first().first().toString()));
        QTest::qWait(200);
        QCOMPARE(f.engine.requests.size(), 3);
    }
};

QTEST_MAIN(TestContainerMenu)
#include "tst_containermenu.moc"
