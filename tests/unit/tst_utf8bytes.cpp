// What counts as UTF-8 (RFC 3629) in a log line, logs.csv's escaped form of what does not, and
// where a long line may be cut without splitting a character.
#include "Utf8Bytes.h"
#include "Utf8Check.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;

namespace {

QByteArray escaped(QByteArrayView bytes)
{
    QByteArray out;
    utf8::appendEscaped(out, bytes);
    return out;
}

} // namespace

class TestUtf8Bytes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validity_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("escapedForm");
        QTest::newRow("empty") << QByteArray() << true << QByteArray();
        QTest::newRow("ascii, NUL, controls") << "a\0\x1b[1m\x7f"_ba << true << "a\0\x1b[1m\x7f"_ba;
        QTest::newRow("backslash doubled") << "a\\xff"_ba << true << "a\\\\xff"_ba;
        QTest::newRow("2, 3, 4 bytes")
            << "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"_ba << true << "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"_ba;
        QTest::newRow("max code point") << "\xf4\x8f\xbf\xbf"_ba << true << "\xf4\x8f\xbf\xbf"_ba;
        QTest::newRow("ff fe") << "\xff\xfe"_ba << false << "\\xff\\xfe"_ba;
        QTest::newRow("lone tail") << "a\x80z"_ba << false << "a\\x80z"_ba;
        QTest::newRow("overlong c0 af") << "\xc0\xaf"_ba << false << "\\xc0\\xaf"_ba;
        QTest::newRow("overlong e0 80 af") << "\xe0\x80\xaf"_ba << false << "\\xe0\\x80\\xaf"_ba;
        QTest::newRow("surrogate ed a0 80") << "\xed\xa0\x80"_ba << false << "\\xed\\xa0\\x80"_ba;
        QTest::newRow("above U+10FFFF") << "\xf4\x90\x80\x80"_ba << false << "\\xf4\\x90\\x80\\x80"_ba;
        QTest::newRow("f5") << "\xf5\x80\x80\x80"_ba << false << "\\xf5\\x80\\x80\\x80"_ba;
        QTest::newRow("truncated at the end") << "ok\xe2\x82"_ba << false << "ok\\xe2\\x82"_ba;
        QTest::newRow("truncated, then ascii") << "\xe2\x82z"_ba << false << "\\xe2\\x82z"_ba;
        QTest::newRow("invalid and backslash") << "\\\xff\\"_ba << false << "\\\\\\xff\\\\"_ba;
        QTest::newRow("valid kept among invalid")
            << "\xff\xc3\xa9\xff"_ba << false << "\\xff\xc3\xa9\\xff"_ba;
    }
    void validity()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QFETCH(QByteArray, escapedForm);
        QCOMPARE(utf8::isValid(bytes), valid);
        QCOMPARE(dockpulse::test::isStrictUtf8(bytes), valid);
        const QByteArray e = escaped(bytes);
        QCOMPARE(e, escapedForm);
        QVERIFY(utf8::isValid(e));
        QVERIFY(dockpulse::test::isStrictUtf8(e));
        QCOMPARE(dockpulse::test::unescapeLogsCsv(e), bytes);
    }

    // Each kind of bad byte at every position of a text with characters of every length and a
    // backslash, also past the 8-byte ASCII fast path: never valid, escaped form valid UTF-8, and
    // back to the exact bytes.
    void invalidAtEveryPosition_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::newRow("ff") << "\xff"_ba;
        QTest::newRow("lone tail") << "\xbf"_ba;
        QTest::newRow("truncated 3-byte") << "\xe2\x82"_ba;
        QTest::newRow("surrogate") << "\xed\xb0\x80"_ba;
        QTest::newRow("overlong") << "\xc1\xbf"_ba;
    }
    void invalidAtEveryPosition()
    {
        QFETCH(QByteArray, bad);
        const QByteArray text = "plain ascii text \\ caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 end of it"_ba;
        for (qsizetype at = 0; at <= text.size(); ++at) {
            const QByteArray bytes = text.left(at) + bad + text.mid(at);
            QVERIFY2(!utf8::isValid(bytes), qPrintable(u"at %1"_s.arg(at)));
            const QByteArray e = escaped(bytes);
            QVERIFY2(dockpulse::test::isStrictUtf8(e), qPrintable(u"at %1"_s.arg(at)));
            QVERIFY2(dockpulse::test::unescapeLogsCsv(e) == bytes, qPrintable(u"at %1"_s.arg(at)));
        }
    }

    void sequenceLengths()
    {
        QCOMPARE(utf8::sequenceLength(""), 0);
        QCOMPARE(utf8::sequenceLength("a"), 1);
        QCOMPARE(utf8::sequenceLength("\xc3\xa9"), 2);
        QCOMPARE(utf8::sequenceLength("\xc3"), 0); // ends inside
        QCOMPARE(utf8::sequenceLength("\xe2\x82\xac"), 3);
        QCOMPARE(utf8::sequenceLength("\xf0\x9f\x98\x80"), 4);
        QCOMPARE(utf8::sequenceLength("\xf0\x9f\x98"), 0);
        QCOMPARE(utf8::sequenceLength("\x80"), 0);
    }

    // A cut never splits a well-formed character, but bytes that are not UTF-8 are cut anywhere.
    void cutBetweenCharacters_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qsizetype>("at");
        QTest::addColumn<qsizetype>("expected");
        QTest::newRow("ascii") << "abcdef"_ba << qsizetype(3) << qsizetype(3);
        QTest::newRow("inside 2-byte") << "ab\xc3\xa9z"_ba << qsizetype(3) << qsizetype(2);
        QTest::newRow("after 2-byte") << "ab\xc3\xa9z"_ba << qsizetype(4) << qsizetype(4);
        QTest::newRow("inside 3-byte, 1 in") << "a\xe2\x82\xacz"_ba << qsizetype(2) << qsizetype(1);
        QTest::newRow("inside 3-byte, 2 in") << "a\xe2\x82\xacz"_ba << qsizetype(3) << qsizetype(1);
        QTest::newRow("inside 4-byte, 3 in") << "a\xf0\x9f\x98\x80z"_ba << qsizetype(4) << qsizetype(1);
        QTest::newRow("character at the start: cut anyway")
            << "\xf0\x9f\x98\x80z"_ba << qsizetype(2) << qsizetype(2);
        QTest::newRow("invalid lead") << "a\xe2\x28\xa1z"_ba << qsizetype(2) << qsizetype(2);
        QTest::newRow("lone tails") << "a\x80\x80\x80\x80z"_ba << qsizetype(3) << qsizetype(3);
    }
    void cutBetweenCharacters()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, at);
        QFETCH(qsizetype, expected);
        QCOMPARE(utf8::cutBefore(bytes, at), expected);
    }
};

QTEST_APPLESS_MAIN(TestUtf8Bytes)
#include "tst_utf8bytes.moc"
