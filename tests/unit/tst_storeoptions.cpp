// The history options: --store, --no-store and the retention budgets --store-max-size and
// --store-max-age.
#include "CommandLine.h"
#include "CommandLineTestSupport.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using clitest::cmd;
using dockpulse::cli::CommandLineResult;
using dockpulse::cli::parseCommandLine;

class TestStoreOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void storeOptions()
    {
        CommandLineResult r = parseCommandLine(cmd({u"--store"_s, u"/tmp/h.sqlite"_s}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.options.storePath, u"/tmp/h.sqlite"_s);
        QVERIFY(!r.options.noStore);
        r = parseCommandLine(cmd({u"--no-store"_s}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.options.noStore);
        QVERIFY(r.options.storePath.isEmpty());
        r = parseCommandLine(cmd({u"--store"_s, u"/tmp/h.sqlite"_s, u"--no-store"_s}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.messages.join(u'\n').contains(u"--store and --no-store"_s),
                 qPrintable(r.messages.join(u'\n')));
        r = parseCommandLine(cmd({u"--store"_s, u""_s}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.messages.join(u'\n').contains(u"--store: the value is empty"_s),
                 qPrintable(r.messages.join(u'\n')));
    }

    // --store-max-size and --store-max-age: the retention budgets, 0 for none.
    void retentionOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<qint64>("maxBytes"); // -1: not given
        QTest::addColumn<qint64>("maxAgeMs");
        QTest::addColumn<QString>("error"); // empty: accepted
        const qint64 day = 24LL * 3600 * 1000;
        QTest::newRow("none given") << QStringList{} << qint64(-1) << qint64(-1) << QString();
        QTest::newRow("gibibytes") << QStringList{u"--store-max-size"_s, u"2G"_s} << (qint64(2) << 30)
                                   << qint64(-1) << QString();
        QTest::newRow("mebibytes, long suffix") << QStringList{u"--store-max-size"_s, u"500MiB"_s}
                                                << qint64(500) * (1 << 20) << qint64(-1) << QString();
        QTest::newRow("kibibytes, lower case")
            << QStringList{u"--store-max-size=2048k"_s} << qint64(2048 * 1024) << qint64(-1) << QString();
        QTest::newRow("terabytes") << QStringList{u"--store-max-size"_s, u"1T"_s} << (qint64(1) << 40)
                                   << qint64(-1) << QString();
        QTest::newRow("size 0: no limit")
            << QStringList{u"--store-max-size"_s, u"0"_s} << qint64(0) << qint64(-1) << QString();
        QTest::newRow("days") << QStringList{u"--store-max-age"_s, u"7d"_s} << qint64(-1) << 7 * day
                              << QString();
        QTest::newRow("hours") << QStringList{u"--store-max-age"_s, u"12h"_s} << qint64(-1)
                               << qint64(12 * 3600 * 1000) << QString();
        QTest::newRow("minutes") << QStringList{u"--store-max-age"_s, u"90m"_s} << qint64(-1)
                                 << qint64(90 * 60 * 1000) << QString();
        QTest::newRow("age 0: no limit")
            << QStringList{u"--store-max-age"_s, u"0"_s} << qint64(-1) << qint64(0) << QString();
        QTest::newRow("size without a number") << QStringList{u"--store-max-size"_s, u"G"_s} << qint64(-1)
                                               << qint64(-1) << u"--store-max-size: \"G\" is not"_s;
        QTest::newRow("size unit unknown") << QStringList{u"--store-max-size"_s, u"2X"_s} << qint64(-1)
                                           << qint64(-1) << u"--store-max-size: \"2X\" is not"_s;
        QTest::newRow("size below 1 MiB")
            << QStringList{u"--store-max-size"_s, u"100k"_s} << qint64(-1) << qint64(-1) << u"at least 1M"_s;
        QTest::newRow("size too large") << QStringList{u"--store-max-size"_s, u"99999999T"_s} << qint64(-1)
                                        << qint64(-1) << u"too large"_s;
        QTest::newRow("age without a unit") << QStringList{u"--store-max-age"_s, u"30"_s} << qint64(-1)
                                            << qint64(-1) << u"--store-max-age: \"30\" is not"_s;
        QTest::newRow("age negative") << QStringList{u"--store-max-age"_s, u"-1d"_s} << qint64(-1)
                                      << qint64(-1) << u"--store-max-age: \"-1d\" is not"_s;
        QTest::newRow("with --no-store") << QStringList{u"--no-store"_s, u"--store-max-age"_s, u"1d"_s}
                                         << qint64(-1) << qint64(-1) << u"--store-max-age and --no-store"_s;
    }
    void retentionOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(qint64, maxBytes);
        QFETCH(qint64, maxAgeMs);
        QFETCH(QString, error);
        const CommandLineResult r = parseCommandLine(QStringList{u"dockpulse"_s} + args);
        if (!error.isEmpty()) {
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.messages.join(u'\n').contains(error), qPrintable(r.messages.join(u'\n')));
            return;
        }
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.options.storeMaxBytes.value_or(-1), maxBytes);
        QCOMPARE(r.options.storeMaxAgeMs.value_or(-1), maxAgeMs);
    }
};

QTEST_GUILESS_MAIN(TestStoreOptions)
#include "tst_storeoptions.moc"
