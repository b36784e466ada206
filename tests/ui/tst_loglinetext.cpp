#include "LogLineText.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::ui::AnsiStyle;
using dockpulse::ui::DisplayLine;
using dockpulse::ui::StyledSpan;
namespace LogLineText = dockpulse::ui::LogLineText;

namespace {

AnsiStyle indexed(int n, bool bold = false)
{
    AnsiStyle s;
    s.color = AnsiStyle::Color::Indexed;
    s.index = quint8(n);
    s.bold = bold;
    return s;
}

AnsiStyle rgb(int r, int g, int b)
{
    AnsiStyle s;
    s.color = AnsiStyle::Color::Rgb;
    s.rgb = qRgb(r, g, b);
    return s;
}

} // namespace

class TestLogLineText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void text_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QByteArray("hello world") << u"hello world"_s;
        QTest::newRow("utf-8") << QByteArray("h\xc3\xa9llo \xf0\x9f\x90\xb3") << u"héllo 🐳"_s;
        QTest::newRow("html stays literal") << QByteArray("<b>html</b> &amp;") << u"<b>html</b> &amp;"_s;
        // Each byte that is not UTF-8 as \xHH (marked by a span, see spans()): what the bytes were
        // stays visible.
        QTest::newRow("invalid utf-8") << QByteArray("a\xff"
                                                     "b")
                                       << u"a\\xffb"_s;
        QTest::newRow("truncated sequence") << QByteArray("ab\xe2\x82") << u"ab\\xe2\\x82"_s;
        QTest::newRow("surrogate bytes") << QByteArray("\xed\xa0\x80") << u"\\xed\\xa0\\x80"_s;
        QTest::newRow("invalid after an astral character")
            << QByteArray("\xf0\x90\x82\x80\x80") << u"\U00010080\\x80"_s;
        QTest::newRow("nul visible") << QByteArray("a\0b", 3) << u"a\u2400b"_s;
        QTest::newRow("tab kept") << QByteArray("a\tb") << u"a\tb"_s;
        QTest::newRow("newline visible") << QByteArray("a\nb") << u"a\u240Ab"_s;
        QTest::newRow("bell backspace del") << QByteArray("\x07\x08\x7f") << u"\u2407\u2408\u2421"_s;
        QTest::newRow("cr in the middle") << QByteArray("50%\r100%") << u"50%\u240D100%"_s;
        QTest::newRow("crlf ending") << QByteArray("done\r") << u"done"_s;
        QTest::newRow("two crs at the end") << QByteArray("x\r\r") << u"x\u240D"_s;
        QTest::newRow("sgr stripped") << QByteArray("\x1b[1;31mERROR\x1b[0m: x") << u"ERROR: x"_s;
        QTest::newRow("sgr empty") << QByteArray("\x1b[mA") << u"A"_s;
        QTest::newRow("cursor moves stripped") << QByteArray("\x1b[2K\x1b[1Gline\x1b[?25l") << u"line"_s;
        QTest::newRow("osc title bel") << QByteArray("\x1b]0;title\x07text") << u"text"_s;
        QTest::newRow("osc hyperlink st")
            << QByteArray("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\") << u"link"_s;
        QTest::newRow("charset") << QByteArray("\x1b(Bplain") << u"plain"_s;
        QTest::newRow("two-byte esc") << QByteArray("a\x1b"
                                                    "7b\x1b"
                                                    "8c")
                                      << u"abc"_s;
        QTest::newRow("dangling esc") << QByteArray("end\x1b") << u"end\u241B"_s;
        QTest::newRow("unterminated csi") << QByteArray("a\x1b[31") << u"a\u241B[31"_s;
        QTest::newRow("unterminated osc") << QByteArray("a\x1b]0;t") << u"a\u241B]0;t"_s;
        QTest::newRow("c1 control") << QByteArray("a\xc2\x85"
                                                  "b")
                                    << u"a\uFFFDb"_s;
        QTest::newRow("line separator") << QByteArray("a\xe2\x80\xa8"
                                                      "b\xe2\x80\xa9")
                                        << u"a\u2424b\u00B6"_s;
        QTest::newRow("empty") << QByteArray() << QString();
    }

    void text()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const DisplayLine line = LogLineText::toDisplay(bytes);
        QCOMPARE(line.text, expected);
        QCOMPARE(LogLineText::toPlainText(bytes), expected);
        // Nothing left that could break a row or drive a terminal.
        for (const QChar c : line.text) {
            const char16_t u = c.unicode();
            QVERIFY2(u == u'\t' ||
                         (u >= 0x20 && u != 0x7f && (u < 0x80 || u > 0x9f) && u != 0x2028 && u != 0x2029),
                     qPrintable(u"U+%1"_s.arg(int(u), 4, 16, QLatin1Char('0'))));
        }
    }

    void spans_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("starts");
        QTest::addColumn<QList<int>>("lengths");
        QTest::addColumn<QList<AnsiStyle>>("styles");
        QTest::newRow("red word") << QByteArray("a \x1b[31mred\x1b[0m b") << u"a red b"_s << QList<int>{2}
                                  << QList<int>{3} << QList<AnsiStyle>{indexed(1)};
        QTest::newRow("bold bright") << QByteArray("\x1b[1;92mok\x1b[39m!\x1b[22m.") << u"ok!."_s
                                     << QList<int>{0, 2} << QList<int>{2, 1}
                                     << QList<AnsiStyle>{indexed(10, true), [] {
                                                             AnsiStyle s;
                                                             s.bold = true;
                                                             return s;
                                                         }()};
        QTest::newRow("256 colours") << QByteArray("\x1b[38;5;208mx") << u"x"_s << QList<int>{0}
                                     << QList<int>{1} << QList<AnsiStyle>{indexed(208)};
        QTest::newRow("truecolor") << QByteArray("\x1b[38;2;10;20;30mx\x1b[m") << u"x"_s << QList<int>{0}
                                   << QList<int>{1} << QList<AnsiStyle>{rgb(10, 20, 30)};
        QTest::newRow("truecolor colon form")
            << QByteArray("\x1b[38:2::10:20:30mx") << u"x"_s << QList<int>{0} << QList<int>{1}
            << QList<AnsiStyle>{rgb(10, 20, 30)};
        QTest::newRow("background ignored") << QByteArray("\x1b[48;5;1;4mu") << u"u"_s << QList<int>{0}
                                            << QList<int>{1} << QList<AnsiStyle>{[] {
                                                   AnsiStyle s;
                                                   s.underline = true;
                                                   return s;
                                               }()};
        const auto invalid = [](AnsiStyle s) {
            s.invalidByte = true;
            return s;
        };
        QTest::newRow("invalid byte marked")
            << QByteArray("a\xff"
                          "b")
            << u"a\\xffb"_s << QList<int>{1} << QList<int>{4} << QList<AnsiStyle>{invalid({})};
        QTest::newRow("invalid byte in colour")
            << QByteArray("\x1b[31ma\xfe\xff") << u"a\\xfe\\xff"_s << QList<int>{0, 1, 5}
            << QList<int>{1, 4, 4} << QList<AnsiStyle>{indexed(1), invalid(indexed(1)), invalid(indexed(1))};
        QTest::newRow("no text no span") << QByteArray("\x1b[31m\x1b[0mplain") << u"plain"_s << QList<int>{}
                                         << QList<int>{} << QList<AnsiStyle>{};
    }

    void spans()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        QFETCH(QList<int>, starts);
        QFETCH(QList<int>, lengths);
        QFETCH(QList<AnsiStyle>, styles);
        const DisplayLine line = LogLineText::toDisplay(bytes);
        QCOMPARE(line.text, text);
        QCOMPARE(line.spans.size(), starts.size());
        for (qsizetype i = 0; i < starts.size(); ++i) {
            QCOMPARE(line.spans.at(i).start, starts.at(i));
            QCOMPARE(line.spans.at(i).length, lengths.at(i));
            QVERIFY(line.spans.at(i).style == styles.at(i));
        }
    }

    // Random bytes never crash the converter and never leave a raw control character.
    void fuzz()
    {
        QRandomGenerator rng(1234);
        static const char alphabet[] = "\x1b[];:0123456789m\x07\\()?ab\r\n\t\x7f\xc2\x9b\xff\xe2\x80\xa8";
        for (int round = 0; round < 2000; ++round) {
            QByteArray bytes;
            const int n = int(rng.bounded(40));
            for (int i = 0; i < n; ++i)
                bytes.append(alphabet[rng.bounded(int(sizeof(alphabet) - 1))]);
            const DisplayLine line = LogLineText::toDisplay(bytes);
            for (const QChar c : line.text) {
                QVERIFY(c.unicode() == u'\t' || (c.unicode() >= 0x20 && c.unicode() != 0x7f));
                QVERIFY(!c.isSurrogate()); // an invalid byte's mark never leaks out
            }
            for (const StyledSpan& s : line.spans)
                QVERIFY(s.start >= 0 && s.length > 0 && s.start + s.length <= line.text.size());
        }
    }
};

QTEST_GUILESS_MAIN(TestLogLineText)
#include "tst_loglinetext.moc"
