// runUntilSignal, the dashboard's wait for the engine's shutdown: the thread sleeps in the event
// dispatcher until something happens. (The old loop, processEvents(WaitForMoreEvents, 100), spun
// a core: that overload ignores the flag.) Asserted as "the dispatcher was not woken over and
// over while nothing happened", which holds on a loaded machine; the CPU time is printed.
#include "ShutdownWait.h"

#include <QAbstractEventDispatcher>
#include <QElapsedTimer>
#include <QTimer>
#include <QtTest>

#include <sys/resource.h>

namespace {

qint64 threadCpuMicros()
{
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1'000'000 + usage.ru_utime.tv_usec +
           usage.ru_stime.tv_usec;
}

} // namespace

class Emitter : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void done();
};

class TestShutdownWait : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void waitingSleepsUntilTheSignal()
    {
        QTimer done;
        done.setSingleShot(true);
        done.setInterval(400); // the "engine" is down 400 ms later; nothing else happens meanwhile
        int wakeUps = 0;
        auto* dispatcher = QAbstractEventDispatcher::instance();
        QVERIFY(dispatcher);
        const auto counter =
            connect(dispatcher, &QAbstractEventDispatcher::awake, this, [&wakeUps] { ++wakeUps; });
        QElapsedTimer wall;
        wall.start();
        const qint64 cpuBefore = threadCpuMicros();
        dockpulse::cli::runUntilSignal(&done, &QTimer::timeout, [&done] { done.start(); });
        const qint64 cpu = threadCpuMicros() - cpuBefore;
        const qint64 elapsedUs = wall.nsecsElapsed() / 1000;
        disconnect(counter);
        qInfo("idle wait: %lld us wall, %lld us CPU, %d dispatcher wake-ups", elapsedUs, cpu, wakeUps);
        QVERIFY(!done.isActive()); // it returned because the signal came
        // A sleeping wait wakes for the timer and a few posted events; a spinning one thousands
        // of times (even when the machine gives it a fraction of a core).
        QVERIFY2(wakeUps < 100,
                 qPrintable(QStringLiteral("the dispatcher woke %1 times in an idle wait of %2 ms")
                                .arg(wakeUps)
                                .arg(elapsedUs / 1000)));
        QVERIFY2(
            cpu < elapsedUs / 2,
            qPrintable(QStringLiteral("an idle wait of %1 us took %2 us of CPU").arg(elapsedUs).arg(cpu)));
    }

    void returnsAtOnceWhenStartEmits()
    {
        Emitter sender;
        int starts = 0;
        dockpulse::cli::runUntilSignal(&sender, &Emitter::done, [&] {
            ++starts;
            Q_EMIT sender.done();
        });
        QCOMPARE(starts, 1);
    }
};

QTEST_GUILESS_MAIN(TestShutdownWait)
#include "tst_shutdownwait.moc"
