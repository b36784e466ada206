// terminalSafe(): headless messages can carry an engine's or a container's words, and no control
// character reaches the terminal raw.
#include "StatusLine.h"

#include <QtTest>

using namespace Qt::StringLiterals;

class TestTerminalSafe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Headless messages can carry an engine's or a container's words: no control character
    // reaches the terminal raw.
    void terminalSafeMessages_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << u"task failed: HTTP 501"_s << u"task failed: HTTP 501"_s;
        QTest::newRow("tab kept") << u"a\tb"_s << u"a\tb"_s;
        QTest::newRow("ANSI colour") << u"\x1b[31mred\x1b[0m"_s << u"\\x1b[31mred\\x1b[0m"_s;
        QTest::newRow("title change and bell") << u"\x1b]0;owned\x07"_s << u"\\x1b]0;owned\\x07"_s;
        QTest::newRow("newline and CR") << u"a\nb\rc"_s << u"a\nb\\x0dc"_s;
        QTest::newRow("DEL and C1 CSI") << u"x\x7f\u009b2J"_s << u"x\\x7f\\x9b2J"_s;
        QTest::newRow("non-ASCII text kept") << u"caf\u00e9 \u65e5\u672c"_s << u"caf\u00e9 \u65e5\u672c"_s;
    }
    void terminalSafeMessages()
    {
        QFETCH(QString, message);
        QFETCH(QString, shown);
        QCOMPARE(dockpulse::cli::terminalSafe(message), shown);
    }
};

QTEST_GUILESS_MAIN(TestTerminalSafe)
#include "tst_terminalsafe.moc"
