// The run export: the contract's headers, tasks.csv, and the record files written whole or
// streamed as records arrive.
#include "ExportTestSupport.h"

class TestRunExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headers_data()
    {
        QTest::addColumn<CsvKind>("kind");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("tasks") << CsvKind::Tasks << u"tasks.csv"_s
                               << QByteArray("task,host,container_id,container_name,state,started_at,"
                                             "last_heartbeat_at,heartbeat_age_ms,heartbeats,rotations,lines,"
                                             "bytes,errors,last_error");
        QTest::newRow("heartbeats") << CsvKind::Heartbeats << u"heartbeats.csv"_s
                                    << QByteArray("time,task,source,age_before_ms,container_name");
        QTest::newRow("events") << CsvKind::Events << u"events.csv"_s
                                << QByteArray("time,task,event,detail,container_name");
        QTest::newRow("metrics") << CsvKind::Metrics << u"metrics.csv"_s
                                 << QByteArray(
                                        "time,threads,readers,monitored,max_heartbeat_age_ms,late_readers");
        QTest::newRow("logs") << CsvKind::Logs << u"logs.csv"_s
                              << QByteArray("time,host,container_name,stream,message,continued,escaped");
    }
    void headers()
    {
        QFETCH(CsvKind, kind);
        QFETCH(QString, fileName);
        QFETCH(QByteArray, expected);
        QCOMPARE(csvHeader(kind), QByteArrayView(expected));
        QCOMPARE(csvFileName(kind), fileName);

        // The contract: "`tasks.csv` — ..." and on the next line the header in backticks.
        const QByteArray contract = readAll(QStringLiteral(DOCKPULSE_SOURCE_DIR "/docs/CONTRACT.md"));
        QVERIFY(!contract.isEmpty());
        const QList<QByteArray> lines = contract.split('\n');
        const QByteArray title = '`' + fileName.toUtf8() + "` ";
        qsizetype at = -1;
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            if (lines[i].startsWith(title))
                at = i + 1;
        QVERIFY2(at > 0, qPrintable(u"no section for "_s + fileName));
        QCOMPARE(lines[at].trimmed(), '`' + expected + '`');
    }

    void filesStartWithTheHeader()
    {
        QTemporaryDir tmp;
        QCOMPARE(dockpulse::csv::exportRun(tmp.path(), {}, {}, {}, {}, false), QString());
        LogsCsvWriter logs;
        QVERIFY(logs.open(tmp.path()));
        QVERIFY(logs.commit());
        QCOMPARE(logs.rows(), 0);
        for (const CsvKind kind :
             {CsvKind::Tasks, CsvKind::Heartbeats, CsvKind::Events, CsvKind::Metrics, CsvKind::Logs})
            QCOMPARE(readAll(tmp.filePath(csvFileName(kind))), header(kind)); // no BOM, CRLF
        QCOMPARE(entries(tmp.path()).size(), 5);
    }

    void tasksCsv_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray first =
            "container_abc123def456,unix:///var/run/docker.sock,abc123def4567890,web-1,streaming,"
            "2026-11-29T05:04:10.206Z,2026-11-29T05:04:40.206Z,1234,3,2,1000,64000,1,\r\n";
        QTest::newRow("guarded") << false
                                 << header(CsvKind::Tasks) + first +
                                        "container_abc123def456,unix:///var/run/docker.sock,abc123def4567890,"
                                        "'=cmd|' /C calc'!A0,failed,2026-11-29T05:04:10.206Z,,-1,0,0,0,0,7,"
                                        "\"'-driver said \"\"no\"\", twice\"\r\n";
        QTest::newRow("raw") << true
                             << header(CsvKind::Tasks) + first +
                                    "container_abc123def456,unix:///var/run/docker.sock,abc123def4567890,"
                                    "=cmd|' /C calc'!A0,failed,2026-11-29T05:04:10.206Z,,-1,0,0,0,0,7,"
                                    "\"-driver said \"\"no\"\", twice\"\r\n";
    }
    void tasksCsv()
    {
        QFETCH(bool, raw);
        QFETCH(QByteArray, expected);
        TaskSnapshot second = task(u"=cmd|' /C calc'!A0"_s, u"-driver said \"no\", twice"_s);
        second.state = TaskState::Failed;
        second.lastHeartbeatAtMs = 0; // never: an empty field, not 1970
        second.heartbeatAgeMs = -1;   // our own number: never guarded
        second.heartbeats = second.rotations = second.lines = second.bytes = 0;
        second.errors = 7;
        QTemporaryDir tmp;
        const QString path = tmp.filePath(u"tasks.csv"_s);
        QCOMPARE(dockpulse::csv::writeTasksCsv(path, {task(u"web-1"_s, {}), second}, raw), QString());
        QCOMPARE(readAll(path), expected);
        QVERIFY(dockpulse::test::readCsv(expected).hasValue());
    }

    void recordFiles_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::newRow("guarded") << false;
        QTest::newRow("raw") << true;
    }
    void recordFiles()
    {
        QFETCH(bool, raw);
        const QList<HeartbeatRecord> heartbeats = {
            {kNov29, 1, u"container_abc123def456"_s, HeartbeatSource::Ticker, 30000, u"web"_s},
            {kNov29 + 1, 2, u"container_abc123def456"_s, HeartbeatSource::Rotation, 0, u"-web"_s},
        };
        const QList<TaskEventRecord> events = {
            {kNov29, u"container_abc123def456"_s, u"rotated"_s, u"deadline"_s, u"web"_s},
            {kNov29 + 999, u"container_abc123def456"_s, u"error"_s, u"@evil\r\nsecond line"_s, u"web"_s},
            {0, u"container_abc123def456"_s, u"stopped"_s, {}, {}},
        };
        MetricSample m;
        m.wallMs = kNov29;
        m.threads = 12;
        m.readers = 3;
        m.monitored = 4;
        m.maxHeartbeatAgeMs = 29999;
        m.lateReaders = 1;
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"a/b/run 1"_s); // created with its parents
        QCOMPARE(dockpulse::csv::exportRun(dir, {}, heartbeats, events, {m, MetricSample{}}, raw), QString());
        QCOMPARE(entries(dir),
                 (QStringList{u"events.csv"_s, u"heartbeats.csv"_s, u"metrics.csv"_s, u"tasks.csv"_s}));
        QCOMPARE(readAll(dir + u"/heartbeats.csv"_s),
                 header(CsvKind::Heartbeats) +
                     "2026-11-29T05:04:10.206Z,container_abc123def456,ticker,30000,web\r\n"
                     "2026-11-29T05:04:10.207Z,container_abc123def456,rotation,0," +
                     (raw ? "" : "'") + "-web\r\n");
        QCOMPARE(readAll(dir + u"/events.csv"_s),
                 header(CsvKind::Events) +
                     "2026-11-29T05:04:10.206Z,container_abc123def456,rotated,deadline,web\r\n" +
                     "2026-11-29T05:04:11.205Z,container_abc123def456,error,\"" + (raw ? "" : "'") +
                     "@evil\r\nsecond line\",web\r\n"
                     "1970-01-01T00:00:00.000Z,container_abc123def456,stopped,,\r\n");
        QCOMPARE(readAll(dir + u"/metrics.csv"_s), header(CsvKind::Metrics) +
                                                       "2026-11-29T05:04:10.206Z,12,3,4,29999,1\r\n"
                                                       "1970-01-01T00:00:00.000Z,0,0,0,0,0\r\n");
        QCOMPARE(readAll(dir + u"/tasks.csv"_s), header(CsvKind::Tasks));
    }

    // Headless runs stream heartbeats, events and metrics as they arrive: the same bytes as a
    // whole-run export, and nothing under a final name before commit.
    void streamedRecordsEqualTheWholeExport()
    {
        const QList<HeartbeatRecord> heartbeats = {
            {kNov29, 1, u"t1"_s, HeartbeatSource::Ticker, 30000, u"web"_s},
            {kNov29 + 5, 2, u"t1"_s, HeartbeatSource::Rotation, 5, u"=web"_s},
        };
        const QList<TaskEventRecord> events = {
            {kNov29, u"t1"_s, u"error"_s, u"=1+1, \"quoted\""_s, u"web"_s}};
        MetricSample m;
        m.wallMs = kNov29;
        m.threads = 3;
        QTemporaryDir tmp;
        const QString whole = tmp.filePath(u"whole"_s);
        const QString streamed = tmp.filePath(u"streamed"_s);
        QCOMPARE(dockpulse::csv::exportRun(whole, {}, heartbeats, events, {m}, false), QString());
        QVERIFY(QDir().mkpath(streamed));

        using dockpulse::csv::RecordCsvStream;
        auto hs = RecordCsvStream<HeartbeatRecord>::inFolder(streamed, false);
        auto es = RecordCsvStream<TaskEventRecord>::inFolder(streamed, false);
        auto ms = RecordCsvStream<MetricSample>::inFolder(streamed, false);
        QVERIFY(hs->open() && es->open() && ms->open());
        for (const HeartbeatRecord& h : heartbeats)
            hs->append(h);
        es->append(events[0]);
        ms->append(m);
        for (const QString& name : entries(streamed))
            QVERIFY2(!name.endsWith(u".csv"_s), qPrintable(name + u" exists before commit"_s));
        QVERIFY(hs->commit() && es->commit() && ms->commit());
        hs->append(heartbeats[0]); // after commit: ignored, the file stays as committed
        for (const char* name : {"/heartbeats.csv", "/events.csv", "/metrics.csv"})
            QCOMPARE(readAll(streamed + QLatin1String(name)), readAll(whole + QLatin1String(name)));
    }

    void streamToAMissingFolderFails()
    {
        QTemporaryDir tmp;
        auto hs = dockpulse::csv::RecordCsvStream<HeartbeatRecord>::inFolder(tmp.filePath(u"gone"_s), false);
        QVERIFY(!hs->open());
        QVERIFY2(hs->errorString().contains(u"heartbeats.csv"_s), qPrintable(hs->errorString()));
    }

    void replacesAnOlderFile()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(u"events.csv"_s);
        writeFile(path, "old content that is longer than the new one\r\n");
        QCOMPARE(dockpulse::csv::writeEventsCsv(path, {}, false), QString());
        QCOMPARE(readAll(path), header(CsvKind::Events));
        QCOMPARE(entries(tmp.path()), QStringList{u"events.csv"_s});
    }
};

QTEST_GUILESS_MAIN(TestRunExport)
#include "tst_runexport.moc"
