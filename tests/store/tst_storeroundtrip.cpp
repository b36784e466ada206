// Lines go into the store and come back exactly: bytes that are no UTF-8, NUL, empty lines, the
// pieces of a cut line, both streams, in delivery order, page after page; the cursor and the
// count of lines it covers; events, heartbeats and container facts beside them.
#include "StoreReader.h"
#include "StoreTestSupport.h"
#include "StoreWriter.h"

#include <QTemporaryDir>
#include <QtTest>
#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using namespace dockpulse::store;
using docker::LinePiece;
using docker::LogStreamKind;

class TestStoreRoundTrip : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exactBytesComeBackInOrder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        struct Line
        {
            qint64 ts;
            LogStreamKind stream;
            QByteArray bytes;
            LinePiece piece;
        };
        const QList<Line> sent = {
            {100, LogStreamKind::Stdout, "plain"_ba, LinePiece::Whole},
            {100, LogStreamKind::Stderr, ""_ba, LinePiece::Whole}, // an empty line, same timestamp
            {101, LogStreamKind::Stdout, "\xff\xfe not utf-8 \xc0\xaf"_ba, LinePiece::Whole},
            {102, LogStreamKind::Stdout, "nul\0inside\0"_ba, LinePiece::Whole},
            {103, LogStreamKind::Stdout, "first piece "_ba, LinePiece::First},
            {103, LogStreamKind::Stderr, "other stream between pieces"_ba, LinePiece::Whole},
            {103, LogStreamKind::Stdout, "middle \xe2\x82"_ba, LinePiece::Middle}, // a cut character
            {104, LogStreamKind::Stdout, "\xac last"_ba, LinePiece::Last},
            {104, LogStreamKind::Stdout, "\r\n\t\x1b[31mcontrols\x1b[0m"_ba, LinePiece::Whole},
            {-5, LogStreamKind::Stdout, "before the epoch"_ba, LinePiece::Whole},
        };
        {
            auto writer = StoreWriter::open(path, storetest::keepAll());
            QVERIFY2(writer, writer ? "" : qPrintable(writer.error().message));
            // In two batches: the second batch's cursor replaces the first.
            for (int half = 0; half < 2; ++half) {
                docker::LogBatch batch;
                for (qsizetype i = half * 5; i < half * 5 + 5; ++i)
                    batch.append(sent[i].ts, sent[i].stream, sent[i].bytes, sent[i].piece);
                writer.value()->append(storetest::kContainer, batch,
                                       "cursor after "_ba + QByteArray::number(half));
            }
            QVERIFY(writer.value()->flush());
            QCOMPARE(writer.value()->status().committedLines, 10);
        }
        auto reader = StoreReader::open(path);
        QVERIFY2(reader, reader ? "" : qPrintable(reader.error().message));
        // Pages of 3: the keyset position carries across pages, also between equal timestamps.
        const QList<StoredLine> got = storetest::readLines(*reader.value(), storetest::kContainer, {}, 3);
        QCOMPARE(got.size(), sent.size());
        // In delivery order, which is not always time order: the line at -5 stays last.
        const QList<Line>& expected = sent;
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].bytes, expected[i].bytes);
            QCOMPARE(got[i].bytes.size(), expected[i].bytes.size());
            QCOMPARE(got[i].timestampNs, expected[i].ts);
            QCOMPARE(got[i].stream, expected[i].stream);
            QCOMPARE(got[i].piece, expected[i].piece);
        }
        auto cursor = reader.value()->cursor(storetest::kContainer);
        QVERIFY(cursor && cursor.value().has_value());
        QCOMPARE(cursor.value()->cursor, "cursor after 1"_ba);
        QCOMPARE(cursor.value()->linesCovered, 10);
        // A container the store never saw has no cursor and no lines.
        const ContainerRef stranger{u"tcp://elsewhere:2376"_s, storetest::kContainer.containerId};
        auto none = reader.value()->cursor(stranger);
        QVERIFY(none && !none.value().has_value());
        QCOMPARE(storetest::readLines(*reader.value(), stranger).size(), 0);
    }

    void cursorsEventsAndHeartbeatsPerContainer()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        const ContainerRef other{storetest::kContainer.host, u"fedcba9876543210"_s};
        {
            auto writer = StoreWriter::open(path, storetest::keepAll());
            QVERIFY(writer);
            StoreWriter& w = *writer.value();
            w.recordEngine(storetest::kContainer.host, u"ENGINE:ID:1"_s);
            w.recordContainer(storetest::kContainer, ContainerFacts{u"web"_s, u"nginx:1.25"_s, 42, 1000});
            w.recordContainer(storetest::kContainer, ContainerFacts{u"web"_s, u"nginx:1.25"_s, 42, 2000});
            w.recordContainer(storetest::kContainer,
                              ContainerFacts{u"web-renamed"_s, u"nginx:1.25"_s, 42, 3000});
            w.append(storetest::kContainer, storetest::numberedBatch(1, 300), "c300"_ba);
            w.append(other, storetest::numberedBatch(1, 7), "o7"_ba);
            w.append(storetest::kContainer, storetest::numberedBatch(301, 200), "c500"_ba);
            QVERIFY(w.flush());
            // A later commit adds to the count the cursor covers.
            w.append(other, storetest::numberedBatch(8, 5), "o12"_ba);
            w.appendEvent(other, monitor::TaskEventRecord{5, u"container_fedcba987654"_s, u"started"_s, u""_s,
                                                          u"db"_s});
            w.appendHeartbeat(other,
                              monitor::HeartbeatRecord{6, 7, u"container_fedcba987654"_s,
                                                       monitor::HeartbeatSource::Rotation, 0, u"db"_s});
            QVERIFY(w.flush());
            QCOMPARE(w.status().commits, 2);
        }
        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        StoreReader& r = *reader.value();
        QCOMPARE(r.cursor(storetest::kContainer).value()->cursor, "c500"_ba);
        QCOMPARE(r.cursor(storetest::kContainer).value()->linesCovered, 500);
        QCOMPARE(r.cursor(other).value()->cursor, "o12"_ba);
        QCOMPARE(r.cursor(other).value()->linesCovered, 12);
        QCOMPARE(r.lineCount(storetest::kContainer).value(), 500);
        QCOMPARE(r.lineCount(other).value(), 12);
        QCOMPARE(r.lineCount().value(), 512);
        QCOMPARE(r.eventCount().value(), 1);
        QCOMPARE(r.heartbeatCount().value(), 1);
        const QList<StoredLine> lines = storetest::readLines(r, storetest::kContainer, {}, 64);
        QCOMPARE(lines.size(), 500);
        for (qsizetype i = 0; i < lines.size(); ++i)
            QCOMPARE(lines[i].bytes, storetest::numberedLine(i + 1));

        // Names over time: a repeated name is not added again, a new one is.
        auto raw = SqliteConnection::open(path, SQLITE_OPEN_READWRITE);
        QVERIFY(raw);
        QCOMPARE(raw.value()->queryInt64("SELECT count(*) FROM container_names", u"test"_s).value(), 2);
        QCOMPARE(raw.value()->queryText("SELECT engine_id FROM engines", u"test"_s).value(),
                 u"ENGINE:ID:1"_s);
        QCOMPARE(raw.value()
                     ->queryText("SELECT image FROM containers WHERE container_id = "
                                 "'0123456789abcdef0123456789abcdef'",
                                 u"test"_s)
                     .value(),
                 u"nginx:1.25"_s);
        const auto containers = r.containers();
        QVERIFY(containers);
        QCOMPARE(containers->size(), 2);
        QCOMPARE(containers->at(0).ref, storetest::kContainer);
        QCOMPARE(containers->at(0).name, u"web-renamed"_s);
        QCOMPARE(containers->at(1).name, QString()); // never named
        const auto cursors = r.cursors();
        QVERIFY(cursors);
        QCOMPARE(cursors->size(), 2);
        QCOMPARE(cursors->at(1).container, other);
        QCOMPARE(cursors->at(1).stored.cursor, "o12"_ba);

        // The store passes its own check at the next open (SQLite 3.40's quick_check reported a
        // NOT NULL column of a WITHOUT ROWID table as NULL when the table's columns were declared
        // in another order than its primary key: container_names once was).
        raw.value().reset();
        auto again = StoreWriter::open(path, storetest::keepAll());
        QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
    }

    void containersInterleavedAcrossChunksReadBackApart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        const QList<ContainerRef> containers = {{u"unix:///a.sock"_s, u"aaaa"_s},
                                                {u"unix:///a.sock"_s, u"bbbb"_s},
                                                {u"tcp://b:2376"_s, u"aaaa"_s}};
        QList<qint64> next = {1, 1, 1};
        {
            auto writer = StoreWriter::open(path, storetest::keepAll());
            QVERIFY(writer);
            // Batches of varying sizes, round robin, flushed now and then: each commit writes a
            // run per container, cut into chunks of 4,096 lines.
            for (int i = 0; i < 60; ++i) {
                const int c = i % 3;
                const qint64 count = 1 + (i * 397) % 900;
                writer.value()->append(containers[c], storetest::numberedBatch(next[c], count),
                                       QByteArray::number(next[c] + count - 1));
                next[c] += count;
                if (i % 17 == 16)
                    QVERIFY(writer.value()->flush());
            }
            QVERIFY(writer.value()->flush());
        }
        auto reader = StoreReader::open(path);
        QVERIFY(reader);
        for (int c = 0; c < 3; ++c) {
            for (int pageSize : {1000, 4096, 7}) {
                const QList<StoredLine> got =
                    storetest::readLines(*reader.value(), containers[c], {}, pageSize);
                QCOMPARE(got.size(), next[c] - 1);
                for (qsizetype i = 0; i < got.size(); ++i)
                    QCOMPARE(got[i].bytes, storetest::numberedLine(i + 1));
            }
            QCOMPARE(reader.value()->lineCount(containers[c]).value(), next[c] - 1);
            QCOMPARE(reader.value()->cursor(containers[c]).value()->cursor, QByteArray::number(next[c] - 1));
            // From a position in the middle, the lines after it.
            const QList<StoredLine> all = storetest::readLines(*reader.value(), containers[c]);
            const QList<StoredLine> tail =
                storetest::readLines(*reader.value(), containers[c], all[5000].position());
            QCOMPARE(tail.size(), all.size() - 5001);
            QCOMPARE(tail.first().bytes, storetest::numberedLine(5002));
        }
        QCOMPARE(reader.value()->lineCount().value(), next[0] + next[1] + next[2] - 3);
    }

    void pagesSeekChunksWithoutSortingOrScanning()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        {
            auto writer = StoreWriter::open(path, storetest::keepAll());
            QVERIFY(writer);
        }
        auto raw = SqliteConnection::open(path, SQLITE_OPEN_READWRITE);
        QVERIFY(raw);
        // The reader's page query, as SQLite plans it: primary-key searches of the chunks and of
        // the lines' row ids, no temporary B-tree for ORDER BY, no scan.
        const QByteArray explain = QByteArray("EXPLAIN QUERY PLAN ") + StoreReader::kPageQuery;
        auto plan = raw.value()->prepare(explain.constData());
        QVERIFY(plan);
        QStringList details;
        while (plan.value().step() == SQLITE_ROW)
            details << plan.value().columnText(3);
        const QString joined = details.join(u" | "_s);
        qInfo("%s", qPrintable(joined));
        QVERIFY2(joined.contains(u"SEARCH c USING PRIMARY KEY (container=? AND first_line>?)"_s),
                 qPrintable(joined));
        QVERIFY2(joined.contains(u"SEARCH l USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"_s),
                 qPrintable(joined));
        QVERIFY2(!joined.contains(u"SCAN"_s), qPrintable(joined));
        QVERIFY2(!joined.contains(u"TEMP B-TREE"_s), qPrintable(joined));
    }
};

QTEST_GUILESS_MAIN(TestStoreRoundTrip)
#include "tst_storeroundtrip.moc"
