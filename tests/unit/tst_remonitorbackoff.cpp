// Monitor-all's re-monitoring backoff and the cursor book it relies on: delays double from
// 1 s and stop at 60 s; a cursor that never opened a stream never replaces a known one.
#include "CursorBook.h"
#include "RemonitorBackoff.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse::monitor;
using dockpulse::docker::LogMessage;
using dockpulse::docker::LogStreamKind;

class TestRemonitorBackoff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void delayDoublesAndIsBounded_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("delay");
        QTest::newRow("first") << 0 << qint64(1000);
        QTest::newRow("second") << 1 << qint64(2000);
        QTest::newRow("third") << 2 << qint64(4000);
        QTest::newRow("sixth") << 5 << qint64(32000);
        QTest::newRow("seventh: capped") << 6 << qint64(60000);
        QTest::newRow("far on: capped") << 1000 << qint64(60000);
    }
    void delayDoublesAndIsBounded()
    {
        QFETCH(int, attempt);
        QFETCH(qint64, delay);
        QCOMPARE(RemonitorBackoff::delayMs(attempt), delay);
    }

    // One retry pending per container; reset() cancels it and starts the doubling again.
    void oneRetryPendingPerContainer()
    {
        RemonitorBackoff backoff;
        const ContainerKey a{u"unix:///a.sock"_s, u"abc"_s};
        const ContainerKey b{u"unix:///b.sock"_s, u"abc"_s}; // same id, another engine
        int calls = 0;
        backoff.schedule(a, [&calls] { ++calls; });
        backoff.schedule(a, [&calls] { calls += 100; }); // already pending: ignored
        QVERIFY(backoff.isPending(a));
        QVERIFY(!backoff.isPending(b));
        backoff.reset(a);
        QVERIFY(!backoff.isPending(a));
        QCoreApplication::processEvents();
        QCOMPARE(calls, 0);
    }

    void cursorBookKeepsWhatAStreamLearnt()
    {
        CursorBook book;
        const ContainerKey key{u"unix:///a.sock"_s, u"abc"_s};
        QVERIFY(!book.find(key));
        book.keep(key, LogCursor{}); // never opened: nothing learnt
        QVERIFY(!book.find(key));

        LogCursor read;
        read.setEngineStartNs(1'000);
        read.beginStream();
        read.streamOpened();
        const QByteArray text = "line";
        QCOMPARE(read.accept(LogMessage{5'000'000'000, LogStreamKind::Stdout, text, true}),
                 LogCursor::Verdict::Deliver);
        book.keep(key, read);
        book.keep(key, LogCursor{}); // a later task that opened nothing does not erase it
        const auto kept = book.find(key);
        QVERIFY(kept);
        QCOMPARE(kept->cursor.delivered(), 1);
        QCOMPARE(kept->cursor.nextSince(), read.nextSince());
        QVERIFY(!book.find(ContainerKey{u"unix:///b.sock"_s, u"abc"_s}));
        book.forget(key);
        QCOMPARE(book.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRemonitorBackoff)
#include "tst_remonitorbackoff.moc"
