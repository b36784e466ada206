// logs.csv as lines arrive: exact bytes, Docker's timestamps, many batches, throughput.
#include "ExportTestSupport.h"
#include "SanitizerShare.h"

class TestLogsCsvWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void logsExactBytes_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::addColumn<QByteArray>("expected");
        const auto rows = [](bool raw) -> QByteArray {
            const QByteArray g = raw ? "" : "'";
            // In time order across containers: the 1970 line first; web-1's own order is kept
            // ("back" stays last though it is older than the lines before it).
            // Not UTF-8: escaped (and marked) unless raw, which writes the bytes as they came.
            const QByteArray binary = raw ? "\xff\xfe\0bin,0,0"_ba : "\\xff\\xfe\0bin,0,1"_ba;
            return header(CsvKind::Logs) + "1970-01-01T00:00:00.000000000Z,tcp://b:2375,\"" + g +
                   "-x,y\",stderr," + g + "@z,0,0\r\n" +
                   "2026-11-29T05:04:10.206123456Z,unix:///s,web-1,stdout,hello world,0,0\r\n"
                   "2026-11-29T05:04:10.206123457Z,unix:///s,web-1,stderr," +
                   g +
                   "=1+2,0,0\r\n"
                   "2026-11-29T05:04:11.000000000Z,unix:///s,web-1,stdout,\"a,b \"\"c\"\"\",0,0\r\n"
                   "2026-11-29T05:04:11.000000001Z,unix:///s,web-1,stdout,,0,0\r\n"
                   "2026-11-29T05:04:11.000000002Z,unix:///s,web-1,stdout,\"tty line\r\",0,0\r\n"
                   "2026-11-29T05:04:11.000000003Z,unix:///s,web-1,stdout," +
                   binary +
                   "\r\n"
                   "2026-11-29T05:04:10.206123456Z,unix:///s,web-1,stdout,back,0,0\r\n";
        };
        QTest::newRow("guarded") << false << rows(false);
        QTest::newRow("raw") << true << rows(true);
    }
    void logsExactBytes()
    {
        QFETCH(bool, raw);
        QFETCH(QByteArray, expected);
        const qint64 t = kNov29 * 1'000'000 + 123'456;       // 05:04:10.206123456
        const qint64 s11 = kNov29 * 1'000'000 + 794'000'000; // 05:04:11.000000000
        LogBatch a;
        a.append(t, LogStreamKind::Stdout, "hello world");
        a.append(t + 1, LogStreamKind::Stderr, "=1+2");
        a.append(s11, LogStreamKind::Stdout, "a,b \"c\"");
        a.append(s11 + 1, LogStreamKind::Stdout, "");
        a.append(s11 + 2, LogStreamKind::Stdout, "tty line\r");
        a.append(s11 + 3, LogStreamKind::Stdout, "\xff\xfe\0bin"_ba);
        LogBatch b;
        b.append(0, LogStreamKind::Stderr, "@z");
        LogBatch c;
        c.append(t, LogStreamKind::Stdout, "back");

        QTemporaryDir tmp;
        LogsCsvWriter logs(raw);
        QVERIFY(logs.open(tmp.path()));
        QCOMPARE(logs.path(), tmp.filePath(u"logs.csv"_s));
        logs.append(u"unix:///s"_s, u"web-1"_s, a);
        logs.append(u"tcp://b:2375"_s, u"-x,y"_s, b);
        logs.append(u"unix:///s"_s, u"web-1"_s, LogBatch());
        logs.append(u"unix:///s"_s, u"web-1"_s, c);
        QCOMPARE(logs.rows(), 8);
        QVERIFY(logs.commit());
        QVERIFY(!logs.hasError());
        QCOMPARE(readAll(logs.path()), expected);
    }

    // Two containers whose lines interleave in time, each delivering its lines in batches of
    // `batch` (as the readers do: one container's burst can come before the other's): logs.csv
    // is in time order across containers, each container's own order kept, and a tie goes to
    // the container whose lines came first.
    void logsInTimeOrderAcrossContainers_data()
    {
        QTest::addColumn<int>("batch");
        for (const int batch : {1, 2, 3, 7, 40, 1000})
            QTest::addRow("batches of %d", batch) << batch;
    }
    void logsInTimeOrderAcrossContainers()
    {
        QFETCH(int, batch);
        const qint64 t0 = kNov29 * 1'000'000;
        struct Line
        {
            qint64 time;
            QByteArray text;
        };
        // a at even, b at odd nanoseconds, then both at t0 + 100 (the tie), then b alone.
        QList<Line> a;
        QList<Line> b;
        for (int i = 0; i < 40; ++i) {
            a.append({t0 + 2 * i, "a" + QByteArray::number(i)});
            b.append({t0 + 2 * i + 1, "b" + QByteArray::number(i)});
        }
        a.append({t0 + 100, "a-tie"});
        b.append({t0 + 100, "b-tie"});
        b.append({t0 + 101, "b-last"});
        QList<QByteArray> expected;
        for (int i = 0; i < 40; ++i)
            expected << "a" + QByteArray::number(i) << "b" + QByteArray::number(i);
        expected << "a-tie"
                 << "b-tie"
                 << "b-last";

        QTemporaryDir tmp;
        LogsCsvWriter logs;
        QVERIFY(logs.open(tmp.path()));
        const auto deliver = [&logs, batch](const QString& name, const QList<Line>& lines, qsizetype& next) {
            LogBatch out;
            for (; next < lines.size() && out.size() < batch; ++next)
                out.append(lines[next].time, LogStreamKind::Stdout, lines[next].text);
            logs.append(u"unix:///s"_s, name, out);
        };
        qsizetype nextA = 0;
        qsizetype nextB = 0;
        while (nextA < a.size() || nextB < b.size()) {
            deliver(u"a"_s, a, nextA);
            deliver(u"b"_s, b, nextB);
        }
        QCOMPARE(logs.rows(), a.size() + b.size());
        QVERIFY(logs.commit());
        const auto rows = dockpulse::test::readCsv(readAll(logs.path()));
        QVERIFY(rows.hasValue());
        QList<QByteArray> messages;
        QList<QByteArray> times;
        for (qsizetype i = 1; i < rows->size(); ++i) {
            messages << rows->at(i).at(4);
            times << rows->at(i).first();
        }
        QCOMPARE(messages, expected);
        QVERIFY(
            std::is_sorted(times.cbegin(), times.cend())); // same-width RFC 3339: text order is time order
    }

    // A writer opened again after a commit starts from nothing: the first file's sources are gone.
    void openAgainAfterCommit()
    {
        const qint64 t0 = kNov29 * 1'000'000;
        QTemporaryDir tmp;
        LogsCsvWriter logs;
        for (const char* name : {"first", "second"}) {
            const QByteArray text(name);
            QVERIFY(logs.open(tmp.filePath(QString::fromLatin1(text))));
            LogBatch b;
            b.append(t0, LogStreamKind::Stdout, text);
            logs.append(u"unix:///s"_s, u"web"_s, b);
            QVERIFY2(logs.commit(), qPrintable(logs.errorString()));
            const auto rows = dockpulse::test::readCsv(readAll(logs.path()));
            QVERIFY(rows.hasValue());
            QCOMPARE(rows->size(), qsizetype(2));
            QCOMPARE(rows->at(1).at(4), text);
        }
    }

    // A removed container's old task and the new container under the same name: the old task's
    // last lines may arrive after the new one's first. Each task is a source of its own.
    void logsOfTwoTasksUnderOneName()
    {
        const qint64 t0 = kNov29 * 1'000'000;
        LogBatch fresh;
        fresh.append(t0 + 10, LogStreamKind::Stdout, "new 1");
        fresh.append(t0 + 11, LogStreamKind::Stdout, "new 2");
        LogBatch late;
        late.append(t0 + 1, LogStreamKind::Stdout, "old 1");
        late.append(t0 + 2, LogStreamKind::Stdout, "old 2");
        QTemporaryDir tmp;
        LogsCsvWriter logs;
        QVERIFY(logs.open(tmp.path()));
        logs.append(u"unix:///s"_s, u"web"_s, fresh, u"container_222222222222"_s);
        logs.append(u"unix:///s"_s, u"web"_s, late, u"container_111111111111"_s);
        QVERIFY(logs.commit());
        const auto rows = dockpulse::test::readCsv(readAll(logs.path()));
        QVERIFY(rows.hasValue());
        QList<QByteArray> messages;
        for (qsizetype i = 1; i < rows->size(); ++i)
            messages << rows->at(i).at(4);
        QCOMPARE(messages, (QList<QByteArray>{"old 1", "old 2", "new 1", "new 2"}));
        QCOMPARE(entries(tmp.path()), QStringList{u"logs.csv"_s}); // no temporary file left
    }

    // Escape sequences are removed from messages unless raw mode.
    void logsWithoutAnsiUnlessRaw_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("stripped");
        QTest::newRow("colour") << "\x1b[31mred\x1b[0m ok"_ba
                                << "red ok"_ba;
        QTest::newRow("256 and rgb") << "\x1b[38;5;208ma\x1b[38;2;1;2;3mb\x1b[m"_ba
                                     << "ab"_ba;
        QTest::newRow("cursor and erase") << "\x1b[2K\x1b[1Gprogress 50%"_ba
                                          << "progress 50%"_ba;
        QTest::newRow("osc title, bel") << "\x1b]0;title\x07text"_ba
                                        << "text"_ba;
        QTest::newRow("osc link, st") << "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"_ba
                                      << "link"_ba;
        QTest::newRow("two-byte and charset") << "\x1b"
                                                 "7a\x1b(Bb"_ba
                                              << "ab"_ba;
        QTest::newRow("unterminated csi") << "tail\x1b[12"_ba
                                          << "tail"_ba;
        QTest::newRow("lone esc at end") << "end\x1b"_ba
                                         << "end"_ba;
        QTest::newRow("utf-8 kept") << "caf\xc3\xa9 \xe2\x9b\x94 \x1b[1mb\x1b[0m"_ba
                                    << "caf\xc3\xa9 \xe2\x9b\x94 b"_ba;
        QTest::newRow("no escape") << "plain, \"quoted\""_ba
                                   << "plain, \"quoted\""_ba;
        QTest::newRow("formula after colour") << "\x1b[31m=1+2"_ba
                                              << "=1+2"_ba;
    }
    void logsWithoutAnsiUnlessRaw()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, stripped);
        for (const bool raw : {false, true}) {
            LogBatch batch;
            batch.append(0, LogStreamKind::Stdout, message);
            QTemporaryDir tmp;
            LogsCsvWriter logs(raw);
            QVERIFY(logs.open(tmp.path()));
            logs.append(u"unix:///s"_s, u"c"_s, batch);
            QVERIFY(logs.commit());
            // The message field as written, unquoted.
            QByteArray row = readAll(logs.path()).mid(header(CsvKind::Logs).size());
            row.chop(2);
            QVERIFY(row.endsWith(",0,0")); // not continued, not escaped
            row.chop(4);
            QByteArray field = row.mid(row.indexOf(",stdout,") + 8);
            if (field.startsWith('"'))
                field = field.mid(1, field.size() - 2).replace("\"\"", "\"");
            if (!raw && field.startsWith('\''))
                field.remove(0, 1); // the formula guard, which comes after the stripping
            QCOMPARE(field, raw ? message : stripped);
        }
    }
    // Times go through a per-second cache; they must equal formatRfc3339Nanos line by line.
    void logsTimes_data()
    {
        QTest::addColumn<QList<qint64>>("times");
        const qint64 s = kNov29 / 1000 * 1'000'000'000;
        QTest::newRow("epoch") << QList<qint64>{0, 1, 999'999'999, 1'000'000'000};
        QTest::newRow("one second") << QList<qint64>{s, s + 1, s + 500'000'000, s + 999'999'999};
        QTest::newRow("back and forth") << QList<qint64>{s + 5, s - 5, s + 5, s + 86'400'000'000'000, s};
        QTest::newRow("before 1970") << QList<qint64>{-1, -1'500'000'000, 0, -1};
        QTest::newRow("year 2262") << QList<qint64>{std::numeric_limits<qint64>::max(),
                                                    std::numeric_limits<qint64>::max() - 1};
        QList<qint64> random;
        QRandomGenerator rng(3);
        for (int i = 0; i < 2000; ++i)
            random.append(s + qint64(rng.bounded(3'000'000'000.0)));
        QTest::newRow("random") << random;
    }
    void logsTimes()
    {
        QFETCH(QList<qint64>, times);
        LogBatch batch;
        for (const qint64 t : times)
            batch.append(t, LogStreamKind::Stdout, "x");
        QTemporaryDir tmp;
        LogsCsvWriter logs;
        QVERIFY(logs.open(tmp.path()));
        logs.append(u"h"_s, u"c"_s, batch);
        QVERIFY(logs.commit());
        const auto rows = dockpulse::test::readCsv(readAll(logs.path()));
        QVERIFY(rows.hasValue());
        QCOMPARE(rows->size(), times.size() + 1);
        for (qsizetype i = 0; i < times.size(); ++i)
            QCOMPARE(rows->at(i + 1).first(), dockpulse::docker::formatRfc3339Nanos(times[i]));
    }

    void logsManyBatches_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<bool>("raw");
        for (quint32 seed = 1; seed <= quint32(dockpulse::test::sanitizerShare(4, 2)); ++seed) {
            QTest::addRow("seed %u guarded", seed) << seed << false;
            QTest::addRow("seed %u raw", seed) << seed << true;
        }
    }
    void logsManyBatches()
    {
        QFETCH(quint32, seed);
        QFETCH(bool, raw);
        QRandomGenerator rng(seed);
        const QStringList names = {u"web-1"_s, u"=evil"_s, u"db, primary"_s, u"-x"_s};
        static const QByteArray alphabet("abc ,\"\r\n\t=+-@'\0\xff", 16);
        QByteArray pool(1 << 16, Qt::Uninitialized);
        for (char& ch : pool)
            ch = rng.bounded(3) == 0 ? alphabet[rng.bounded(int(alphabet.size()))]
                                     : char('a' + rng.bounded(26));
        QTemporaryDir tmp;
        LogsCsvWriter logs(raw);
        QVERIFY(logs.open(tmp.path()));
        QByteArray expected = header(CsvKind::Logs);
        QList<dockpulse::test::CsvRow> expectedRows;
        qint64 ts = kNov29 * 1'000'000;
        qint64 total = 0;
        for (int b = 0; b < 300; ++b) {
            const QString& name = names[rng.bounded(int(names.size()))];
            LogBatch batch;
            const int lines = rng.bounded(0, 400);
            for (int i = 0; i < lines; ++i) {
                // Slices of a random pool: per-byte random numbers would dominate the test's time.
                const int length = rng.bounded(0, rng.bounded(100) == 0 ? 20'000 : 120);
                const QByteArray text = pool.sliced(rng.bounded(int(pool.size()) - length), length);
                ts += rng.bounded(200'000'000);
                const LogStreamKind stream = rng.bounded(2) ? LogStreamKind::Stderr : LogStreamKind::Stdout;
                batch.append(ts, stream, text);
                const QByteArray time = dockpulse::docker::formatRfc3339Nanos(ts);
                const QByteArray streamName = stream == LogStreamKind::Stderr ? "stderr" : "stdout";
                // \xff is the pool's one byte that is not UTF-8, and it has no backslash.
                const bool escaped = !raw && text.contains('\xff');
                const QByteArray message = escaped ? QByteArray(text).replace("\xff", "\\xff") : text;
                const QByteArray flags = escaped ? "0,1" : "0,0";
                expected += time + ",unix:///s," + referenceField(name.toUtf8(), !raw) + ',' + streamName +
                            ',' + referenceField(message, !raw) + ',' + flags + "\r\n";
                expectedRows.append({time, "unix:///s", guardedBack(name.toUtf8(), !raw), streamName,
                                     guardedBack(message, !raw), "0", escaped ? "1" : "0"});
            }
            total += lines;
            logs.append(u"unix:///s"_s, name, batch);
            QCOMPARE(logs.rows(), total);
        }
        QVERIFY(logs.commit());
        const QByteArray written = readAll(logs.path());
        QVERIFY2(written.size() > 3 * dockpulse::csv::CsvFile::kBlockSize, "spans several flushed blocks");
        QCOMPARE(written.size(), expected.size());
        QCOMPARE(written, expected);
        const auto rows = dockpulse::test::readCsv(written);
        QVERIFY(rows.hasValue());
        QCOMPARE(rows->size(), total + 1);
        QCOMPARE(rows->mid(1), expectedRows);
    }

    // Not a pass/fail check: prints how fast logs.csv is written, end to end (format, write, sync).
    void logsThroughput()
    {
        LogBatch batch;
        QRandomGenerator rng(11);
        qint64 ts = kNov29 * 1'000'000;
        for (int i = 0; i < 2000; ++i) {
            QByteArray line = "2026-11-29 05:04:10 INFO request handled path=/api/v1/items/" +
                              QByteArray::number(rng.bounded(100000)) +
                              " status=200 bytes=" + QByteArray::number(rng.bounded(1 << 20));
            if (i % 10 == 0)
                line += " note=\"quoted, with comma\"";
            batch.append(ts += 50'000, LogStreamKind::Stdout, line);
        }
        for (const QString& where : {QDir::tempPath(), u"/dev/shm"_s}) {
            QTemporaryDir tmp(where + u"/dockpulse-XXXXXX"_s);
            QVERIFY(tmp.isValid());
            LogsCsvWriter logs;
            QElapsedTimer timer;
            timer.start();
            QVERIFY(logs.open(tmp.path()));
            qint64 in = 0;
            // 16 MB under a sanitizer: this measures; what it checks is in the other tests.
            while (in < qint64(dockpulse::test::sanitizerShare(256, 16)) << 20) {
                logs.append(u"unix:///var/run/docker.sock"_s, u"web-1"_s, batch);
                in += batch.byteSize();
            }
            QVERIFY(logs.commit());
            const double seconds = double(timer.nsecsElapsed()) / 1e9;
            qInfo("%s: %lld rows, %lld MB of log text -> %lld MB of logs.csv in %.3f s: %.0f MB/s of text",
                  qPrintable(where), logs.rows(), in >> 20, QFileInfo(logs.path()).size() >> 20, seconds,
                  double(in) / 1e6 / seconds);
        }
    }
};

QTEST_GUILESS_MAIN(TestLogsCsvWriter)
#include "tst_logscsvwriter.moc"
