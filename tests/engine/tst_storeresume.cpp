// The durable store against the real engine (issue 13): dockpulse --headless --store killed at
// random moments, stopped cleanly, and started again, while a container keeps writing; the store
// must then hold exactly what `docker logs` prints, every line once, in order.

#include "HeadlessRun.h"
#include "SqliteConnection.h"
#include "StoreReader.h"
#include "TestEngine.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using dockpulse::test::HeadlessRun;
using dockpulse::test::RemovedAtEnd;
using dockpulse::test::TestEngine;
namespace store = dockpulse::store;

namespace {

// Numbered lines in bursts of 100, ~4,000 a second: "n START I", START counting the container's
// starts (kept in a file of its own), so that a restart's lines stay distinguishable.
QString burstScript()
{
    return u"s=$(( $(cat /tmp/starts 2>/dev/null || echo 0) + 1 )); echo $s > /tmp/starts; i=0; "
           u"while :; do for j in 0 1 2 3 4 5 6 7 8 9; do "
           u"i=$((i+1)); echo \"n $s $i\"; i=$((i+1)); echo \"n $s $i\"; i=$((i+1)); echo \"n $s $i\"; "
           u"i=$((i+1)); echo \"n $s $i\"; i=$((i+1)); echo \"n $s $i\"; i=$((i+1)); echo \"n $s $i\"; "
           u"i=$((i+1)); echo \"n $s $i\"; i=$((i+1)); echo \"n $s $i\"; i=$((i+1)); echo \"n $s $i\"; "
           u"i=$((i+1)); echo \"n $s $i\"; done; usleep 20000; done"_s;
}

QStringList storeArgs(const QString& storePath, const QString& name)
{
    return HeadlessRun::compressedTimings() + QStringList{u"--store"_s, storePath, u"-m"_s, name};
}

// The lines the store holds for that container, as text (whole lines here: no pieces).
QList<QByteArray> storedLines(const QString& storePath, const QString& containerId, QString* why)
{
    auto reader = store::StoreReader::open(storePath);
    if (!reader) {
        *why = reader.error().message;
        return {};
    }
    auto containers = (*reader)->containers();
    if (!containers) {
        *why = containers.error().message;
        return {};
    }
    QList<QByteArray> lines;
    for (const store::StoredContainer& c : *containers) {
        if (c.ref.containerId != containerId)
            continue;
        store::LinePosition after;
        for (;;) {
            auto page = (*reader)->lines(c.ref, after, 10'000);
            if (!page) {
                *why = page.error().message;
                return lines;
            }
            if (page->isEmpty())
                return lines;
            for (const store::StoredLine& line : *page)
                lines.append(line.bytes);
            after = page->constLast().position();
        }
    }
    *why = u"the store has no container %1"_s.arg(containerId);
    return lines;
}

// The first place where two line lists differ, for a message that says what went wrong.
QString firstDifference(const QList<QByteArray>& got, const QList<QByteArray>& expected)
{
    for (qsizetype i = 0; i < std::min(got.size(), expected.size()); ++i)
        if (got[i] != expected[i])
            return u"line %1: stored \"%2\", docker logs \"%3\""_s.arg(i + 1).arg(
                QString::fromUtf8(got[i]), QString::fromUtf8(expected[i]));
    return u"stored %1 lines, docker logs %2"_s.arg(got.size()).arg(expected.size());
}

// Each start's numbers run 1, 2, 3... with none missing or twice.
QString numberingProblem(const QList<QByteArray>& lines)
{
    QHash<QByteArray, qint64> next;
    for (const QByteArray& line : lines) {
        const QList<QByteArray> f = line.split(' ');
        if (f.size() != 3 || f[0] != "n")
            return u"not a numbered line: %1"_s.arg(QString::fromUtf8(line));
        const qint64 n = f[2].toLongLong();
        const qint64 expected = next.value(f[1], 1);
        if (n != expected)
            return u"start %1: %2 after %3"_s.arg(QString::fromUtf8(f[1])).arg(n).arg(expected - 1);
        next[f[1]] = n + 1;
    }
    return {};
}

// A run that streams, goes on for lingerMs, and is stopped with SIGTERM (exit 0). waitFor: what
// its stderr says once it is under way.
void runThenStop(HeadlessRun& run, const QString& storePath, const QString& name, const QByteArray& waitFor,
                 int lingerMs)
{
    QVERIFY(run.start(storeArgs(storePath, name)));
    QVERIFY2(run.waitForStderr(waitFor, 20000), run.stderrText().constData());
    QTest::qWait(lingerMs);
    QVERIFY(run.terminate(20000));
    QCOMPARE(run.exitCode(), 0);
}

// The final run reads what is left and ends with the stopped container (--until-exit).
bool finalRun(const QString& storePath, const QString& name, QByteArray* err)
{
    HeadlessRun last;
    const bool ok = last.run(storeArgs(storePath, name) + QStringList{u"--until-exit"_s}, 120000);
    *err = last.stderrText();
    return ok && last.exitCode() == 0;
}

} // namespace

class TestStoreResume : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // kill -9 at 10 random moments while the container writes (once it is also stopped and
    // started again while dockpulse is down): every line stored once, in order.
    void killedAtRandomMomentsStoresEveryLineOnce()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"kill9"_s);
        RemovedAtEnd removed{name};
        QElapsedTimer writing;
        writing.start();
        const QString id = TestEngine::runContainer(name, burstScript());
        QVERIFY(!id.isEmpty());
        QTemporaryDir dir;
        const QString storePath = dir.filePath(u"history.sqlite"_s);
        QRandomGenerator rng(QRandomGenerator::global()->generate());
        for (int round = 0; round < 10; ++round) {
            HeadlessRun run;
            QVERIFY(run.start(storeArgs(storePath, name)));
            // Killed at any moment: while connecting, while reading the backlog, at a rotation...
            QTest::qWait(int(rng.bounded(200, 3000)));
            // (pid 0 would be this test's own process group)
            QVERIFY2(run.pid() > 0, run.stderrText().constData());
            QCOMPARE(::kill(pid_t(run.pid()), SIGKILL), 0);
            QVERIFY(run.wait(10000));
            if (round == 4) {
                QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, name}).ok());
                QVERIFY(TestEngine::docker({u"start"_s, name}).ok());
            }
            QTest::qWait(int(rng.bounded(0, 500))); // lines written while dockpulse is down
        }
        QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, name}).ok());
        const qint64 writtenMs = writing.elapsed();
        QByteArray err;
        QVERIFY2(finalRun(storePath, name, &err), err.constData());

        QString why;
        const QList<QByteArray> stored = storedLines(storePath, id, &why);
        const QList<QByteArray> expected = TestEngine::logLines(name);
        qInfo("the container wrote %lld lines in %.1f s (%.0f lines/s)", qlonglong(expected.size()),
              writtenMs / 1000.0, expected.size() * 1000.0 / double(std::max<qint64>(1, writtenMs)));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY2(expected.size() > 5000, qPrintable(u"only %1 lines written"_s.arg(expected.size())));
        QVERIFY2(stored == expected, qPrintable(firstDifference(stored, expected)));
        const QString numbering = numberingProblem(stored);
        QVERIFY2(numbering.isEmpty(), qPrintable(numbering));
        qInfo("%lld lines over 10 kills and a restart, each stored once", qlonglong(stored.size()));

        // And as a user gets them back: `dockpulse export` of the store, no engine involved.
        HeadlessRun exported;
        QVERIFY(exported.exportStore(storePath, {u"-m"_s, name}, 60000));
        QVERIFY2(exported.exitCode() == 0, exported.stderrText().constData());
        const QList<QByteArray> exportedLines = exported.messages(name);
        QVERIFY2(exportedLines == expected, qPrintable(firstDifference(exportedLines, expected)));
    }

    // Stopped cleanly (SIGTERM) while the container writes on, started again later: what was
    // written in between is read once.
    void closedWhileWritingReadsTheGapOnce()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"closed"_s);
        RemovedAtEnd removed{name};
        const QString id = TestEngine::runContainer(name, burstScript());
        QVERIFY(!id.isEmpty());
        QTemporaryDir dir;
        const QString storePath = dir.filePath(u"history.sqlite"_s);
        {
            HeadlessRun run;
            runThenStop(run, storePath, name, "stream", 1000);
            if (QTest::currentTestFailed())
                return;
        }
        QTest::qWait(3000); // written while dockpulse is closed
        {
            HeadlessRun run;
            runThenStop(run, storePath, name, "continues from there when monitored", 1000);
            if (QTest::currentTestFailed())
                return;
            const QList<dockpulse::test::CsvRow> started = run.events(u"started"_s);
            QCOMPARE(started.size(), 1);
            QVERIFY2(started[0][3].contains("continuing from its cursor"), started[0][3].constData());
        }
        QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, name}).ok());
        QByteArray err;
        QVERIFY2(finalRun(storePath, name, &err), err.constData());
        QString why;
        const QList<QByteArray> stored = storedLines(storePath, id, &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const QList<QByteArray> expected = TestEngine::logLines(name);
        QVERIFY2(stored == expected, qPrintable(firstDifference(stored, expected)));
    }

    // The engine rotates lines away (max-size, max-file) while dockpulse is closed: the next run
    // says so with a `gap` event and its time range, in its events and in the store.
    void linesRotatedAwayWhileClosedAreAGap()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"rotated"_s);
        RemovedAtEnd removed{name};
        const QString id =
            TestEngine::runContainer(name, TestEngine::countingScript(u"n"_s, u"0.05"_s),
                                     {u"--log-opt"_s, u"max-size=50k"_s, u"--log-opt"_s, u"max-file=2"_s});
        QVERIFY(!id.isEmpty());
        QTemporaryDir dir;
        const QString storePath = dir.filePath(u"history.sqlite"_s);
        {
            HeadlessRun run;
            runThenStop(run, storePath, name, "stream", 0);
            if (QTest::currentTestFailed())
                return;
        }
        // ~1.3 MB into the container's stdout while dockpulse is closed: far beyond two 50 kB files.
        QVERIFY(
            TestEngine::docker({u"exec"_s, name, u"sh"_s, u"-c"_s, u"seq 1 200000 > /proc/1/fd/1"_s}).ok());
        QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, name}).ok());
        HeadlessRun resumed;
        QVERIFY(resumed.run(storeArgs(storePath, name) + QStringList{u"--until-exit"_s}, 120000));
        QVERIFY2(resumed.exitCode() == 0, resumed.stderrText().constData());
        const QList<dockpulse::test::CsvRow> gaps = resumed.events(u"gap"_s);
        QVERIFY2(gaps.size() == 1, qPrintable(u"%1 gap events"_s.arg(gaps.size())));
        QVERIFY2(gaps[0][3].contains("rotated away"), gaps[0][3].constData());
        QVERIFY2(gaps[0][3].contains("may be missing"), gaps[0][3].constData());

        auto reader = store::StoreReader::open(storePath);
        QVERIFY(reader);
        auto raw = dockpulse::store::SqliteConnection::open(storePath, SQLITE_OPEN_READONLY);
        QVERIFY(raw);
        QCOMPARE(raw.value()
                     ->queryInt64("SELECT count(*) FROM task_events WHERE event = 'gap'", u"test"_s)
                     .value(),
                 1);
        // The engine is known by its own ID from /info, not only by the endpoint it was reached at.
        const TestEngine::CliResult info = TestEngine::docker({u"info"_s, u"--format"_s, u"{{.ID}}"_s});
        QVERIFY(info.ok());
        QCOMPARE(raw.value()->queryText("SELECT group_concat(engine_id) FROM engines", u"test"_s).value(),
                 QString::fromUtf8(info.out.trimmed()));
        // What the engine still holds is stored once, after what the first run read.
        QString why;
        const QList<QByteArray> stored = storedLines(storePath, id, &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const QList<QByteArray> held = TestEngine::logLines(name);
        QVERIFY(!held.isEmpty());
        QVERIFY2(stored.size() > held.size(), qPrintable(u"%1 stored"_s.arg(stored.size())));
        const QList<QByteArray> tail = stored.sliced(stored.size() - held.size());
        QVERIFY2(tail == held, qPrintable(firstDifference(tail, held)));
        QVERIFY2(stored.first() == "n 1", stored.first().constData());
    }

    // A container re-created under the same name is another container: two histories.
    void recreatedUnderTheSameNameIsAnotherHistory()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"recreated"_s);
        RemovedAtEnd removed{name};
        QTemporaryDir dir;
        const QString storePath = dir.filePath(u"history.sqlite"_s);
        QStringList ids;
        for (const QString& word : {u"first"_s, u"second"_s}) {
            const QString id =
                TestEngine::runContainer(name, u"for i in 1 2 3 4 5; do echo %1 $i; done"_s.arg(word));
            QVERIFY(!id.isEmpty());
            QVERIFY(TestEngine::waitExited(name));
            HeadlessRun run;
            QVERIFY(run.run(storeArgs(storePath, name) + QStringList{u"--until-exit"_s}, 60000));
            QVERIFY2(run.exitCode() == 0, run.stderrText().constData());
            // The second container is new to the store: it does not continue from the first's cursor.
            const QList<dockpulse::test::CsvRow> started = run.events(u"started"_s);
            QCOMPARE(started.size(), 1);
            QVERIFY2(!started[0][3].contains("continuing from its cursor"), started[0][3].constData());
            TestEngine::removeContainer(name);
            ids << id;
        }
        for (int i = 0; i < 2; ++i) {
            QString why;
            const QList<QByteArray> stored = storedLines(storePath, ids[i], &why);
            QVERIFY2(why.isEmpty(), qPrintable(why));
            const QByteArray word = i == 0 ? "first" : "second";
            QCOMPARE(stored,
                     (QList<QByteArray>{word + " 1", word + " 2", word + " 3", word + " 4", word + " 5"}));
        }
        auto reader = store::StoreReader::open(storePath);
        QVERIFY(reader);
        const auto containers = (*reader)->containers();
        QVERIFY(containers);
        QCOMPARE(containers->size(), 2);
        QCOMPARE(containers->at(0).name, name);
        QCOMPARE(containers->at(1).name, name);
    }

    // A container removed while dockpulse was closed took its unread lines with it: the next run
    // says so once (stderr and a gap event in the store) and retires its cursor; its history stays.
    void removedWhileClosedIsAGapOnce()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"removed"_s);
        const QString other = TestEngine::uniqueName(u"bystander"_s);
        RemovedAtEnd removed{name}, removedOther{other};
        const QString id = TestEngine::runContainer(name, TestEngine::countingScript(u"n"_s, u"0.05"_s));
        QVERIFY(!id.isEmpty());
        QVERIFY(!TestEngine::runContainer(other, TestEngine::countingScript(u"o"_s, u"0.2"_s)).isEmpty());
        QTemporaryDir dir;
        const QString storePath = dir.filePath(u"history.sqlite"_s);
        {
            HeadlessRun run;
            runThenStop(run, storePath, name, "stream", 300);
            if (QTest::currentTestFailed())
                return;
        }
        TestEngine::removeContainer(name);
        const QByteArray said = "was removed while dockpulse was closed";
        const auto gapsInStore = [&]() -> qint64 {
            auto raw = dockpulse::store::SqliteConnection::open(storePath, SQLITE_OPEN_READONLY);
            if (!raw)
                return -1;
            auto s = raw.value()->prepare(
                "SELECT count(*) FROM task_events t JOIN containers c ON c.id = t.container "
                "WHERE c.container_id = ?1 AND t.event = 'gap' AND t.task = ?2 AND "
                "t.detail LIKE '%removed while dockpulse was closed%'");
            if (!s)
                return -1;
            s.value().bindText(1, id);
            s.value().bindText(2, u"container_"_s + id.left(12));
            return s.value().step() == SQLITE_ROW ? s.value().columnInt64(0) : -1;
        };
        for (int round = 0; round < 2; ++round) {
            HeadlessRun run;
            QVERIFY(run.run(storeArgs(storePath, other) + QStringList{u"--duration"_s, u"3"_s}, 60000));
            QVERIFY2(run.exitCode() == 0, run.stderrText().constData());
            const QByteArray who = "container " + name.toUtf8() + " (" + id.left(12).toUtf8() + ") on ";
            if (round == 0) {
                QVERIFY2(run.stderrText().contains(who) && run.stderrText().contains(said),
                         run.stderrText().constData());
            } else {
                QVERIFY2(!run.stderrText().contains(said), run.stderrText().constData()); // said once
            }
            QCOMPARE(gapsInStore(), 1);
        }
        auto reader = store::StoreReader::open(storePath);
        QVERIFY(reader);
        const store::ContainerRef ref{TestEngine::hostUrl(), id};
        const auto cursor = (*reader)->cursor(ref);
        QVERIFY(cursor);
        QVERIFY2(!cursor->has_value(), "the removed container's cursor is retired");
        const auto lines = (*reader)->lineCount(ref);
        QVERIFY(lines);
        QVERIFY2(*lines > 0, "its history stays");
    }

    // A second process on the same store is refused, naming the file and the process.
    void secondProcessOnTheStoreExits5()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"twice"_s);
        RemovedAtEnd removed{name};
        QVERIFY(!TestEngine::runContainer(name, TestEngine::countingScript(u"n"_s, u"0.05"_s)).isEmpty());
        QTemporaryDir dir;
        const QString storePath = dir.filePath(u"history.sqlite"_s);
        HeadlessRun first;
        QVERIFY(first.start(storeArgs(storePath, name)));
        QVERIFY2(first.waitForStderr("stream", 20000), first.stderrText().constData());
        HeadlessRun second;
        QVERIFY(second.run(storeArgs(storePath, name), 30000));
        QCOMPARE(second.exitCode(), 5);
        QVERIFY2(second.stderrText().contains(storePath.toUtf8()), second.stderrText().constData());
        QVERIFY2(second.stderrText().contains(QByteArray::number(first.pid())),
                 second.stderrText().constData());
        QVERIFY(first.terminate(20000));
        QCOMPARE(first.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStoreResume)
#include "tst_storeresume.moc"
