// The crash property: a writer appends numbered lines as fast as it can, with "the number of the
// last line" as each batch's cursor, and is killed with SIGKILL at random moments. After each
// kill the store holds exactly lines 1..N, no gap and no repeat, and the stored cursor says N:
// a prefix of what was delivered, and the cursor that covers exactly that prefix. Each new writer
// resumes from the stored cursor, as dockpulse will after a crash.
//
// The writer is this program again, started with --append-forever PATH.
#include "SanitizerShare.h"
#include "StoreReader.h"
#include "StoreTestSupport.h"
#include "StoreWriter.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using namespace dockpulse::store;

namespace {

constexpr qint64 kBatchLines = 500; // about one decoded read of a busy container

// The child: resume from the stored cursor, then append until killed.
int appendForever(const QString& path)
{
    qint64 last = 0;
    if (QFile::exists(path)) {
        auto reader = StoreReader::open(path);
        if (!reader) {
            std::fprintf(stderr, "%s\n", qPrintable(reader.error().message));
            return 2;
        }
        auto cursor = reader.value()->cursor(storetest::kContainer);
        if (cursor && cursor.value())
            last = cursor.value()->cursor.toLongLong();
    }
    auto writer = StoreWriter::open(path, storetest::keepAll());
    if (!writer) {
        std::fprintf(stderr, "%s\n", qPrintable(writer.error().message));
        return 2;
    }
    std::printf("ready %lld\n", static_cast<long long>(last));
    std::fflush(stdout);
    for (;;) {
        writer.value()->append(storetest::kContainer, storetest::numberedBatch(last + 1, kBatchLines),
                               QByteArray::number(last + kBatchLines));
        last += kBatchLines;
    }
}

} // namespace

class TestStoreCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedWriterLeavesAPrefixAndItsCursor()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("seed %u", seed);
        QRandomGenerator random(seed);

        qint64 verified = 0;        // lines 1..verified checked in earlier rounds
        LinePosition afterVerified; // the position of line `verified`
        QList<qint64> storedAfterKill;
        constexpr int kKills = 12;
        for (int round = 0; round < kKills; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(), {u"--append-forever"_s, path});
            QVERIFY(child.waitForStarted(5000));
            QVERIFY2(child.waitForReadyRead(10000), "the writer never said ready");
            const QByteArray ready = child.readLine().trimmed();
            // The child resumed from what the last round left: the stored cursor.
            QCOMPARE(ready, "ready "_ba + QByteArray::number(verified));
            // Anywhere from before the first commit (100 ms) to several commits in. Under
            // ThreadSanitizer the first commit came 300 to 600 ms after "ready" (every one of 12
            // kills within 400 ms found 0 lines): five times the window there.
            QTest::qWait(int(random.bounded(20, dockpulse::test::sanitizerStretch(400, 5))));
            QCOMPARE(child.state(), QProcess::Running);
            child.kill(); // SIGKILL
            QVERIFY(child.waitForFinished(5000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);

            auto reader = StoreReader::open(path);
            QVERIFY2(reader, reader ? "" : qPrintable(reader.error().message));
            StoreReader& r = *reader.value();
            auto cursor = r.cursor(storetest::kContainer);
            QVERIFY(cursor);
            const qint64 n = cursor.value() ? cursor.value()->cursor.toLongLong() : 0;
            QVERIFY2(n >= verified, "the stored cursor went back");
            if (cursor.value())
                QCOMPARE(cursor.value()->linesCovered, n);
            // No more and no fewer lines than the cursor says, in the chunks and in the table...
            QCOMPARE(r.lineCount(storetest::kContainer).value(), n);
            QCOMPARE(r.lineCount().value(), n);
            // ...and the new ones are exactly verified+1..n in order (the earlier ones were
            // checked in earlier rounds; the count shows none were added among them).
            const QList<StoredLine> fresh =
                storetest::readLines(r, storetest::kContainer, afterVerified, 50'000);
            QCOMPARE(fresh.size(), n - verified);
            for (qsizetype i = 0; i < fresh.size(); ++i) {
                if (fresh[i].bytes != storetest::numberedLine(verified + 1 + i))
                    QFAIL(qPrintable(u"round %1: line %2 is \"%3\""_s.arg(round)
                                         .arg(verified + 1 + i)
                                         .arg(QString::fromLatin1(fresh[i].bytes))));
            }
            if (!fresh.isEmpty())
                afterVerified = fresh.constLast().position();
            verified = n;
            storedAfterKill << n;
        }
        qInfo("lines stored after each kill: %s", qPrintable(storetest::joined(storedAfterKill)));
        // Some kills landed after commits, not all before the first one (the figures above show
        // how many rounds added lines).
        QVERIFY(verified > 0);
    }
};

int main(int argc, char** argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--append-forever") == 0) {
        QCoreApplication app(argc, argv);
        return appendForever(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestStoreCrash test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_storecrash.moc"
