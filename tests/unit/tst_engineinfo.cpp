#include "EngineJson.h"

#include <QFile>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;

// GET /info: the engine's clock (required: the cursor's start and the clock offset hang on it),
// its ID and name (kept in the store's engines table; missing ones are empty, not an error).
class TestEngineInfo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void capturedFromDockerd()
    {
        QFile file(QFINDTESTDATA("../data/info/dockerd-20.10.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto info = parseEngineInfo(file.readAll());
        QVERIFY2(info.hasValue(), qPrintable(info.hasValue() ? QString() : info.error()));
        QCOMPARE(info->id, u"W42R:DHN3:46JG:67EJ:4RXG:VLT3:73JM:LIS3:EQ5L:3OYG:64SW:QKYW"_s);
        QCOMPARE(info->name, u"vm"_s);
        QCOMPARE(info->systemTimeNs,
                 1796219731246266157LL); // date -u -d 2026-12-02T13:55:31.246266157Z +%s%N
    }

    void withoutIdOrName()
    {
        const auto info = parseEngineInfo(R"({"SystemTime":"2026-12-02T13:55:21Z"})");
        QVERIFY(info.hasValue());
        QVERIFY(info->id.isEmpty());
        QVERIFY(info->name.isEmpty());
        QCOMPARE(info->systemTimeNs, 1'796'219'721'000'000'000LL);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("no clock") << R"({"ID":"X"})"_ba << u"no usable SystemTime"_s;
        QTest::newRow("clock not a time")
            << R"({"SystemTime":"soon"})"_ba << u"no usable SystemTime (\"soon\")"_s;
        QTest::newRow("not JSON") << "<html>"_ba << u"system info"_s;
        QTest::newRow("cut short") << R"({"SystemTime":"2026-12-02T13:55:21Z")"_ba << u"system info"_s;
    }
    void refused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto info = parseEngineInfo(json);
        QVERIFY(!info.hasValue());
        QVERIFY2(info.error().contains(message), qPrintable(info.error()));
    }
};

QTEST_GUILESS_MAIN(TestEngineInfo)
#include "tst_engineinfo.moc"
