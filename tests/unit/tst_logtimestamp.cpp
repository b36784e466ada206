#include "LogTimestamp.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QtTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;

class TestLogTimestamp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Expected values from GNU date: date -u -d TEXT +%s, +%N.
    void parse_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("nanos");
        QTest::newRow("epoch") << "1970-01-01T00:00:00Z"_ba << qint64(0);
        QTest::newRow("epoch + 1 ns") << "1970-01-01T00:00:00.000000001Z"_ba << qint64(1);
        QTest::newRow("epoch - 1 ns") << "1969-12-31T23:59:59.999999999Z"_ba << qint64(-1);
        QTest::newRow("docker form") << "2026-11-29T05:04:10.206123456Z"_ba << qint64(1795928650206123456);
        QTest::newRow("0 fraction digits") << "2026-11-29T05:04:10Z"_ba << qint64(1795928650000000000);
        QTest::newRow("1 fraction digit") << "2026-11-29T05:04:10.2Z"_ba << qint64(1795928650200000000);
        QTest::newRow("2 fraction digits") << "2026-11-29T05:04:10.20Z"_ba << qint64(1795928650200000000);
        QTest::newRow("3 fraction digits") << "2026-11-29T05:04:10.206Z"_ba << qint64(1795928650206000000);
        QTest::newRow("4 fraction digits") << "2026-11-29T05:04:10.2061Z"_ba << qint64(1795928650206100000);
        QTest::newRow("5 fraction digits") << "2026-11-29T05:04:10.20612Z"_ba << qint64(1795928650206120000);
        QTest::newRow("6 fraction digits") << "2026-11-29T05:04:10.206123Z"_ba << qint64(1795928650206123000);
        QTest::newRow("7 fraction digits")
            << "2026-11-29T05:04:10.2061234Z"_ba << qint64(1795928650206123400);
        QTest::newRow("8 fraction digits")
            << "2026-11-29T05:04:10.20612345Z"_ba << qint64(1795928650206123450);
        QTest::newRow("9 fraction digits")
            << "2026-11-29T05:04:10.206123456Z"_ba << qint64(1795928650206123456);
        QTest::newRow("offset +05:30")
            << "2026-11-29T05:04:10.206123456+05:30"_ba << qint64(1795908850206123456);
        QTest::newRow("offset -08:00")
            << "2026-11-29T05:04:10.206123456-08:00"_ba << qint64(1795957450206123456);
        QTest::newRow("offset crosses year") << "2026-01-01T00:30:00+01:00"_ba << qint64(1767223800000000000);
        QTest::newRow("offset +00:00") << "2026-11-29T05:04:10+00:00"_ba << qint64(1795928650000000000);
        QTest::newRow("lower case t and z") << "2026-11-29t05:04:10z"_ba << qint64(1795928650000000000);
        QTest::newRow("leap day 2000") << "2000-02-29T12:00:00Z"_ba << qint64(951825600000000000);
        QTest::newRow("leap day 1960") << "1960-02-29T01:02:03.04Z"_ba << qint64(-310517876960000000);
        QTest::newRow("pre-1970 with fraction") << "1969-07-20T20:17:40.1Z"_ba << qint64(-14182939900000000);
        QTest::newRow("1900 (no leap year)") << "1900-03-01T00:00:00Z"_ba << qint64(-2203891200000000000);
        QTest::newRow("end of year") << "2024-12-31T23:59:59.5Z"_ba << qint64(1735689599500000000);
        QTest::newRow("start of year") << "2025-01-01T00:00:00Z"_ba << qint64(1735689600000000000);
        QTest::newRow("end of 1999") << "1999-12-31T23:59:59.123456789Z"_ba << qint64(946684799123456789);
        QTest::newRow("2100-03-01") << "2100-03-01T00:00:00Z"_ba << qint64(4107542400000000000);
        QTest::newRow("latest") << "2262-04-11T23:47:16.854775807Z"_ba << std::numeric_limits<qint64>::max();
        QTest::newRow("earliest") << "1677-09-21T00:12:43.145224192Z"_ba
                                  << std::numeric_limits<qint64>::min();
    }
    void parse()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, nanos);
        const std::optional<qint64> parsed = parseRfc3339Nanos(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, nanos);
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("date only") << "2026-11-29"_ba;
        QTest::newRow("missing Z") << "2026-11-29T05:04:10"_ba;
        QTest::newRow("missing Z after fraction") << "2026-11-29T05:04:10.206123456"_ba;
        QTest::newRow("month 0") << "2026-00-29T05:04:10Z"_ba;
        QTest::newRow("month 13") << "2026-13-29T05:04:10Z"_ba;
        QTest::newRow("day 0") << "2026-11-00T05:04:10Z"_ba;
        QTest::newRow("day 31 in November") << "2026-11-31T05:04:10Z"_ba;
        QTest::newRow("day 32") << "2026-01-32T05:04:10Z"_ba;
        QTest::newRow("Feb 29 in 2026") << "2026-02-29T05:04:10Z"_ba;
        QTest::newRow("Feb 29 in 1900") << "1900-02-29T05:04:10Z"_ba;
        QTest::newRow("Feb 30 in 2000") << "2000-02-30T05:04:10Z"_ba;
        QTest::newRow("hour 24") << "2026-11-29T24:00:00Z"_ba;
        QTest::newRow("minute 60") << "2026-11-29T05:60:10Z"_ba;
        QTest::newRow("second 60 (leap second)") << "2016-12-31T23:59:60Z"_ba;
        QTest::newRow("letters in year") << "20x6-11-29T05:04:10Z"_ba;
        QTest::newRow("letters in fraction") << "2026-11-29T05:04:10.2a6Z"_ba;
        QTest::newRow("10 fraction digits") << "2026-11-29T05:04:10.2061234567Z"_ba;
        QTest::newRow("dot without digits") << "2026-11-29T05:04:10.Z"_ba;
        QTest::newRow("comma fraction") << "2026-11-29T05:04:10,206Z"_ba;
        QTest::newRow("space separator") << "2026-11-29 05:04:10Z"_ba;
        QTest::newRow("trailing junk") << "2026-11-29T05:04:10.206Zjunk"_ba;
        QTest::newRow("trailing space") << "2026-11-29T05:04:10Z "_ba;
        QTest::newRow("leading space") << " 2026-11-29T05:04:10Z"_ba;
        QTest::newRow("single-digit month") << "2026-1-29T05:04:10Z"_ba;
        QTest::newRow("5-digit year") << "12026-11-29T05:04:10Z"_ba;
        QTest::newRow("offset without colon") << "2026-11-29T05:04:10+0530"_ba;
        QTest::newRow("offset hours only") << "2026-11-29T05:04:10+05"_ba;
        QTest::newRow("offset hour 24") << "2026-11-29T05:04:10+24:00"_ba;
        QTest::newRow("offset minute 60") << "2026-11-29T05:04:10+05:60"_ba;
        QTest::newRow("Z and offset") << "2026-11-29T05:04:10Z+01:00"_ba;
        QTest::newRow("after 2262 (qint64 overflow)") << "2262-04-11T23:47:16.854775808Z"_ba;
        QTest::newRow("before 1677 (qint64 overflow)") << "1677-09-21T00:12:43.145224191Z"_ba;
        QTest::newRow("year 0001") << "0001-01-01T00:00:00Z"_ba;
        QTest::newRow("year 9999") << "9999-12-31T23:59:59Z"_ba;
        QTest::newRow("NUL inside") << QByteArray("2026-11-29T05:04:10\0Z", 21);
        QTest::newRow("high bytes") << "2026-11-29T05:04:1\xff"
                                       "Z"_ba;
    }
    void invalid()
    {
        QFETCH(QByteArray, text);
        QCOMPARE(parseRfc3339Nanos(text), std::nullopt);
    }

    // QDateTime is independent of the integer arithmetic, but only has milliseconds.
    void matchesQDateTime_data()
    {
        QTest::addColumn<QString>("text");
        for (const QString& text :
             {u"1970-01-01T00:00:00.000Z"_s, u"2026-11-29T05:04:10.206Z"_s, u"2000-02-29T23:59:59.999Z"_s,
              u"1960-02-29T01:02:03.040Z"_s, u"1601-01-01T00:00:00.000Z"_s, u"1700-03-01T12:00:00.001Z"_s,
              u"1899-12-31T23:59:59.999Z"_s, u"2038-01-19T03:14:08.000Z"_s, u"2262-04-11T23:47:16.854Z"_s,
              u"2024-12-31T23:59:59.500+05:30"_s, u"1969-12-31T23:59:59.999-11:45"_s,
              u"2100-02-28T00:00:00.000+14:00"_s})
            QTest::newRow(qPrintable(text)) << text;
    }
    void matchesQDateTime()
    {
        QFETCH(QString, text);
        const QDateTime expected = QDateTime::fromString(text, Qt::ISODateWithMs);
        QVERIFY(expected.isValid());
        const std::optional<qint64> parsed = parseRfc3339Nanos(text.toLatin1());
        if (text.startsWith(u"1601"_s)) { // before qint64 nanoseconds reach
            QCOMPARE(parsed, std::nullopt);
            return;
        }
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, expected.toMSecsSinceEpoch() * 1'000'000);
        QCOMPARE(formatIsoMillis(expected.toMSecsSinceEpoch()),
                 expected.toUTC().toString(Qt::ISODateWithMs).toLatin1());
    }

    void format_data()
    {
        QTest::addColumn<qint64>("nanos");
        QTest::addColumn<QByteArray>("rfc3339");
        QTest::addColumn<QByteArray>("unixParam");
        QTest::addColumn<QByteArray>("isoMillis"); // of nanos / 1e6, floored
        QTest::newRow("epoch") << qint64(0) << "1970-01-01T00:00:00.000000000Z"_ba
                               << "0.000000000"_ba
                               << "1970-01-01T00:00:00.000Z"_ba;
        QTest::newRow("docker form") << qint64(1795928650206123456) << "2026-11-29T05:04:10.206123456Z"_ba
                                     << "1795928650.206123456"_ba
                                     << "2026-11-29T05:04:10.206Z"_ba;
        QTest::newRow("-1 ns") << qint64(-1) << "1969-12-31T23:59:59.999999999Z"_ba
                               << "-1.999999999"_ba
                               << "1969-12-31T23:59:59.999Z"_ba;
        QTest::newRow("-1.5 s") << qint64(-1'500'000'000) << "1969-12-31T23:59:58.500000000Z"_ba
                                << "-2.500000000"_ba
                                << "1969-12-31T23:59:58.500Z"_ba;
        QTest::newRow("leap day") << qint64(951825600000000000) << "2000-02-29T12:00:00.000000000Z"_ba
                                  << "951825600.000000000"_ba
                                  << "2000-02-29T12:00:00.000Z"_ba;
        QTest::newRow("end of year") << qint64(1735689599999999999) << "2024-12-31T23:59:59.999999999Z"_ba
                                     << "1735689599.999999999"_ba
                                     << "2024-12-31T23:59:59.999Z"_ba;
        QTest::newRow("max") << std::numeric_limits<qint64>::max() << "2262-04-11T23:47:16.854775807Z"_ba
                             << "9223372036.854775807"_ba
                             << "2262-04-11T23:47:16.854Z"_ba;
        QTest::newRow("min") << std::numeric_limits<qint64>::min() << "1677-09-21T00:12:43.145224192Z"_ba
                             << "-9223372037.145224192"_ba
                             << "1677-09-21T00:12:43.145Z"_ba;
    }
    void format()
    {
        QFETCH(qint64, nanos);
        QFETCH(QByteArray, rfc3339);
        QFETCH(QByteArray, unixParam);
        QFETCH(QByteArray, isoMillis);
        QCOMPARE(formatRfc3339Nanos(nanos), rfc3339);
        QCOMPARE(formatUnixNanosParam(nanos), unixParam);
        const qint64 millis = nanos / 1'000'000 - (nanos % 1'000'000 < 0 ? 1 : 0);
        QCOMPARE(formatIsoMillis(millis), isoMillis);
    }

    void formatIsoMillisFarDates_data()
    {
        QTest::addColumn<qint64>("millis");
        QTest::newRow("year 1") << qint64(-62135596800000);
        QTest::newRow("year 9999") << qint64(253402300799999);
        QTest::newRow("year 1677") << qint64(-9223372036855);
    }
    void formatIsoMillisFarDates()
    {
        QFETCH(qint64, millis);
        const QDateTime utc = QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC);
        QCOMPARE(formatIsoMillis(millis), utc.toString(Qt::ISODateWithMs).toLatin1());
    }

    void roundTrip_data()
    {
        QTest::addColumn<qint64>("nanos");
        for (const qint64 v : {qint64(0), qint64(1), qint64(-1), qint64(999'999'999), qint64(-1'000'000'000),
                               std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min()})
            QTest::newRow(qPrintable(QString::number(v))) << v;
        QRandomGenerator rng(20261129); // fixed seed: a failure can be rerun
        for (int i = 0; i < 200; ++i) {
            const auto v = static_cast<qint64>(rng.generate64());
            QTest::addRow("random %lld", static_cast<long long>(v)) << v;
        }
    }
    void roundTrip()
    {
        QFETCH(qint64, nanos);
        const QByteArray text = formatRfc3339Nanos(nanos);
        QCOMPARE(text.size(), 30);
        QCOMPARE(parseRfc3339Nanos(text), std::optional<qint64>(nanos));
        // The engine's parameter form, read back the engine's way: seconds plus nanoseconds.
        const QByteArray param = formatUnixNanosParam(nanos);
        const qsizetype dot = param.indexOf('.');
        QCOMPARE(param.size() - dot, 10);
        const qint64 seconds = param.left(dot).toLongLong();
        const qint64 fraction = param.mid(dot + 1).toLongLong();
        const qint64 remainder = nanos % 1'000'000'000;
        QCOMPARE(fraction, remainder < 0 ? remainder + 1'000'000'000 : remainder);
        QCOMPARE(seconds, nanos / 1'000'000'000 - (remainder < 0 ? 1 : 0));
    }
};

QTEST_GUILESS_MAIN(TestLogTimestamp)
#include "tst_logtimestamp.moc"
