#include "EngineError.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::docker::EngineError;

class TestEngineError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fromHttp_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("hasRemedy");
        QTest::newRow("404 daemon message") << 404 << QByteArray(R"({"message":"No such container: nope"})")
                                            << u"unix:///s: HTTP 404: No such container: nope"_s << false;
        QTest::newRow("409 conflict") << 409 << QByteArray(R"({"message":"container is paused"})")
                                      << u"unix:///s: HTTP 409: container is paused"_s << false;
        QTest::newRow("501 driver")
            << 501 << QByteArray(R"({"message":"configured logging driver does not support reading"})")
            << u"unix:///s: HTTP 501: configured logging driver does not support reading. Its logging driver "
               u"cannot be read back; use json-file, local or journald."_s
            << true;
        QTest::newRow("not json") << 500 << QByteArray("  oops \n") << u"unix:///s: HTTP 500: oops"_s
                                  << false;
        QTest::newRow("empty body") << 502 << QByteArray() << u"unix:///s: HTTP 502: no details given"_s
                                    << false;
    }
    void fromHttp()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        QFETCH(bool, hasRemedy);
        const EngineError e = EngineError::fromHttp(u"unix:///s"_s, status, body);
        QCOMPARE(e.kind, EngineError::Kind::Http);
        QCOMPARE(e.httpStatus, status);
        QCOMPARE(e.toString(), expected);
        QCOMPARE(!e.remedy.isEmpty(), hasRemedy);
        QVERIFY(e.isError());
    }
    void kindNamesAreDistinct()
    {
        QSet<QString> names;
        for (int k = 0; k <= int(EngineError::Kind::Other); ++k)
            names.insert(EngineError::kindName(EngineError::Kind(k)));
        QCOMPARE(names.size(), int(EngineError::Kind::Other) + 1);
    }
};

QTEST_GUILESS_MAIN(TestEngineError)
#include "tst_engineerror.moc"
