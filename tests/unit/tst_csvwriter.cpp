#include "CsvReader.h"
#include "CsvWriter.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::csv::CsvWriter;
using dockpulse::test::CsvRow;
using dockpulse::test::readCsv;

namespace {

// One field alone on a row, without the row's CRLF.
QByteArray oneField(QByteArrayView bytes, bool guarded, bool raw)
{
    CsvWriter w(raw);
    if (guarded)
        w.guardedField(bytes);
    else
        w.field(bytes);
    return w.buffer().toByteArray();
}

// What the reader must give back: the contract's guard, written out independently of the writer.
QByteArray expectedBack(const QByteArray& original, bool guarded, bool raw)
{
    static const QByteArray formulaStarts("=+-@\t\r");
    if (guarded && !raw && !original.isEmpty() && formulaStarts.contains(original.front()))
        return '\'' + original;
    return original;
}

// Bytes biased towards everything that could break quoting or the guard.
QByteArray randomField(QRandomGenerator& rng, qsizetype length)
{
    static const QByteArray nasty(",\"\r\n \t=+-@'\0\xff\xc3\xa9"
                                  "abc",
                                  19);
    QByteArray f(length, Qt::Uninitialized);
    for (qsizetype i = 0; i < length; ++i)
        f[i] = rng.bounded(4) == 0 ? char(rng.bounded(256)) : nasty[rng.bounded(int(nasty.size()))];
    return f;
}

struct Table
{
    QList<CsvRow> rows;
    QList<QList<bool>> guarded;
};

// Writes table, reads it back and compares every field, guard included.
void checkRoundTrip(const Table& table, bool raw)
{
    CsvWriter w(raw);
    for (qsizetype r = 0; r < table.rows.size(); ++r) {
        for (qsizetype c = 0; c < table.rows[r].size(); ++c) {
            if (table.guarded[r][c])
                w.guardedField(table.rows[r][c]);
            else
                w.field(table.rows[r][c]);
        }
        w.endRow();
    }
    const auto back = readCsv(w.buffer());
    QVERIFY2(back.hasValue(), qPrintable(back.hasValue() ? QString() : back.error()));
    QCOMPARE(back->size(), table.rows.size());
    for (qsizetype r = 0; r < table.rows.size(); ++r) {
        QCOMPARE(back->at(r).size(), table.rows[r].size());
        for (qsizetype c = 0; c < table.rows[r].size(); ++c)
            QCOMPARE(back->at(r).at(c), expectedBack(table.rows[r][c], table.guarded[r][c], raw));
    }
}

} // namespace

class TestCsvWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quoting_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("abc") << QByteArray("abc");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("inner space") << QByteArray("a b") << QByteArray("a b");
        QTest::newRow("comma") << QByteArray("a,b") << QByteArray("\"a,b\"");
        QTest::newRow("quotes") << QByteArray("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
        QTest::newRow("lone quote") << QByteArray("\"") << QByteArray("\"\"\"\"");
        QTest::newRow("CR") << QByteArray("a\rb") << QByteArray("\"a\rb\"");
        QTest::newRow("LF") << QByteArray("a\nb") << QByteArray("\"a\nb\"");
        QTest::newRow("CRLF") << QByteArray("a\r\nb") << QByteArray("\"a\r\nb\"");
        QTest::newRow("leading space") << QByteArray(" a") << QByteArray("\" a\"");
        QTest::newRow("trailing space") << QByteArray("a ") << QByteArray("\"a \"");
        QTest::newRow("trailing tab") << QByteArray("a\t") << QByteArray("\"a\t\"");
        QTest::newRow("NUL kept") << QByteArray("a\0b", 3) << QByteArray("a\0b", 3);
        QTest::newRow("invalid UTF-8 kept") << QByteArray("\xff\xfe\xc3") << QByteArray("\xff\xfe\xc3");
        QTest::newRow("own text not guarded") << QByteArray("=1+1") << QByteArray("=1+1");
        QTest::newRow("own negative number") << QByteArray("-1") << QByteArray("-1");
    }
    void quoting()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(oneField(input, false, false), expected);
        QCOMPARE(oneField(input, false, true), expected);
    }

    void formulaGuard_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("guarded");
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("=") << QByteArray("=SUM(A1)") << QByteArray("'=SUM(A1)") << QByteArray("=SUM(A1)");
        QTest::newRow("+") << QByteArray("+1") << QByteArray("'+1") << QByteArray("+1");
        QTest::newRow("-") << QByteArray("-1") << QByteArray("'-1") << QByteArray("-1");
        QTest::newRow("@") << QByteArray("@cmd") << QByteArray("'@cmd") << QByteArray("@cmd");
        QTest::newRow("TAB") << QByteArray("\tx") << QByteArray("'\tx") << QByteArray("\"\tx\"");
        QTest::newRow("CR") << QByteArray("\rx") << QByteArray("\"'\rx\"") << QByteArray("\"\rx\"");
        QTest::newRow("= alone") << QByteArray("=") << QByteArray("'=") << QByteArray("=");
        QTest::newRow("TAB alone") << QByteArray("\t") << QByteArray("\"'\t\"") << QByteArray("\"\t\"");
        QTest::newRow("= with comma")
            << QByteArray("=a,b") << QByteArray("\"'=a,b\"") << QByteArray("\"=a,b\"");
        QTest::newRow("= with quotes")
            << QByteArray("=\"x\"") << QByteArray("\"'=\"\"x\"\"\"") << QByteArray("\"=\"\"x\"\"\"");
        QTest::newRow("already quoted by ' ") << QByteArray("'=x") << QByteArray("'=x") << QByteArray("'=x");
        QTest::newRow("space then =") << QByteArray(" =x") << QByteArray("\" =x\"") << QByteArray("\" =x\"");
        QTest::newRow("= inside") << QByteArray("a=b") << QByteArray("a=b") << QByteArray("a=b");
        QTest::newRow("empty") << QByteArray() << QByteArray() << QByteArray();
        QTest::newRow("LF first") << QByteArray("\nx") << QByteArray("\"\nx\"") << QByteArray("\"\nx\"");
    }
    void formulaGuard()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, guarded);
        QFETCH(QByteArray, raw);
        QCOMPARE(oneField(input, true, false), guarded);
        QCOMPARE(oneField(input, true, true), raw);

        // The QString path takes the same decisions.
        CsvWriter w;
        w.guardedField(QString::fromUtf8(input));
        if (QString::fromUtf8(input).toUtf8() == input)
            QCOMPARE(w.buffer().toByteArray(), guarded);
    }

    void guardOnlyForContainerText()
    {
        CsvWriter w;
        w.field(u"=own"_s);
        w.integer(-1);
        w.guardedField(u"=theirs"_s);
        w.guardedField(QByteArrayView("-theirs"));
        w.endRow();
        QCOMPARE(w.buffer().toByteArray(), QByteArray("=own,-1,'=theirs,'-theirs\r\n"));
    }

    void integers_data()
    {
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("0") << qint64(0) << QByteArray("0");
        QTest::newRow("7") << qint64(7) << QByteArray("7");
        QTest::newRow("-1") << qint64(-1) << QByteArray("-1");
        QTest::newRow("1e12 no separators") << qint64(1'000'000'000'000) << QByteArray("1000000000000");
        QTest::newRow("max") << std::numeric_limits<qint64>::max() << QByteArray("9223372036854775807");
        QTest::newRow("min") << std::numeric_limits<qint64>::min() << QByteArray("-9223372036854775808");
    }
    void integers()
    {
        QFETCH(qint64, value);
        QFETCH(QByteArray, expected);
        CsvWriter w;
        w.integer(value);
        QCOMPARE(w.buffer().toByteArray(), expected);
    }

    void qstringFields_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("ascii") << u"web-1"_s << QByteArray("web-1");
        QTest::newRow("accents") << u"héllo ✓"_s << QByteArray("h\xc3\xa9llo \xe2\x9c\x93");
        QTest::newRow("astral") << u"😀,"_s << QByteArray("\"\xf0\x9f\x98\x80,\"");
        QTest::newRow("lone surrogate") << QString(QChar(0xd800)) << QByteArray("\xef\xbf\xbd");
        QTest::newRow("empty") << QString() << QByteArray();
    }
    void qstringFields()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, expected);
        CsvWriter w;
        w.field(u"a much longer field first, to leave bytes behind in the scratch buffer"_s);
        w.field(text);
        const QByteArray out = w.buffer().toByteArray();
        const QByteArray tail = ',' + expected;
        QVERIFY(out.endsWith(tail));
    }

    void rows()
    {
        CsvWriter w;
        w.field(QByteArrayView("a"));
        w.field(QByteArrayView());
        w.integer(3);
        w.formattedFields(QByteArrayView("x,\"y,z\""));
        w.endRow();
        w.field(QByteArrayView());
        w.endRow();
        w.formattedFields(QByteArrayView("p"));
        w.field(QByteArrayView("q"));
        w.endRow();
        QCOMPARE(w.buffer().toByteArray(), QByteArray("a,,3,x,\"y,z\"\r\n\r\np,q\r\n"));
        const auto back = readCsv(w.buffer());
        QVERIFY(back.hasValue());
        QCOMPARE(*back, (QList<CsvRow>{{"a", "", "3", "x", "y,z"}, {""}, {"p", "q"}}));
    }

    void clearKeepsCapacity()
    {
        CsvWriter w;
        w.reserve(4096);
        w.field(QByteArray(1000, 'x'));
        const void* before = w.buffer().data();
        w.clear();
        QCOMPARE(w.size(), 0);
        w.field(QByteArray(2000, 'y'));
        QCOMPARE(static_cast<const void*>(w.buffer().data()), before);
        QCOMPARE(w.buffer().toByteArray(), QByteArray(2000, 'y'));
    }

    void readerRejectsMalformed_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::newRow("bare LF") << QByteArray("a\nb\r\n");
        QTest::newRow("bare CR") << QByteArray("a\rb\r\n");
        QTest::newRow("quote in bare field") << QByteArray("a\"b\r\n");
        QTest::newRow("text after closing quote") << QByteArray("\"a\"b\r\n");
        QTest::newRow("unterminated") << QByteArray("\"abc\r\n");
        QTest::newRow("CR at end") << QByteArray("a\r");
    }
    void readerRejectsMalformed()
    {
        QFETCH(QByteArray, csv);
        QVERIFY(!readCsv(csv).hasValue());
    }

    void adversarialRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("field");
        const QList<std::pair<const char*, QByteArray>> fields = {
            {"comma", ","},
            {"commas", ",a,,b,"},
            {"quote", "\""},
            {"quotes", "\"\"x\"\""},
            {"CR", "\r"},
            {"LF", "\n"},
            {"CRLF", "\r\n"},
            {"LFCR", "\n\r"},
            {"empty", ""},
            {"=", "=HYPERLINK(\"http://x\",\"y\")"},
            {"+", "+x"},
            {"-", "-x"},
            {"@", "@x"},
            {"TAB", "\tx"},
            {"CR first", "\rx"},
            {"apostrophe", "'x"},
            {"spaces", "  "},
            {"invalid UTF-8", "\x80\xbf\xc0\xff"},
            {"truncated UTF-8", "ok\xe2\x9c"},
            {"NUL", QByteArray("\0=\0", 3)},
            {"leading NUL", QByteArray("\0", 1)},
            {"100 KB of quotes", QByteArray(100 * 1024, '"')},
            {"100 KB mixed", QByteArray("=a,\"b\"\r\n").repeated(100 * 1024 / 9)},
        };
        for (const auto& [name, bytes] : fields)
            QTest::newRow(name) << bytes;
    }
    void adversarialRoundTrip()
    {
        QFETCH(QByteArray, field);
        for (const bool raw : {false, true}) {
            Table t;
            t.rows = {{"before", field, field, "after"}, {field}, {field, field}};
            t.guarded = {{false, true, false, true}, {true}, {false, true}};
            checkRoundTrip(t, raw);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void randomRoundTrip_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<bool>("raw");
        for (quint32 seed = 1; seed <= 20; ++seed) {
            QTest::addRow("seed %u guarded", seed) << seed << false;
            QTest::addRow("seed %u raw", seed) << seed << true;
        }
    }
    void randomRoundTrip()
    {
        QFETCH(quint32, seed);
        QFETCH(bool, raw);
        QRandomGenerator rng(seed);
        Table t;
        const int rows = rng.bounded(1, 200);
        for (int r = 0; r < rows; ++r) {
            CsvRow row;
            QList<bool> guarded;
            const int columns = rng.bounded(1, 9);
            for (int c = 0; c < columns; ++c) {
                const int kind = rng.bounded(100);
                const qsizetype length = kind < 10   ? 0
                                         : kind < 80 ? rng.bounded(1, 20)
                                         : kind < 99 ? rng.bounded(20, 400)
                                                     : rng.bounded(50'000, 120'000);
                row.append(randomField(rng, length));
                guarded.append(rng.bounded(2) == 1);
            }
            t.rows.append(row);
            t.guarded.append(guarded);
        }
        checkRoundTrip(t, raw);
    }

    // Not a pass/fail check: prints how fast log rows are formatted in memory.
    void formattingThroughput()
    {
        QList<QByteArray> lines;
        QRandomGenerator rng(7);
        for (int i = 0; i < 1000; ++i) {
            QByteArray line = "2026-11-29 05:04:10 INFO request handled path=/api/v1/items/" +
                              QByteArray::number(rng.bounded(100000)) + " status=200 bytes=";
            line += QByteArray::number(rng.bounded(1 << 20));
            if (i % 10 == 0)
                line += " note=\"quoted, with comma\"";
            lines.append(line);
        }
        CsvWriter w;
        w.reserve(2 << 20);
        qint64 in = 0;
        QElapsedTimer timer;
        timer.start();
        while (in < 256ll << 20) {
            for (const QByteArray& line : lines) {
                w.formattedFields(QByteArrayView("2026-11-29T05:04:10.206123456Z"));
                w.formattedFields(QByteArrayView("unix:///var/run/docker.sock,web-1,stdout"));
                w.guardedField(line);
                w.endRow();
                in += line.size();
            }
            w.clear();
        }
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        qInfo("formatted %lld MB of log text in %.3f s: %.0f MB/s", in >> 20, seconds,
              double(in) / 1e6 / seconds);
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
