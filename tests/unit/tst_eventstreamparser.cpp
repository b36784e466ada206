#include "EventStreamParser.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse::docker;

namespace {

// One line per event (action|id|name|oldName|image|timeNs|exitCode), then one per error.
QStringList summary(const EventStreamParser::Output& out)
{
    QStringList s;
    for (const ContainerEvent& e : out.events) {
        s << QStringList{e.action,
                         e.id,
                         e.name,
                         e.oldName,
                         e.image,
                         QString::number(e.timeNs),
                         e.exitCode ? QString::number(*e.exitCode) : u"-"_s}
                 .join(u'|');
    }
    for (const QString& error : out.errors)
        s << u"error: "_s + error;
    return s;
}

QByteArray eventLine(const char* action, const char* id, const char* attributes, const char* time)
{
    return "{\"Type\":\"container\",\"Action\":\""_ba + action + "\",\"Actor\":{\"ID\":\"" + id +
           "\",\"Attributes\":{" + attributes + "}}," + time + "}\n";
}

} // namespace

class TestEventStreamParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QStringList>("expected");

        const QByteArray start = eventLine("start", "c1", "\"name\":\"web\",\"image\":\"nginx\"",
                                           "\"timeNano\":1795928650206123456");
        QTest::newRow("start") << start << QStringList{u"start|c1|web||nginx|1795928650206123456|-"_s};
        QTest::newRow("die with exit code")
            << eventLine("die", "c1", "\"name\":\"web\",\"exitCode\":\"137\"", "\"timeNano\":5")
            << QStringList{u"die|c1|web|||5|137"_s};
        QTest::newRow("rename keeps the old name without its slash")
            << eventLine("rename", "c1", "\"name\":\"new\",\"oldName\":\"/old\"", "\"timeNano\":7")
            << QStringList{u"rename|c1|new|old||7|-"_s};
        QTest::newRow("exec and health actions lose their detail")
            << eventLine("exec_start: sh -c ls", "c1", "\"name\":\"web\"", "\"timeNano\":1") +
                   eventLine("health_status: healthy", "c1", "\"name\":\"web\"", "\"timeNano\":2")
            << QStringList{u"exec_start|c1|web|||1|-"_s, u"health_status|c1|web|||2|-"_s};
        QTest::newRow("seconds only") << eventLine("stop", "c1", "", "\"time\":1795928650")
                                      << QStringList{u"stop|c1||||1795928650000000000|-"_s};
        // Found by fuzz_events: seconds that overflow nanoseconds were undefined behaviour.
        QTest::newRow("seconds too large for nanoseconds")
            << eventLine("die", "c1", "", "\"time\":179593572040924") << QStringList{u"die|c1||||0|-"_s};
        QTest::newRow("negative seconds")
            << eventLine("die", "c1", "", "\"time\":-5") << QStringList{u"die|c1||||0|-"_s};
        QTest::newRow("no time at all")
            << eventLine("pause", "c1", "", "\"x\":0") << QStringList{u"pause|c1||||0|-"_s};
        QTest::newRow("other object types are not container events")
            << "{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"ID\":\"n1\"}}\n"_ba
            << QStringList{};
        QTest::newRow("blank lines and CRLF")
            << "\n\r\n  \n"_ba + eventLine("start", "c1", "", "\"timeNano\":3").chopped(1) + "\r\n"
            << QStringList{u"start|c1||||3|-"_s};
        QTest::newRow("a bad line is reported and the stream goes on")
            << "{not json\n"_ba + eventLine("start", "c2", "", "\"timeNano\":4")
            << QStringList{u"start|c2||||4|-"_s, u"error: "_s};
        QTest::newRow("a JSON array is not an event")
            << "[1,2]\n"_ba << QStringList{u"error: an event from the engine is not a JSON object"_s};
        QTest::newRow("an event without Actor.ID")
            << "{\"Type\":\"container\",\"Action\":\"start\",\"Actor\":{}}\n"_ba
            << QStringList{u"error: a container event from the engine has no Actor.ID"_s};
        QTest::newRow("an unfinished last line waits for its newline")
            << eventLine("start", "c1", "", "\"timeNano\":1") + "{\"Type\":\"container\""
            << QStringList{u"start|c1||||1|-"_s};
    }

    // Whole, split at every byte boundary, and byte by byte: the same events and errors.
    void parse()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QStringList, expected);

        const auto parsePieces = [&](const QList<qsizetype>& cuts) {
            EventStreamParser parser;
            EventStreamParser::Output out;
            qsizetype from = 0;
            for (const qsizetype cut : cuts) {
                const QByteArray piece = stream.mid(from, cut - from); // its own allocation
                parser.feed(piece, out);
                from = cut;
            }
            parser.feed(stream.mid(from), out);
            return summary(out);
        };
        const QStringList whole = parsePieces({});
        // Error texts come from Qt's JSON parser for invalid JSON: compare their start only.
        QCOMPARE(whole.size(), expected.size());
        for (qsizetype i = 0; i < whole.size(); ++i)
            QVERIFY2(whole[i].startsWith(expected[i]), qPrintable(whole[i] + u" vs "_s + expected[i]));
        for (qsizetype cut = 1; cut < stream.size(); ++cut)
            QCOMPARE(parsePieces({cut}), whole);
        QList<qsizetype> bytewise;
        for (qsizetype i = 1; i < stream.size(); ++i)
            bytewise << i;
        QCOMPARE(parsePieces(bytewise), whole);
    }

    void overlongLineIsSkippedAndTheNextEventParsed()
    {
        EventStreamParser parser;
        EventStreamParser::Output out;
        const QByteArray huge(EventStreamParser::kMaxLine + 10, 'x');
        // Arrives in pieces, as a socket delivers it: memory stays bounded by kMaxLine.
        for (qsizetype i = 0; i < huge.size(); i += 65536)
            parser.feed(QByteArrayView(huge).sliced(i, std::min<qsizetype>(65536, huge.size() - i)), out);
        parser.feed("\n", out);
        parser.feed(eventLine("start", "c9", "", "\"timeNano\":9"), out);
        QCOMPARE(summary(out),
                 (QStringList{u"start|c9||||9|-"_s, u"error: an event longer than %1 bytes was skipped"_s.arg(
                                                        EventStreamParser::kMaxLine)}));
    }

    void resetDropsAHalfLine()
    {
        EventStreamParser parser;
        EventStreamParser::Output out;
        parser.feed("{\"Type\":\"conta", out);
        parser.reset(); // the events stream reconnected: the old half line is no prefix of anything
        parser.feed(eventLine("start", "c1", "", "\"timeNano\":1"), out);
        QCOMPARE(summary(out), QStringList{u"start|c1||||1|-"_s});
    }
};

QTEST_GUILESS_MAIN(TestEventStreamParser)
#include "tst_eventstreamparser.moc"
