#include "TimeArgument.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;

namespace {
// 2026-12-01T10:00:00Z (date -u -d 2026-12-01T10:00:00Z +%s)
constexpr qint64 kNowNs = 1'796'119'200'000'000'000LL;
constexpr qint64 kSecond = 1'000'000'000LL;
} // namespace

// --since/--until as the docker CLI takes them. The test runs with TZ=UTC (set in main below) so
// that the zone-less forms, which are local time, have fixed answers.
class TestTimeArgument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("nanos");
        QTest::newRow("seconds ago") << u"90s"_s << kNowNs - 90 * kSecond;
        QTest::newRow("minutes ago") << u"30m"_s << kNowNs - 1800 * kSecond;
        QTest::newRow("hours ago") << u"2h"_s << kNowNs - 7200 * kSecond;
        QTest::newRow("compound") << u"1h30m"_s << kNowNs - 5400 * kSecond;
        QTest::newRow("fractional hours") << u"1.5h"_s << kNowNs - 5400 * kSecond;
        QTest::newRow("milliseconds") << u"250ms"_s << kNowNs - 250'000'000;
        QTest::newRow("microseconds") << u"3us"_s << kNowNs - 3000;
        QTest::newRow("nanoseconds") << u"7ns"_s << kNowNs - 7;
        QTest::newRow("zero") << u"0s"_s << kNowNs;
        QTest::newRow("RFC 3339 UTC") << u"2026-12-01T10:00:00Z"_s << kNowNs;
        QTest::newRow("RFC 3339 nanoseconds") << u"2026-12-01T10:00:00.000000007Z"_s << kNowNs + 7;
        QTest::newRow("RFC 3339 offset") << u"2026-12-01T11:00:00+01:00"_s << kNowNs;
        QTest::newRow("local, seconds") << u"2026-12-01T10:00:00"_s << kNowNs;
        QTest::newRow("local, fraction") << u"2026-12-01T10:00:00.5"_s << kNowNs + kSecond / 2;
        QTest::newRow("local, minutes") << u"2026-12-01T10:00"_s << kNowNs;
        QTest::newRow("date") << u"2026-12-01"_s << kNowNs - 10 * 3600 * kSecond;
        QTest::newRow("unix seconds") << u"1796119200"_s << kNowNs;
        QTest::newRow("unix fraction") << u"1796119200.25"_s << kNowNs + kSecond / 4;
        QTest::newRow("unix nanoseconds") << u"1796119200.000000001"_s << kNowNs + 1;
    }
    void accepted()
    {
        QFETCH(QString, text);
        QFETCH(qint64, nanos);
        const auto parsed = history::parseTimeArgument(text, kNowNs);
        QVERIFY2(parsed.hasValue(), qPrintable(parsed.hasValue() ? QString() : parsed.error()));
        QCOMPARE(*parsed, nanos);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("word") << u"yesterday"_s;
        QTest::newRow("unit alone") << u"h"_s;
        QTest::newRow("negative duration") << u"-5m"_s;
        QTest::newRow("unknown unit") << u"3d"_s;
        QTest::newRow("space") << u"30 m"_s;
        QTest::newRow("month 13") << u"2026-13-01"_s;
        QTest::newRow("day 32") << u"2026-12-32T00:00:00Z"_s;
        QTest::newRow("hour 25") << u"2026-12-01T25:00:00"_s;
        QTest::newRow("ten fraction digits") << u"1796119200.0000000001"_s;
        QTest::newRow("not latin-1") << u"2026-12-01T10:00:00Zé"_s;
    }
    void refused()
    {
        QFETCH(QString, text);
        const auto parsed = history::parseTimeArgument(text, kNowNs);
        QVERIFY(!parsed.hasValue());
        QVERIFY2(parsed.error().contains(u"is not a time"_s), qPrintable(parsed.error()));
        QVERIFY2(parsed.error().contains(u"90s"_s), qPrintable(parsed.error()));
    }
};

int main(int argc, char* argv[])
{
    qputenv("TZ", "UTC");
    QCoreApplication app(argc, argv);
    TestTimeArgument test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_timeargument.moc"
