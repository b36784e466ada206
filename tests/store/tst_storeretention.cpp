// Retention: a size budget holds the store's used pages within 10% of it while five times the
// budget streams through several containers, the oldest lines go first (what stays of each
// container is a contiguous suffix, its cursor intact), each prune is a "pruned" event whose
// counts add up; an age budget removes exactly the chunks whose newest line is older than the
// limit, and the heartbeats and events older than it. Time is the writer's injected clock: no
// sleeps, nothing timed.
#include "SqliteConnection.h"
#include "StoreCommitter.h"
#include "StoreReader.h"
#include "StoreTestSupport.h"
#include "StoreWriter.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <sqlite3.h>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using namespace dockpulse::store;

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kMinuteNs = kMinuteMs * 1'000'000;
constexpr qint64 kBaseMs = 1'764'633'600'000LL; // the numbered lines' first timestamp

QList<ContainerRef> someContainers(int count)
{
    QList<ContainerRef> containers;
    for (int i = 0; i < count; ++i)
        containers.append(
            ContainerRef{u"unix:///var/run/docker.sock"_s, u"c%1"_s.arg(i, 4, 10, QChar(u'0'))});
    return containers;
}

QString timeOf(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, Qt::UTC).toString(Qt::ISODateWithMs);
}

// The number of a numbered line ("line 0000000042 ...").
qint64 numberOf(const QByteArray& line)
{
    return line.mid(5, 10).toLongLong();
}

struct UsedSize
{
    qint64 usedBytes = 0; // (page_count - freelist_count) * page_size
    qint64 fileBytes = 0; // page_count * page_size: the database, without its WAL
};

// Read in one transaction, so the three pragmas see the same commit.
UsedSize measure(SqliteConnection& raw)
{
    raw.exec("BEGIN", u"measuring"_s);
    const qint64 pages = raw.queryInt64("PRAGMA page_count", u"measuring"_s).value();
    const qint64 free = raw.queryInt64("PRAGMA freelist_count", u"measuring"_s).value();
    const qint64 pageSize = raw.queryInt64("PRAGMA page_size", u"measuring"_s).value();
    raw.exec("COMMIT", u"measuring"_s);
    return UsedSize{(pages - free) * pageSize, pages * pageSize};
}

struct PruneEvent
{
    qint64 wallMs = 0;
    qint64 lines = 0;
    QString from, to, budget;
};

QList<PruneEvent> pruneEvents(SqliteConnection& raw, const ContainerRef& container)
{
    auto s = raw.prepare(
        "SELECT t.wall_ms, t.detail, t.task FROM task_events t JOIN containers c ON c.id = t.container "
        "WHERE c.container_id = ?1 AND t.event = 'pruned' ORDER BY t.id");
    if (!s)
        return {};
    s.value().bindText(1, container.containerId);
    static const QRegularExpression detail(u"^(\\d+) lines stamped from (\\S+) to (\\S+) removed: (.+)$"_s);
    QList<PruneEvent> events;
    while (s.value().step() == SQLITE_ROW) {
        const QString text = s.value().columnText(1);
        const auto match = detail.match(text);
        // The task of the container, as every event of it: export and search list it by task.
        if (!match.hasMatch() || s.value().columnText(2) != taskNameOf(container)) {
            qWarning("unexpected pruned event: %s (task \"%s\")", qPrintable(text),
                     qPrintable(s.value().columnText(2)));
            events.append(PruneEvent{s.value().columnInt64(0), -1, {}, {}, text});
            continue;
        }
        events.append(PruneEvent{s.value().columnInt64(0), match.captured(1).toLongLong(), match.captured(2),
                                 match.captured(3), match.captured(4)});
    }
    return events;
}

struct Chunk
{
    qint64 firstLine = 0, lastLine = 0, minTs = 0, maxTs = 0;
    qint64 lines() const { return lastLine - firstLine + 1; }
    bool operator==(const Chunk&) const = default;
};

QList<Chunk> chunksOf(SqliteConnection& raw, const ContainerRef& container)
{
    auto s = raw.prepare("SELECT k.first_line, k.last_line, k.min_ts_ns, k.max_ts_ns FROM log_chunks k "
                         "JOIN containers c ON c.id = k.container WHERE c.container_id = ?1 "
                         "ORDER BY k.first_line");
    if (!s)
        return {};
    s.value().bindText(1, container.containerId);
    QList<Chunk> chunks;
    while (s.value().step() == SQLITE_ROW)
        chunks.append(Chunk{s.value().columnInt64(0), s.value().columnInt64(1), s.value().columnInt64(2),
                            s.value().columnInt64(3)});
    return chunks;
}

qint64 count(SqliteConnection& raw, const char* sql)
{
    return raw.queryInt64(sql, u"counting"_s).value();
}

// The container's stored lines are numbers first..last, consecutive, in order; returns first
// (last + 1 when none is left).
qint64 checkSuffix(StoreReader& reader, const ContainerRef& container, qint64 last, bool* ok)
{
    *ok = false;
    const QList<StoredLine> lines = storetest::readLines(reader, container);
    const qint64 first = lines.isEmpty() ? last + 1 : numberOf(lines.first().bytes);
    if (lines.size() != last - first + 1) {
        qWarning("%s: %lld lines stored from %lld, the last appended is %lld",
                 qPrintable(container.containerId), static_cast<long long>(lines.size()),
                 static_cast<long long>(first), static_cast<long long>(last));
        return first;
    }
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (numberOf(lines[i].bytes) != first + i) {
            qWarning("%s: line %lld of the suffix is %s", qPrintable(container.containerId),
                     static_cast<long long>(i), lines[i].bytes.constData());
            return first;
        }
    }
    *ok = true;
    return first;
}

// Lines n..n+count-1 at minute `minute`, one µs apart.
docker::LogBatch minuteBatch(qint64 first, qint64 count, qint64 minute)
{
    docker::LogBatch batch;
    batch.reserve(count, count * 80);
    for (qint64 n = first; n < first + count; ++n)
        batch.append(kBaseMs * 1'000'000 + minute * kMinuteNs + (n - first) * 1000,
                     docker::LogStreamKind::Stdout, storetest::numberedLine(n));
    return batch;
}

} // namespace

class TestStoreRetention : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sizeBudgetKeepsTheNewest_data()
    {
        QTest::addColumn<qint64>("budget");
        QTest::addColumn<int>("containerCount");
        QTest::addColumn<int>("batchLines");
        QTest::addColumn<qsizetype>("linesPerPrune");
        QTest::newRow("4 MiB, 3 containers, batches of 500")
            << qint64(4 << 20) << 3 << 500 << qsizetype(50'000);
        QTest::newRow("2 MiB, 6 containers, batches of 100")
            << qint64(2 << 20) << 6 << 100 << qsizetype(50'000);
        QTest::newRow("8 MiB, 1 container, batches of 5000 (chunks cut at 4096)")
            << qint64(8 << 20) << 1 << 5000 << qsizetype(50'000);
        // Prune transactions of at most ~1,000 lines: a pass takes several, between commits.
        QTest::newRow("3 MiB, 2 containers, small prune transactions")
            << qint64(3 << 20) << 2 << 2000 << qsizetype(1000);
    }

    void sizeBudgetKeepsTheNewest()
    {
        QFETCH(qint64, budget);
        QFETCH(int, containerCount);
        QFETCH(int, batchLines);
        QFETCH(qsizetype, linesPerPrune);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        const QList<ContainerRef> containers = someContainers(containerCount);
        auto now = std::make_shared<std::atomic<qint64>>(kBaseMs);

        StoreWriterSettings settings;
        settings.maxStoreBytes = budget;
        settings.maxAgeMs = 0;
        settings.pruneLinesPerTransaction = linesPerPrune;
        // Without the search index: its steps grow the store between the writer's size checks
        // and its merges shrink it after a pass (delete markers), which this band does not
        // allow for; the index meets retention in tst_searchindex.
        settings.indexLinesPerTransaction = 0;
        settings.clockMs = [now] {
            return now->load();
        };
        auto opened = StoreWriter::open(path, settings);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        StoreWriter& writer = *opened.value();
        auto raw = SqliteConnection::open(path, SQLITE_OPEN_READWRITE);
        QVERIFY(raw);

        QList<qint64> appended(containerCount, 0);
        qint64 rawBytes = 0, heartbeats = 0, flushesPastFill = 0;
        qint64 minUsed = std::numeric_limits<qint64>::max(), maxUsed = 0, maxFile = 0;
        bool filled = false;
        while (rawBytes < 5 * budget) {
            for (int c = 0; c < containerCount; ++c) {
                const docker::LogBatch batch = storetest::numberedBatch(appended[c] + 1, batchLines);
                rawBytes += batch.byteSize();
                appended[c] += batchLines;
                writer.append(containers[c], batch, QByteArray::number(appended[c]));
                writer.appendHeartbeat(
                    containers[c], monitor::HeartbeatRecord{now->load(), 0, u"t"_s,
                                                            monitor::HeartbeatSource::Ticker, 0, u"name"_s});
                ++heartbeats;
            }
            QVERIFY(writer.flush());
            // A pass of small prune transactions goes on after the flush: let it finish (each
            // flush runs one more), then measure.
            for (qint64 before = -1; before != writer.status().prunedLines;) {
                before = writer.status().prunedLines;
                QVERIFY(writer.flush());
            }
            now->fetch_add(1000);
            const StoreWriteStatus status = writer.status();
            QVERIFY2(status.pruneError.isEmpty(), qPrintable(status.pruneError));
            filled = filled || status.prunes > 0;
            if (!filled)
                continue;
            const UsedSize size = measure(*raw.value());
            ++flushesPastFill;
            minUsed = std::min(minUsed, size.usedBytes);
            maxUsed = std::max(maxUsed, size.usedBytes);
            maxFile = std::max(maxFile, size.fileBytes);
            QCOMPARE(status.storeBytes, size.usedBytes);
            if (size.usedBytes > budget * 11 / 10 || size.usedBytes < budget * 9 / 10)
                QFAIL(qPrintable(
                    u"used %1 bytes against a budget of %2 after %3 raw bytes"_s.arg(size.usedBytes)
                        .arg(budget)
                        .arg(rawBytes)));
        }
        qInfo("budget %lld: after the first fill, %lld flushes with %lld..%lld bytes used; file at most %lld",
              static_cast<long long>(budget), static_cast<long long>(flushesPastFill),
              static_cast<long long>(minUsed), static_cast<long long>(maxUsed),
              static_cast<long long>(maxFile));
        QVERIFY(flushesPastFill > 10);
        // Freed pages are reused: the file stops growing near the budget.
        QVERIFY2(maxFile <= budget * 5 / 4, qPrintable(QString::number(maxFile)));

        const StoreWriteStatus status = writer.status();
        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        qint64 pruned = 0;
        QList<qint64> firsts;
        for (int c = 0; c < containerCount; ++c) {
            bool ok = false;
            const qint64 first = checkSuffix(*reader.value(), containers[c], appended[c], &ok);
            QVERIFY(ok);
            QVERIFY2(first > 1, "nothing of this container was pruned");
            firsts << first;
            pruned += first - 1;
            // The cursor survives, and lines_covered counts what is stored.
            auto cursor = reader.value()->cursor(containers[c]);
            QVERIFY(cursor && cursor.value());
            QCOMPARE(cursor.value()->cursor, QByteArray::number(appended[c]));
            QCOMPARE(cursor.value()->linesCovered, appended[c] - first + 1);
            // The pruned events add up to what is gone, the first from the first line.
            const QList<PruneEvent> events = pruneEvents(*raw.value(), containers[c]);
            QVERIFY(!events.isEmpty());
            qint64 inEvents = 0;
            for (const PruneEvent& event : events) {
                QVERIFY(event.lines > 0);
                QCOMPARE(event.budget, u"size budget %1 MiB"_s.arg(budget >> 20));
                inEvents += event.lines;
            }
            QCOMPARE(inEvents, first - 1);
            QCOMPARE(events.first().from, timeOf(storetest::numberedTimestampNs(1)));
            QCOMPARE(events.last().to, timeOf(storetest::numberedTimestampNs(first - 1)));
        }
        QCOMPARE(status.prunedLines, pruned);
        QVERIFY(status.lastPrune.endsWith(u"size budget %1 MiB"_s.arg(budget >> 20)));
        // Oldest first across containers: what was pruned of each is the same stretch of time,
        // give or take a chunk.
        const auto [lowest, highest] = std::minmax_element(firsts.cbegin(), firsts.cend());
        QVERIFY2(*highest - *lowest <= StoreCommitter::kChunkLines,
                 qPrintable(u"first lines kept from %1 to %2"_s.arg(*lowest).arg(*highest)));
        // Heartbeats went by the same fraction, oldest first: the newest are left, contiguously.
        const qint64 kept = count(*raw.value(), "SELECT count(*) FROM heartbeats");
        QCOMPARE(count(*raw.value(), "SELECT max(id) FROM heartbeats"), heartbeats);
        QCOMPARE(count(*raw.value(), "SELECT max(id) - min(id) + 1 FROM heartbeats"), kept);
        qint64 totalLines = 0;
        for (qint64 n : appended)
            totalLines += n;
        const double linesGone = double(pruned) / double(totalLines);
        const double heartbeatsGone = double(heartbeats - kept) / double(heartbeats);
        qInfo("lines pruned %.3f, heartbeats pruned %.3f", linesGone, heartbeatsGone);
        QVERIFY2(qAbs(linesGone - heartbeatsGone) < 0.1,
                 qPrintable(u"%1 %2"_s.arg(linesGone).arg(heartbeatsGone)));
        QCOMPARE(raw.value()->queryText("PRAGMA integrity_check", u"checking"_s).value(), u"ok"_s);
    }

    void ageBudgetRemovesTheChunksOlderThanTheLimit_data()
    {
        QTest::addColumn<qint64>("maxAgeMinutes");
        QTest::addColumn<qint64>("nowSeconds"); // the clock at the check, from the first line
        QTest::addColumn<qsizetype>("linesPerPrune");
        QTest::newRow("half of it older than 20 minutes")
            << qint64(20) << qint64(35 * 60) << qsizetype(50'000);
        QTest::newRow("the cut inside a minute") << qint64(20) << qint64(35 * 60 + 30) << qsizetype(50'000);
        QTest::newRow("in prune transactions of ~3,000 lines")
            << qint64(20) << qint64(35 * 60) << qsizetype(3000);
        QTest::newRow("none older than an hour") << qint64(60) << qint64(45 * 60) << qsizetype(50'000);
        QTest::newRow("all older than 10 minutes") << qint64(10) << qint64(90 * 60) << qsizetype(50'000);
        QTest::newRow("no age limit") << qint64(0) << qint64(100'000 * 60) << qsizetype(50'000);
    }

    void ageBudgetRemovesTheChunksOlderThanTheLimit()
    {
        QFETCH(qint64, maxAgeMinutes);
        QFETCH(qint64, nowSeconds);
        QFETCH(qsizetype, linesPerPrune);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        const QList<ContainerRef> containers = someContainers(3);
        auto now = std::make_shared<std::atomic<qint64>>(kBaseMs);

        StoreWriterSettings settings;
        settings.maxStoreBytes = 0;
        settings.maxAgeMs = maxAgeMinutes * kMinuteMs;
        settings.ageCheckIntervalMs = 10 * kMinuteMs; // by the injected clock
        settings.pruneLinesPerTransaction = linesPerPrune;
        settings.clockMs = [now] {
            return now->load();
        };
        auto opened = StoreWriter::open(path, settings);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        StoreWriter& writer = *opened.value();

        // 30 minutes of lines, a commit a minute, batches of varying sizes (some cut into several
        // chunks); a heartbeat and an event per container and minute. The clock stays at the
        // first minute: nothing is old yet.
        QList<qint64> appended(containers.size(), 0);
        for (qint64 minute = 0; minute < 30; ++minute) {
            for (int c = 0; c < containers.size(); ++c) {
                const qint64 lines = 1 + (minute * 937 + c * 311) % 6000;
                writer.append(containers[c], minuteBatch(appended[c] + 1, lines, minute),
                              QByteArray::number(appended[c] + lines));
                appended[c] += lines;
                const qint64 wall = kBaseMs + minute * kMinuteMs;
                writer.appendHeartbeat(
                    containers[c], monitor::HeartbeatRecord{wall, 0, u"t"_s, monitor::HeartbeatSource::Ticker,
                                                            0, u"name"_s});
                writer.appendEvent(containers[c], monitor::TaskEventRecord{wall, u"t"_s, u"stream_opened"_s,
                                                                           u""_s, u"name"_s});
            }
            monitor::MetricSample sample;
            sample.wallMs = kBaseMs + minute * kMinuteMs;
            writer.appendSample(sample);
            QVERIFY(writer.flush());
        }
        QCOMPARE(writer.status().prunedLines, 0);

        auto raw = SqliteConnection::open(path, SQLITE_OPEN_READWRITE);
        QVERIFY(raw);
        const qint64 nowMs = kBaseMs + nowSeconds * 1000;
        const qint64 cutMs = maxAgeMinutes > 0 ? nowMs - maxAgeMinutes * kMinuteMs : 0;
        const qint64 cutNs = cutMs * 1'000'000;
        QList<QList<Chunk>> expectedKept, removed;
        for (const ContainerRef& container : containers) {
            QList<Chunk> kept, gone;
            for (const Chunk& chunk : chunksOf(*raw.value(), container))
                (maxAgeMinutes > 0 && chunk.maxTs < cutNs ? gone : kept).append(chunk);
            expectedKept << kept;
            removed << gone;
        }
        const qint64 heartbeatsYoung = count(
            *raw.value(), qPrintable(u"SELECT count(*) FROM heartbeats WHERE wall_ms >= %1"_s.arg(cutMs)));
        const qint64 eventsYoung = count(
            *raw.value(), qPrintable(u"SELECT count(*) FROM task_events WHERE wall_ms >= %1"_s.arg(cutMs)));
        const qint64 samplesYoung =
            count(*raw.value(),
                  qPrintable(u"SELECT count(*) FROM metric_samples WHERE wall_ms >= %1"_s.arg(cutMs)));
        QCOMPARE(count(*raw.value(), "SELECT count(*) FROM metric_samples"), 30);

        now->store(nowMs);
        // The check is due (ten minutes by the clock since the last); a pass of several prune
        // transactions runs one per flush: flush until one prunes nothing more.
        for (qint64 before = -1; before != writer.status().prunedLines;) {
            before = writer.status().prunedLines;
            QVERIFY(writer.flush());
        }
        const StoreWriteStatus status = writer.status();
        QVERIFY2(status.pruneError.isEmpty(), qPrintable(status.pruneError));

        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        qint64 removedLines = 0;
        for (int c = 0; c < containers.size(); ++c) {
            QCOMPARE(chunksOf(*raw.value(), containers[c]), expectedKept[c]);
            qint64 gone = 0;
            for (const Chunk& chunk : removed[c])
                gone += chunk.lines();
            removedLines += gone;
            bool ok = false;
            const qint64 first = checkSuffix(*reader.value(), containers[c], appended[c], &ok);
            QVERIFY(ok);
            QCOMPARE(first - 1, gone);
            auto cursor = reader.value()->cursor(containers[c]);
            QVERIFY(cursor && cursor.value());
            QCOMPARE(cursor.value()->cursor, QByteArray::number(appended[c]));
            QCOMPARE(cursor.value()->linesCovered, appended[c] - gone);
            const QList<PruneEvent> events = pruneEvents(*raw.value(), containers[c]);
            qint64 inEvents = 0;
            for (const PruneEvent& event : events) {
                QCOMPARE(event.budget, u"age budget %1 minutes"_s.arg(maxAgeMinutes));
                QCOMPARE(event.wallMs, nowMs);
                inEvents += event.lines;
            }
            QCOMPARE(inEvents, gone);
            if (gone > 0) {
                QCOMPARE(events.first().from, timeOf(removed[c].first().minTs));
                QCOMPARE(events.last().to, timeOf(removed[c].last().maxTs));
            } else {
                QVERIFY(events.isEmpty());
            }
        }
        QCOMPARE(status.prunedLines, removedLines);
        QCOMPARE(count(*raw.value(), "SELECT count(*) FROM heartbeats"), heartbeatsYoung);
        QCOMPARE(count(*raw.value(), "SELECT count(*) FROM metric_samples"), samplesYoung);
        // The events left: the young ones and the pruned events just written.
        QCOMPARE(count(*raw.value(), "SELECT count(*) FROM task_events WHERE event <> 'pruned'"),
                 eventsYoung);
        QCOMPARE(count(*raw.value(), "SELECT count(*) FROM cursors"), containers.size());
        QCOMPARE(raw.value()->queryText("PRAGMA integrity_check", u"checking"_s).value(), u"ok"_s);
        if (maxAgeMinutes == 0)
            return;

        // A day later everything is older than the limit, the pruned events too, but for the
        // newest of each container: its history still says that its start was cut. The cursors
        // stay, covering no line.
        now->store(nowMs + 24 * 60 * kMinuteMs);
        for (qint64 before = -1; before != writer.status().prunedLines;) {
            before = writer.status().prunedLines;
            QVERIFY(writer.flush());
        }
        QCOMPARE(count(*raw.value(), "SELECT count(*) FROM log_lines"), 0);
        QCOMPARE(count(*raw.value(), "SELECT count(*) FROM heartbeats"), 0);
        QCOMPARE(count(*raw.value(), "SELECT count(*) FROM task_events"), containers.size());
        QCOMPARE(
            count(*raw.value(), "SELECT count(DISTINCT container) FROM task_events WHERE event = 'pruned'"),
            containers.size());
        for (int c = 0; c < containers.size(); ++c) {
            auto cursor = reader.value()->cursor(containers[c]);
            QVERIFY(cursor && cursor.value());
            QCOMPARE(cursor.value()->cursor, QByteArray::number(appended[c]));
            QCOMPARE(cursor.value()->linesCovered, 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestStoreRetention)
#include "tst_storeretention.moc"
