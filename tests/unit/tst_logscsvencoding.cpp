// logs.csv is UTF-8 whatever bytes a container wrote (CONTRACT.md: the escaped column), exactly
// as received only with --csv-raw; and a line cut at the line cap says so (the continued column).
#include "ExportTestSupport.h"
#include "HeadlessRun.h"
#include "Utf8Check.h"

namespace {

using dockpulse::test::readAll;
using dockpulse::test::readCsv;

// The rows of a logs.csv written from `batch`; fails the test on a CSV error.
QList<dockpulse::test::CsvRow> writeAndRead(const LogBatch& batch, bool raw, QByteArray* file)
{
    QTemporaryDir tmp;
    LogsCsvWriter logs(raw);
    if (!logs.open(tmp.path()))
        return {};
    logs.append(u"unix:///s"_s, u"c"_s, batch);
    if (!logs.commit())
        return {};
    *file = readAll(logs.path());
    const auto rows = readCsv(*file);
    return rows.hasValue() ? *rows : QList<dockpulse::test::CsvRow>{};
}

} // namespace

class TestLogsCsvEncoding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Each kind of byte that is not UTF-8 at every position of a message with characters of every
    // length and a backslash.
    void invalidUtf8AtEveryPosition_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<bool>("raw");
        const QList<std::pair<const char*, QByteArray>> kinds = {{"ff fe", "\xff\xfe"_ba},
                                                                 {"lone tail", "\x80"_ba},
                                                                 {"truncated 3-byte", "\xe2\x82"_ba},
                                                                 {"surrogate", "\xed\xa0\x80"_ba},
                                                                 {"overlong", "\xc0\xaf"_ba}};
        for (const auto& [name, bytes] : kinds) {
            QTest::addRow("%s", name) << bytes << false;
            QTest::addRow("%s, --csv-raw", name) << bytes << true;
        }
    }
    void invalidUtf8AtEveryPosition()
    {
        QFETCH(QByteArray, bad);
        QFETCH(bool, raw);
        const QByteArray text = "text \\ caf\xc3\xa9, \xe2\x82\xac \"q\" \xf0\x9f\x98\x80 \\xff end"_ba;
        QList<QByteArray> messages;
        LogBatch batch;
        for (qsizetype at = 0; at <= text.size(); ++at) {
            messages << text.left(at) + bad + text.mid(at);
            batch.append(at, LogStreamKind::Stdout, messages.last());
        }
        batch.append(text.size() + 1, LogStreamKind::Stdout, text); // valid: never escaped
        messages << text;
        QByteArray file;
        const QList<dockpulse::test::CsvRow> rows = writeAndRead(batch, raw, &file);
        QCOMPARE(rows.size(), messages.size() + 1);
        QVERIFY2(raw || dockpulse::test::isStrictUtf8(file), "logs.csv is not UTF-8");
        const int escapedColumn = dockpulse::test::column(rows, "escaped");
        QVERIFY2(escapedColumn == 6, "no escaped column at the end of logs.csv");
        for (qsizetype i = 0; i < messages.size(); ++i) {
            const dockpulse::test::CsvRow& row = rows[i + 1];
            const bool valid = i + 1 == messages.size();
            QCOMPARE(row.at(escapedColumn), QByteArray(raw || valid ? "0" : "1"));
            const QByteArray back = raw || valid ? row.at(4) : dockpulse::test::unescapeLogsCsv(row.at(4));
            QVERIFY2(back == messages[i], qPrintable(u"row %1"_s.arg(i + 1)));
        }
    }

    // The pieces of a line cut at the cap: continued on all but the last; whole lines never.
    void continuedColumn()
    {
        LogBatch batch;
        batch.append(1, LogStreamKind::Stdout, "whole");
        batch.append(2, LogStreamKind::Stdout, "first ", dockpulse::docker::LinePiece::First);
        batch.append(3, LogStreamKind::Stderr, "between");
        batch.append(2, LogStreamKind::Stdout, "middle ", dockpulse::docker::LinePiece::Middle);
        batch.append(2, LogStreamKind::Stdout, "last", dockpulse::docker::LinePiece::Last);
        QByteArray file;
        const QList<dockpulse::test::CsvRow> rows = writeAndRead(batch, false, &file);
        const int continued = dockpulse::test::column(rows, "continued");
        QCOMPARE(continued, 5);
        QList<QByteArray> got;
        for (qsizetype i = 1; i < rows.size(); ++i)
            got << rows[i].at(4) + '|' + rows[i].at(continued);
        // One container's rows keep the order they came in: the stderr line between the pieces too.
        QCOMPARE(got, (QList<QByteArray>{"whole|0", "first |1", "between|0", "middle |1", "last|0"}));
    }
};

QTEST_GUILESS_MAIN(TestLogsCsvEncoding)
#include "tst_logscsvencoding.moc"
