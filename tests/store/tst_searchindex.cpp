// The search index (docs/STORE.md, "The search index"): a contentless FTS5 table over
// log_lines.bytes, built by the writer in its idle time, used by `dockpulse search` for
// candidates that are then verified line by line. Results through the index must be exactly a
// scan's, with the index fully built, partly built (lag) and absent (a version 1 store); a crash
// in the middle of indexing leaves index and progress consistent; retention removes the index
// entries of the lines it removes.
//
// The crash child is this program again, started with --index-forever PATH.
#include "HistorySearch.h"
#include "LineMatcher.h"
#include "SanitizerShare.h"
#include "SqliteConnection.h"
#include "StoreReader.h"
#include "StoreSchema.h"
#include "StoreTestSupport.h"
#include "StoreWriter.h"

#include <QCoreApplication>
#include <QDateTime>

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <memory>

#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>

using namespace Qt::StringLiterals;
using namespace dockpulse;

namespace {

// 2026-12-01T10:00:00Z
constexpr qint64 kBaseNs = 1'796'119'200'000'000'000LL;
constexpr qint64 kMs = 1'000'000;

const store::ContainerRef kWeb{u"unix:///var/run/docker.sock"_s, u"aaaa0000aaaa1111aaaa2222aaaa3333"_s};
const store::ContainerRef kDb{u"unix:///var/run/docker.sock"_s, u"bbbb0000bbbb1111bbbb2222bbbb3333"_s};
const store::ContainerRef kApi{u"tcp://10.0.0.2:2375"_s, u"cccc0000cccc1111cccc2222cccc3333"_s};

constexpr int kLines = 6'000; // per container

// Line n of a container: templates with words, ids, punctuation, non-ASCII, NUL and bytes that
// are not UTF-8, so that the queries below meet every kind of boundary.
QByteArray mixedLine(int container, int n)
{
    const QByteArray id = QByteArray::number((quint32(n) * 2654435761u + quint32(container)) & 0xffffff, 16);
    switch (n % 12) {
    case 0:
        return "GET /api/v1/items id=" + id + " status=200 took=" + QByteArray::number(n % 97) + "ms";
    case 1:
        return "user_id=" + QByteArray::number(n % 50) + " login ok";
    case 2:
        return "request-id: " + id + "-cd34 failed: Timeout after 30s";
    case 3:
        return "ERROR timeout contacting db" + QByteArray::number(n % 5);
    case 4:
        return "Café crème ÉTÉ naïve—test " + id;
    case 5:
        return "ΑΘΗΝΑ σφάλμα " + QByteArray::number(n);
    case 6:
        return QByteArray("nul\0inside id=", 14) + id + " timeouts";
    case 7:
        return "\xff\xfe bad utf8 " + id + " error\xc3";
    case 8:
        return "status=500 id=" + id + " STATUS=503";
    case 9:
        return "x y z " + QByteArray::number(n % 3) + " tatus=1";
    case 10:
        return "trace " + id + "_span" + QByteArray::number(n % 7) + " db.query";
    default:
        return "line " + QByteArray::number(n) + " level=info msg=\"request served\"";
    }
}

// Container c's line n is stamped 3n + c ms after the base: the three interleave.
qint64 mixedTimestampNs(int container, int n)
{
    return kBaseNs + (qint64(n) * 3 + container) * kMs;
}

docker::LogBatch mixedBatch(int container, int first, int count)
{
    docker::LogBatch batch;
    for (int n = first; n < first + count; ++n)
        batch.append(mixedTimestampNs(container, n),
                     n % 5 == 0 ? docker::LogStreamKind::Stderr : docker::LogStreamKind::Stdout,
                     mixedLine(container, n));
    return batch;
}

const QList<store::ContainerRef>& containers()
{
    static const QList<store::ContainerRef> all{kWeb, kDb, kApi};
    return all;
}

// Writes lines [first, first + count) of every container.
void writeMixed(store::StoreWriter& w, int first, int count)
{
    for (int c = 0; c < containers().size(); ++c) {
        w.recordContainer(containers()[c], store::ContainerFacts{u"c%1"_s.arg(c), u"img"_s, 1, 0});
    }
    for (int at = first; at < first + count; at += 500) {
        for (int c = 0; c < containers().size(); ++c)
            w.append(containers()[c], mixedBatch(c, at, std::min(500, first + count - at)),
                     QByteArray::number(at + 500));
    }
}

store::StoreWriterSettings noIndexing()
{
    store::StoreWriterSettings s = storetest::keepAll();
    s.indexLinesPerTransaction = 0;
    return s;
}

struct Found
{
    QList<QByteArray> hits; // "container time bytes" per hit, in output order
    QList<qint64> rows;     // their row ids
    history::SearchResult result;
};

Found search(const QString& path, const QString& query, bool regex, bool caseInsensitive, bool words,
             history::SearchIndexUse use, const history::TimeRange& range = {})
{
    Found found;
    auto reader = store::StoreReader::open(path);
    if (!reader) {
        qWarning("%s", qPrintable(reader.error().message));
        return found;
    }
    auto all = reader.value()->containers();
    if (!all)
        return found;
    auto matcher = history::LineMatcher::create(
        query, regex ? history::LineMatcher::Kind::Regex : history::LineMatcher::Kind::Substring,
        caseInsensitive, words);
    if (!matcher) {
        qWarning("%s", qPrintable(matcher.error()));
        return found;
    }
    found.result = history::searchHistory(
        *reader.value(), *all, range, std::nullopt, *matcher,
        [&](const history::SearchHit& hit) {
            found.hits << hit.container->ref.containerId.left(4).toUtf8() + ' ' +
                              QByteArray::number(hit.line.timestampNs) + ' ' + hit.line.bytes;
            found.rows << hit.line.rowId;
            return true;
        },
        use);
    return found;
}

// Index and progress agree: every line up to the progress row is in the index (found by the
// word every numbered line holds), none beyond it, no entry of a line that is gone.
void checkIndexConsistent(const QString& path, qint64* progressOut = nullptr)
{
    auto raw = store::SqliteConnection::open(path, SQLITE_OPEN_READWRITE);
    QVERIFY(raw);
    store::SqliteConnection& db = *raw.value();
    const qint64 progress =
        db.queryInt64("SELECT indexed_through FROM log_search_progress", u"test"_s).value();
    const qint64 stored =
        db.queryInt64(qPrintable(u"SELECT count(*) FROM log_lines WHERE id <= %1"_s.arg(progress)), u"test"_s)
            .value();
    const qint64 indexed =
        db.queryInt64("SELECT count(*) FROM log_search WHERE log_search MATCH 'level'", u"test"_s).value();
    const qint64 ahead =
        db.queryInt64(qPrintable(u"SELECT count(*) FROM log_search WHERE log_search MATCH 'level' AND "
                                 u"rowid > %1"_s.arg(progress)),
                      u"test"_s)
            .value();
    const qint64 stale = db.queryInt64("SELECT count(*) FROM log_search s WHERE log_search MATCH 'level' "
                                       "AND NOT EXISTS (SELECT 1 FROM log_lines l WHERE l.id = s.rowid)",
                                       u"test"_s)
                             .value();
    QCOMPARE(ahead, 0);
    QCOMPARE(stale, 0);
    QCOMPARE(indexed, stored);
    QVERIFY(!db.exec("INSERT INTO log_search(log_search) VALUES ('integrity-check')", u"test"_s));
    if (progressOut)
        *progressOut = progress;
}

// The crash child: resume from the stored cursor, then append paced batches (so the writer has
// idle time to index in) until killed.
int indexForever(const QString& path)
{
    qint64 last = 0;
    if (QFile::exists(path)) {
        auto reader = store::StoreReader::open(path);
        if (!reader) {
            std::fprintf(stderr, "%s\n", qPrintable(reader.error().message));
            return 2;
        }
        auto cursor = reader.value()->cursor(storetest::kContainer);
        if (cursor && cursor.value())
            last = cursor.value()->cursor.toLongLong();
    }
    store::StoreWriterSettings settings = storetest::keepAll();
    settings.flushIntervalMs = 20;
    settings.indexLinesPerTransaction = 3'000;
    settings.indexWhilePendingBelow = 1 << 30;
    auto writer = store::StoreWriter::open(path, settings);
    if (!writer) {
        std::fprintf(stderr, "%s\n", qPrintable(writer.error().message));
        return 2;
    }
    std::printf("ready %lld\n", static_cast<long long>(last));
    std::fflush(stdout);
    for (;;) {
        writer.value()->append(storetest::kContainer, storetest::numberedBatch(last + 1, 2'000),
                               QByteArray::number(last + 2'000));
        last += 2'000;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

} // namespace

class TestSearchIndex : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_full;    // version 2, every line indexed
    QString m_partial; // version 2, the last third not indexed
    QString m_v1;      // version 1: no index

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_full = m_dir.filePath(u"full.sqlite"_s);
        m_partial = m_dir.filePath(u"partial.sqlite"_s);
        m_v1 = m_dir.filePath(u"v1.sqlite"_s);
        {
            auto writer = store::StoreWriter::open(m_full, storetest::keepAll());
            QVERIFY2(writer, writer ? "" : qPrintable(writer.error().message));
            writeMixed(*writer.value(), 0, kLines);
            QVERIFY(writer.value()->waitForIndex());
            QCOMPARE(writer.value()->status().indexLag, 0);
        }
        {
            auto writer = store::StoreWriter::open(m_partial, storetest::keepAll());
            QVERIFY(writer);
            writeMixed(*writer.value(), 0, kLines * 2 / 3);
            QVERIFY(writer.value()->waitForIndex());
        }
        {
            auto writer = store::StoreWriter::open(m_partial, noIndexing());
            QVERIFY(writer);
            writeMixed(*writer.value(), kLines * 2 / 3, kLines - kLines * 2 / 3);
            QVERIFY(writer.value()->flush());
            QCOMPARE(writer.value()->status().indexLag,
                     qint64(containers().size()) * (kLines - kLines * 2 / 3));
        }
        // A version 1 store: the full one without its index, as dockpulse 0.x wrote it.
        QVERIFY(QFile::copy(m_full, m_v1));
        auto raw = store::SqliteConnection::open(m_v1, SQLITE_OPEN_READWRITE);
        QVERIFY(raw);
        QVERIFY(!raw.value()->exec("DROP TABLE log_search; DROP TABLE log_search_progress; "
                                   "DROP TABLE metric_samples; PRAGMA user_version = 1",
                                   u"test"_s));
    }

    void schemaVersions()
    {
        auto full = store::StoreReader::open(m_full);
        QVERIFY(full);
        QCOMPARE(full.value()->schemaVersion(), store::kStoreSchemaVersion);
        const auto index = full.value()->searchIndexState();
        QVERIFY(index);
        QVERIFY(index->present);
        QCOMPARE(index->lag, 0);
        auto partial = store::StoreReader::open(m_partial);
        QVERIFY(partial);
        QCOMPARE(partial.value()->searchIndexState()->lag,
                 qint64(containers().size()) * (kLines - kLines * 2 / 3));
        auto v1 = store::StoreReader::open(m_v1);
        QVERIFY2(v1, v1 ? "" : qPrintable(v1.error().message));
        QCOMPARE(v1.value()->schemaVersion(), 1);
        QVERIFY(!v1.value()->searchIndexState()->present);
    }

    void sameAsAScan_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("regex");
        QTest::addColumn<bool>("ignoreCase");
        QTest::addColumn<bool>("words");
        QTest::addColumn<bool>("indexed"); // the index gives the candidates (full store)
        const bool no = false, yes = true;
        // query, regex, -i, -w, through the index
        QTest::newRow("interior id") << u"id=%1 "_s.arg(QString::number((7u * 2654435761u) & 0xffffff, 16))
                                     << no << no << no << yes;
        QTest::newRow("interior words") << u" timeout contacting "_s << no << no << no << yes;
        QTest::newRow("prefix at the end") << u"ERROR timeout conta"_s << no << no << no << yes;
        QTest::newRow("prefix after =") << u"status=50"_s << no << no << no << yes;
        QTest::newRow("number prefix") << u"took=9"_s << no << no << no << no; // 1 char: not worth it
        QTest::newRow("bare word: scan") << u"timeout"_s << no << no << no << no;
        QTest::newRow("suffix: scan") << u"eout "_s << no << no << no << no;
        QTest::newRow("suffix then word") << u"tatus=1"_s << no << no << no << no;
        QTest::newRow("whole word -w") << u"timeout"_s << no << no << yes << yes;
        QTest::newRow("-w not in timeouts") << u"timeouts"_s << no << no << yes << yes;
        QTest::newRow("-w number") << u"42"_s << no << no << yes << yes;
        QTest::newRow("-w two words") << u"login ok"_s << no << no << yes << yes;
        QTest::newRow("-w underscore") << u"user_id"_s << no << no << yes << yes;
        QTest::newRow("-w part of user_id") << u"user"_s << no << no << yes << yes;
        QTest::newRow("-w -i") << u"ERROR"_s << no << yes << yes << yes;
        QTest::newRow("-i interior") << u" TIMEOUT contacting"_s << no << yes << no << yes;
        QTest::newRow("-i upper in line") << u"=503"_s << no << yes << no << yes;
        QTest::newRow("case differs") << u" Timeout after"_s << no << no << no << yes;
        QTest::newRow("punctuation") << u"request-id: "_s << no << no << no << yes; // "id"
        QTest::newRow("punctuation inside") << u"-cd34 failed: "_s << no << no << no << yes;
        QTest::newRow("dots") << u" db.query"_s << no << no << no << yes;
        QTest::newRow("underscore join") << u"_span3 "_s << no << no << no << no; // _span3 is one token
        QTest::newRow("non-ASCII interior") << u" crème "_s << no << no << no << yes;
        QTest::newRow("non-ASCII prefix") << u"Café crè"_s << no << no << no << yes;
        QTest::newRow("greek") << u" σφάλμα "_s << no << no << no << yes;
        QTest::newRow("greek -i: scan") << u" ΣΦΆΛΜΑ "_s << no << yes << no << no;
        QTest::newRow("after em dash") << u"—test"_s << no << no << no << yes;
        QTest::newRow("em dash last") << u" naïve—"_s << no << no << no << yes;
        QTest::newRow("-w non-ASCII") << u"crème"_s << no << no << yes << yes;
        QTest::newRow("after NUL") << u" id="_s << no << no << no << yes;
        QTest::newRow("bad utf8 line") << u" bad utf8 "_s << no << no << no << yes;
        QTest::newRow("quote") << u"msg=\"request served\""_s << no << no << no << yes;
        QTest::newRow("only punctuation") << u"=\""_s << no << no << no << no;
        QTest::newRow("single space") << u" "_s << no << no << no << no;
        QTest::newRow("no such word") << u" zebra "_s << no << no << no << yes;
        QTest::newRow("regex: scan") << u"id=[0-9a-f]+ status=5"_s << yes << no << no << no;
        QTest::newRow("regex -i -w") << u"error|timeout"_s << yes << yes << yes << no;
    }

    void sameAsAScan()
    {
        QFETCH(QString, query);
        QFETCH(bool, regex);
        QFETCH(bool, ignoreCase);
        QFETCH(bool, words);
        QFETCH(bool, indexed);
        using history::SearchIndexUse;
        const Found scan = search(m_v1, query, regex, ignoreCase, words, SearchIndexUse::Never);
        QVERIFY(scan.result.error.isEmpty());
        QVERIFY(!scan.result.usedIndex);

        const Found full = search(m_full, query, regex, ignoreCase, words, SearchIndexUse::WhenItHelps);
        QVERIFY(full.result.error.isEmpty());
        QCOMPARE(full.result.usedIndex, indexed);
        QCOMPARE(full.result.unindexedLines, 0);
        QCOMPARE(full.hits.size(), scan.hits.size());
        QCOMPARE(full.hits, scan.hits);
        QCOMPARE(full.rows, scan.rows); // the same file: the same lines
        // Fewer lines read than the scan's (the candidates only).
        if (indexed)
            QVERIFY2(
                full.result.scanned < scan.result.scanned,
                qPrintable(u"%1 candidates read of %2"_s.arg(full.result.scanned).arg(scan.result.scanned)));

        // The partly built store holds the same lines: the index gives candidates for the first
        // two thirds, the rest is scanned.
        const Found partial = search(m_partial, query, regex, ignoreCase, words, SearchIndexUse::WhenItHelps);
        QCOMPARE(partial.result.usedIndex, indexed);
        if (indexed)
            QCOMPARE(partial.result.unindexedLines, qint64(containers().size()) * (kLines - kLines * 2 / 3));
        QCOMPARE(partial.hits, scan.hits);

        // A version 1 store scans, whatever is asked.
        const Found v1 = search(m_v1, query, regex, ignoreCase, words, SearchIndexUse::WhenItHelps);
        QVERIFY(!v1.result.usedIndex);
        QCOMPARE(v1.hits, scan.hits);

        // A time range through the index: the same as the scan's within it.
        history::TimeRange range;
        range.sinceNs = mixedTimestampNs(1, 1000);
        range.untilNs = mixedTimestampNs(0, 5000);
        const Found scanRange = search(m_v1, query, regex, ignoreCase, words, SearchIndexUse::Never, range);
        const Found fullRange =
            search(m_full, query, regex, ignoreCase, words, SearchIndexUse::WhenItHelps, range);
        QCOMPARE(fullRange.hits, scanRange.hits);
    }

    void wordOptionMeansWholeWords()
    {
        // -w on its own, against what the lines hold.
        const Found timeout = search(m_v1, u"timeout"_s, false, false, true, history::SearchIndexUse::Never);
        for (const QByteArray& hit : timeout.hits)
            QVERIFY2(!hit.contains("timeouts") || hit.contains("timeout "), hit.constData());
        QVERIFY(!timeout.hits.isEmpty());
        const Found user = search(m_v1, u"user"_s, false, false, true, history::SearchIndexUse::Never);
        QCOMPARE(user.hits.size(), 0); // only in user_id
    }

    void versionOneStoreMigratesAndIndexes()
    {
        const QString path = m_dir.filePath(u"migrated.sqlite"_s);
        QVERIFY(QFile::copy(m_v1, path));
        {
            auto writer = store::StoreWriter::open(path, storetest::keepAll());
            QVERIFY2(writer, writer ? "" : qPrintable(writer.error().message));
            QVERIFY(writer.value()->waitForIndex());
            QCOMPARE(writer.value()->status().indexLag, 0);
        }
        auto reader = store::StoreReader::open(path);
        QVERIFY(reader);
        QCOMPARE(reader.value()->schemaVersion(), store::kStoreSchemaVersion);
        const Found migrated = search(path, u" timeout contacting "_s, false, false, false,
                                      history::SearchIndexUse::WhenItHelps);
        const Found scan =
            search(m_v1, u" timeout contacting "_s, false, false, false, history::SearchIndexUse::Never);
        QVERIFY(migrated.result.usedIndex);
        QCOMPARE(migrated.hits, scan.hits);
    }

    // Retention that empties the store (every line older than the age budget) must not let the
    // next lines take row ids again that the index already counts as indexed: they would never be
    // indexed, and a search through the index would miss them.
    void storeEmptiedByRetentionIndexesItsNextLines()
    {
        const QString path = m_dir.filePath(u"emptied.sqlite"_s);
        constexpr qint64 kHourMs = 3600 * 1000;
        auto now = std::make_shared<std::atomic<qint64>>(storetest::numberedTimestampNs(20'000) / 1'000'000);
        store::StoreWriterSettings settings = storetest::keepAll();
        settings.maxAgeMs = kHourMs;
        settings.ageCheckIntervalMs = 1; // by the injected clock
        settings.clockMs = [now] {
            return now->load();
        };
        auto writer = store::StoreWriter::open(path, settings);
        QVERIFY(writer);
        store::StoreWriter& w = *writer.value();
        w.append(storetest::kContainer, storetest::numberedBatch(1, 20'000), "20000");
        QVERIFY(w.waitForIndex());
        QCOMPARE(w.status().prunedLines, 0);
        // Two hours later every line is older than the budget: the store is emptied.
        now->store(now->load() + 2 * kHourMs);
        QTRY_VERIFY_WITH_TIMEOUT(w.flush() && w.status().prunedLines == 20'000, 20000);
        // Lines of that moment, after the store held none.
        docker::LogBatch fresh;
        for (qint64 n = 20'001; n <= 25'000; ++n)
            fresh.append(now->load() * 1'000'000 + n, docker::LogStreamKind::Stdout,
                         storetest::numberedLine(n));
        w.append(storetest::kContainer, fresh, "25000");
        QVERIFY(w.waitForIndex());
        writer.value().reset();
        checkIndexConsistent(path);
        const QString query = u"line 0000020042 "_s;
        const Found scan = search(path, query, false, false, false, history::SearchIndexUse::Never);
        const Found indexed = search(path, query, false, false, false, history::SearchIndexUse::WhenItHelps);
        QVERIFY(indexed.result.usedIndex);
        QCOMPARE(scan.hits.size(), 1);
        QCOMPARE(indexed.hits, scan.hits);
    }

    void retentionRemovesIndexEntries()
    {
        const QString path = m_dir.filePath(u"retention.sqlite"_s);
        store::StoreWriterSettings settings = storetest::keepAll();
        settings.maxStoreBytes = 2 << 20;
        settings.pruneLinesPerTransaction = 5'000;
        auto writer = store::StoreWriter::open(path, settings);
        QVERIFY(writer);
        store::StoreWriter& w = *writer.value();
        qint64 next = 1;
        for (int round = 0; round < 12; ++round) {
            w.append(storetest::kContainer, storetest::numberedBatch(next, 10'000), QByteArray::number(next));
            next += 10'000;
            // Half the rounds indexed at once, half left to lag: prunes meet both.
            if (round % 2 == 0)
                QVERIFY(w.waitForIndex());
            else
                QVERIFY(w.flush());
        }
        QVERIFY(w.waitForIndex());
        QVERIFY(w.status().prunedLines > 0);
        writer.value().reset();
        checkIndexConsistent(path);
        const Found scan =
            search(path, u"line 000011"_s, false, false, false, history::SearchIndexUse::Never);
        const Found indexed =
            search(path, u"line 000011"_s, false, false, false, history::SearchIndexUse::WhenItHelps);
        QVERIFY(indexed.result.usedIndex);
        QCOMPARE(indexed.hits, scan.hits);
        QVERIFY(!scan.hits.isEmpty());
    }

    void killedWhileIndexingStaysConsistent()
    {
        const QString path = m_dir.filePath(u"crash.sqlite"_s);
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("seed %u", seed);
        QRandomGenerator random(seed);
        QList<qint64> progress;
        qint64 lastProgress = 0;
        for (int round = 0; round < 8; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(), {u"--index-forever"_s, path});
            QVERIFY(child.waitForStarted(5000));
            QVERIFY2(child.waitForReadyRead(10000), "the writer never said ready");
            child.readLine();
            QTest::qWait(int(random.bounded(50, dockpulse::test::sanitizerStretch(600, 5))));
            QCOMPARE(child.state(), QProcess::Running);
            child.kill();
            QVERIFY(child.waitForFinished(5000));
            qint64 p = 0;
            checkIndexConsistent(path, &p);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(p >= lastProgress);
            lastProgress = p;
            progress << p;
        }
        qInfo("indexed through after each kill: %s", qPrintable(storetest::joined(progress)));
        QVERIFY(lastProgress > 0);
    }
};

int main(int argc, char** argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--index-forever") == 0) {
        QCoreApplication app(argc, argv);
        return indexForever(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestSearchIndex test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_searchindex.moc"
