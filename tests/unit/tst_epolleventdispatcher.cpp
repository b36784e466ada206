#include "EpollEventDispatcher.h"
#include "TsanAnnotations.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>

using namespace Qt::StringLiterals;
using dockpulse::eventloop::EpollEventDispatcher;

namespace {

// A worker thread running an event loop on the dispatcher under test, as WorkerPool sets it up.
class Worker
{
public:
    Worker()
    {
        m_thread.setEventDispatcher(new EpollEventDispatcher);
        m_thread.start();
        m_context.moveToThread(&m_thread);
    }
    ~Worker()
    {
        m_thread.quit();
        m_thread.wait();
    }
    // Runs f in the worker thread and waits for it.
    void run(const std::function<void()>& f)
    {
        // The queue and the wait are a mutex and a QSemaphore inside Qt, which TSan cannot see:
        // mark the hand-over (what this thread wrote before, f included) and the hand-back.
        dockpulse::eventloop::tsanRelease(&m_context);
        QMetaObject::invokeMethod(
            &m_context,
            [this, &f] {
                dockpulse::eventloop::tsanAcquire(&m_context);
                f();
                dockpulse::eventloop::tsanRelease(this);
            },
            Qt::BlockingQueuedConnection);
        dockpulse::eventloop::tsanAcquire(this);
    }
    QThread& thread() { return m_thread; }

private:
    QThread m_thread;
    QObject m_context;
};

} // namespace

class TestEpollEventDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void isTheThreadsDispatcher()
    {
        Worker w;
        bool isEpoll = false;
        w.run([&] { isEpoll = qobject_cast<EpollEventDispatcher*>(QAbstractEventDispatcher::instance()); });
        QVERIFY(isEpoll);
    }

    void postedEventsAndDeleteLaterRun()
    {
        Worker w;
        std::atomic<int> calls{0};
        QObject* target = nullptr;
        w.run([&] { target = new QObject; });
        QPointer<QObject> guard(target);
        for (int i = 0; i < 100; ++i)
            QMetaObject::invokeMethod(
                target, [&] { ++calls; }, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(calls.load(), 100, 5000);
        QMetaObject::invokeMethod(
            target, [target] { target->deleteLater(); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 5000);
    }

    void singleShotAndRepeatingTimers()
    {
        Worker w;
        std::atomic<int> single{0};
        std::atomic<int> repeating{0};
        QTimer* timer = nullptr;
        w.run([&] {
            QTimer::singleShot(20, [&] { ++single; });
            timer = new QTimer;
            timer->setInterval(5);
            QObject::connect(timer, &QTimer::timeout, [&] { ++repeating; });
            timer->start();
        });
        QTRY_VERIFY_WITH_TIMEOUT(repeating.load() >= 10, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(single.load(), 1, 5000);
        int remaining = -2;
        w.run([&] {
            remaining = timer->remainingTime();
            timer->stop();
        });
        QVERIFY2(remaining >= 0 && remaining <= 5, qPrintable(QString::number(remaining)));
        const int stoppedAt = repeating.load();
        QTest::qWait(50);
        QCOMPARE(repeating.load(), stoppedAt); // a stopped timer never fires again
        QCOMPARE(single.load(), 1);            // a single shot fires once
        w.run([&] { delete timer; });
    }

    void timerStoppedAndRestartedInItsHandler()
    {
        Worker w;
        std::atomic<int> fired{0};
        QTimer* timer = nullptr;
        w.run([&] {
            timer = new QTimer;
            timer->setInterval(1);
            QObject::connect(timer, &QTimer::timeout, [&] {
                if (++fired < 5)
                    timer->start(1); // re-registers the timer from inside its own event
                else
                    timer->stop();
            });
            timer->start();
        });
        QTRY_COMPARE_WITH_TIMEOUT(fired.load(), 5, 5000);
        QTest::qWait(30);
        QCOMPARE(fired.load(), 5);
        w.run([&] { delete timer; });
    }

    void zeroTimerDoesNotStarveSockets()
    {
        Worker w;
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
        std::atomic<int> idle{0};
        std::atomic<bool> readable{false};
        QTimer* zero = nullptr;
        QSocketNotifier* notifier = nullptr;
        w.run([&] {
            zero = new QTimer;
            zero->setInterval(0);
            QObject::connect(zero, &QTimer::timeout, [&] { ++idle; });
            zero->start();
            notifier = new QSocketNotifier(fds[0], QSocketNotifier::Read);
            QObject::connect(notifier, &QSocketNotifier::activated, [&] { readable = true; });
        });
        QTRY_VERIFY_WITH_TIMEOUT(idle.load() > 100, 5000);
        QCOMPARE(::write(fds[1], "x", 1), ssize_t(1));
        QTRY_VERIFY_WITH_TIMEOUT(readable.load(), 5000);
        w.run([&] {
            delete zero;
            delete notifier;
        });
        ::close(fds[0]);
        ::close(fds[1]);
    }

    void socketNotifiersReadWriteHangUp()
    {
        Worker w;
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
        std::atomic<int> reads{0};
        std::atomic<int> writes{0};
        QSocketNotifier* readN = nullptr;
        QSocketNotifier* writeN = nullptr;
        w.run([&] {
            readN = new QSocketNotifier(fds[0], QSocketNotifier::Read);
            QObject::connect(readN, &QSocketNotifier::activated, [&] {
                char buffer[64];
                if (::read(fds[0], buffer, sizeof buffer) >= 0)
                    ++reads;
            });
            // Writable at once: the write notifier fires, then disables itself (as a socket
            // does when its buffer is empty), which must take it out of the set.
            writeN = new QSocketNotifier(fds[0], QSocketNotifier::Write);
            QObject::connect(writeN, &QSocketNotifier::activated, [&] {
                ++writes;
                writeN->setEnabled(false);
            });
        });
        QTRY_COMPARE_WITH_TIMEOUT(writes.load(), 1, 5000);
        QCOMPARE(::write(fds[1], "ping", 4), ssize_t(4));
        QTRY_COMPARE_WITH_TIMEOUT(reads.load(), 1, 5000);
        QTest::qWait(30);
        QCOMPARE(writes.load(), 1); // disabled: level triggering must not fire it again
        QCOMPARE(reads.load(), 1);  // drained: not again either

        w.run([&] { readN->setEnabled(false); });
        QCOMPARE(::write(fds[1], "more", 4), ssize_t(4));
        QTest::qWait(30);
        QCOMPARE(reads.load(), 1); // a disabled notifier is silent
        w.run([&] { readN->setEnabled(true); });
        QTRY_COMPARE_WITH_TIMEOUT(reads.load(), 2, 5000);

        ::close(fds[1]); // the peer hangs up: the read notifier sees it (read returns 0)
        QTRY_VERIFY_WITH_TIMEOUT(reads.load() >= 3, 5000);
        w.run([&] {
            delete readN;
            delete writeN;
        });
        ::close(fds[0]);
    }

    // Qt's own sockets on the dispatcher: a local server and client echo in the worker.
    void localSocketsEcho()
    {
        Worker w;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"echo.sock"_s);
        QLocalServer* server = nullptr;
        QLocalSocket* client = nullptr;
        QByteArray received;
        std::atomic<bool> done{false};
        bool listening = false;
        w.run([&] {
            server = new QLocalServer;
            listening = server->listen(path);
            QObject::connect(server, &QLocalServer::newConnection, [&] {
                QLocalSocket* peer = server->nextPendingConnection();
                QObject::connect(peer, &QLocalSocket::readyRead, [peer] { peer->write(peer->readAll()); });
            });
            client = new QLocalSocket;
            QObject::connect(client, &QLocalSocket::connected,
                             [&] { client->write(QByteArray(100000, 'e')); });
            QObject::connect(client, &QLocalSocket::readyRead, [&] {
                received += client->readAll();
                done = received.size() >= 100000;
            });
            client->connectToServer(path);
        });
        QVERIFY(listening);
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 10000);
        QCOMPARE(received, QByteArray(100000, 'e'));
        w.run([&] {
            delete client;
            delete server;
        });
    }

    void quitEndsTheLoop()
    {
        auto* w = new Worker;
        QVERIFY(w->thread().isRunning());
        delete w; // quit() + wait(): returns only if the loop saw the interrupt
    }
};

QTEST_GUILESS_MAIN(TestEpollEventDispatcher)
#include "tst_epolleventdispatcher.moc"
