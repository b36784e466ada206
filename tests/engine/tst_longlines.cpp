// What a container writes that is not a tidy line, against the real engine: a line without a
// newline for megabytes (delivered as pieces of at most --max-line, never one unbounded buffer),
// and bytes that are not UTF-8 (the local driver keeps them; logs.csv stays UTF-8 all the same).
#include "HeadlessRun.h"
#include "TestEngine.h"
#include "Utf8Check.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::test::column;
using dockpulse::test::CsvRow;
using dockpulse::test::HeadlessRun;
using dockpulse::test::TestEngine;

namespace {

constexpr qsizetype kDefaultCap = qsizetype(1) << 20;

// What `seq -w 0 N-1 | tr '\n' ,` writes: N numbers of 7 digits, each followed by a comma.
QByteArray numbersLine(int count)
{
    QByteArray out;
    out.reserve(qsizetype(count) * 8);
    char digits[16];
    for (int i = 0; i < count; ++i) {
        std::snprintf(digits, sizeof digits, "%07d,", i);
        out.append(digits, 8);
    }
    return out;
}

// logs.csv rows of one container, header first.
QList<CsvRow> rowsOf(const HeadlessRun& run, const QString& name)
{
    const QList<CsvRow> all = run.csv(u"logs.csv"_s);
    QList<CsvRow> out;
    if (all.isEmpty())
        return out;
    out.append(all.first());
    for (qsizetype i = 1; i < all.size(); ++i)
        if (all[i].size() > 2 && all[i][2] == name.toUtf8())
            out.append(all[i]);
    return out;
}

} // namespace

class TestLongLines : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { DOCKPULSE_REQUIRE_ENGINE(); }

    // 8 MiB without a newline, then a normal line: the long line arrives as pieces of at most the
    // default cap (1 MiB), all but the last continued, that concatenate to the exact bytes.
    void lineWithoutNewlineInPieces_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::newRow("json-file") << u"json-file"_s;
        QTest::newRow("local") << u"local"_s;
    }
    void lineWithoutNewlineInPieces()
    {
        QFETCH(QString, driver);
        constexpr int kNumbers = 1 << 20; // 8 MiB of "0000000,0000001,..."
        const QString name = TestEngine::uniqueName(u"long-"_s + driver);
        QVERIFY(!TestEngine::runContainer(
                     name, u"seq -w 0 %1 | tr '\\n' ,; printf '\\ndone\\n'"_s.arg(kNumbers - 1),
                     {u"--log-driver"_s, driver})
                     .isEmpty());
        QVERIFY(TestEngine::waitExited(name, 60000));
        HeadlessRun run;
        QVERIFY(run.run({u"-m"_s, name, u"--until-exit"_s}, 120000));
        TestEngine::removeContainer(name);
        QCOMPARE(run.exitCode(), 0);

        const QByteArray line = numbersLine(kNumbers);
        const QList<CsvRow> rows = rowsOf(run, name);
        QVERIFY2(rows.size() >= 3, qPrintable(u"%1 rows"_s.arg(rows.size())));
        QByteArray joined;
        const qsizetype pieces = rows.size() - 2; // the header, and "done" at the end
        for (qsizetype i = 1; i <= pieces; ++i) {
            const QByteArray& message = rows[i].at(4);
            QVERIFY2(message.size() <= kDefaultCap,
                     qPrintable(u"row %1: %2 bytes, over the 1 MiB cap"_s.arg(i).arg(message.size())));
            joined += message;
        }
        const int continued = column(rows, "continued");
        QVERIFY2(continued >= 0, "logs.csv has no continued column");
        for (qsizetype i = 1; i <= pieces; ++i)
            QCOMPARE(rows[i].at(continued), QByteArray(i < pieces ? "1" : "0"));
        QCOMPARE(pieces, (line.size() + kDefaultCap - 1) / kDefaultCap);
        QVERIFY2(joined == line,
                 qPrintable(
                     u"the pieces make %1 bytes, not the %2 written"_s.arg(joined.size()).arg(line.size())));
        QCOMPARE(rows.last().at(4), QByteArray("done"));
        QCOMPARE(rows.last().at(continued), QByteArray("0"));
    }

    // The local driver keeps the bytes a container wrote: logs.csv escapes those that are not
    // UTF-8 (and says so), and they decode back to exactly what docker logs prints; --csv-raw
    // writes them as they came.
    void invalidBytesWithLocalDriver_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::newRow("escaped") << false;
        QTest::newRow("--csv-raw") << true;
    }
    void invalidBytesWithLocalDriver()
    {
        QFETCH(bool, raw);
        const QString name = TestEngine::uniqueName(raw ? u"bytes-raw"_s : u"bytes"_s);
        QVERIFY(!TestEngine::runContainer(name,
                                          u"printf 'a\\377\\376b\\\\x41\\n'; printf 'caf\\303\\251 ok\\n'"_s,
                                          {u"--log-driver"_s, u"local"_s})
                     .isEmpty());
        QVERIFY(TestEngine::waitExited(name, 60000));
        const QList<QByteArray> reference = TestEngine::logLines(name);
        const QList<QByteArray> written = {"a\xff\xfe"
                                           "b\\x41"_ba,
                                           "caf\xc3\xa9 ok"_ba};
        QCOMPARE(reference, written); // the engine kept every byte
        HeadlessRun run;
        QStringList args{u"-m"_s, name, u"--until-exit"_s};
        if (raw)
            args << u"--csv-raw"_s;
        QVERIFY(run.run(args, 60000));
        TestEngine::removeContainer(name);
        QCOMPARE(run.exitCode(), 0);

        QFile file(run.exportDir() + u"/logs.csv"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QCOMPARE(dockpulse::test::isStrictUtf8(bytes), !raw);
        const QList<CsvRow> rows = rowsOf(run, name);
        QCOMPARE(rows.size(), 3);
        const int escaped = column(rows, "escaped");
        QVERIFY2(escaped >= 0, "logs.csv has no escaped column");
        QCOMPARE(rows[1].at(escaped), QByteArray(raw ? "0" : "1"));
        QCOMPARE(raw ? rows[1].at(4) : dockpulse::test::unescapeLogsCsv(rows[1].at(4)), written[0]);
        if (!raw)
            QCOMPARE(rows[1].at(4), QByteArray("a\\xff\\xfeb\\\\x41"));
        QCOMPARE(rows[2].at(escaped), QByteArray("0"));
        QCOMPARE(rows[2].at(4), written[1]);
    }
};

QTEST_GUILESS_MAIN(TestLongLines)
#include "tst_longlines.moc"
