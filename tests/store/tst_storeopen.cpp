// Opening a store: an empty or v0 file is migrated to v1; a newer schema is refused and left
// alone; garbage and truncated files are refused and moved aside, and the next open starts
// afresh; a second writer is refused with the holder's pid; a path that cannot be a file says so.
#include "StoreFile.h"
#include "StoreReader.h"
#include "StoreSchema.h"
#include "StoreTestSupport.h"
#include "StoreWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using namespace dockpulse::store;

namespace {

qint64 userVersion(const QString& path)
{
    auto raw = SqliteConnection::open(path, SQLITE_OPEN_READWRITE);
    if (!raw)
        return -1;
    return raw.value()->queryInt64("PRAGMA user_version", u"test"_s).value();
}

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

QStringList asideFiles(const QString& dir)
{
    return QDir(dir).entryList({u"history.sqlite.corrupt-*"_s}, QDir::Files, QDir::Name);
}

} // namespace

class TestStoreOpen : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newAndEmptyFilesGetSchemaV1()
    {
        QTemporaryDir dir;
        // A path in folders that do not exist yet: the default ~/.local/share/dockpulse/ on a
        // first run.
        const QString fresh = dir.filePath(u"a/b/history.sqlite"_s);
        QVERIFY(StoreWriter::open(fresh, storetest::keepAll()));
        QCOMPARE(userVersion(fresh), kStoreSchemaVersion);

        const QString empty = dir.filePath(u"empty.sqlite"_s);
        writeFile(empty, QByteArray());
        QCOMPARE(userVersion(empty), 0);
        {
            auto writer = StoreWriter::open(empty, storetest::keepAll());
            QVERIFY2(writer, writer ? "" : qPrintable(writer.error().message));
            writer.value()->append(storetest::kContainer, storetest::numberedBatch(1, 3), "3"_ba);
            QVERIFY(writer.value()->flush());
        }
        QCOMPARE(userVersion(empty), kStoreSchemaVersion);
        QCOMPARE(StoreReader::open(empty).value()->lineCount().value(), 3);

        // Reopening a v1 store migrates nothing and keeps its lines.
        QVERIFY(StoreWriter::open(empty, storetest::keepAll()));
        QCOMPARE(StoreReader::open(empty).value()->lineCount().value(), 3);
        auto raw = SqliteConnection::open(empty, SQLITE_OPEN_READWRITE);
        QCOMPARE(raw.value()->queryText("PRAGMA journal_mode", u"test"_s).value(), u"wal"_s);
        QCOMPARE(raw.value()->queryInt64("PRAGMA page_size", u"test"_s).value(), 16384);
    }

    void newerSchemaIsRefusedAndLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        {
            auto raw = SqliteConnection::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            QVERIFY(!raw.value()->exec("CREATE TABLE future (x); PRAGMA user_version = 99", u"test"_s));
        }
        const QByteArray before = contents(path);
        auto writer = StoreWriter::open(path, storetest::keepAll());
        QVERIFY(!writer);
        QCOMPARE(writer.error().kind, StoreErrorKind::NewerSchema);
        QVERIFY2(writer.error().message.contains(path), qPrintable(writer.error().message));
        QVERIFY2(writer.error().message.contains(u"99"_s), qPrintable(writer.error().message));
        QCOMPARE(contents(path), before);
        QVERIFY(asideFiles(dir.path()).isEmpty());
        QCOMPARE(userVersion(path), 99);
        // The reader refuses it too.
        auto reader = StoreReader::open(path);
        QVERIFY(!reader);
        QCOMPARE(reader.error().kind, StoreErrorKind::NewerSchema);
    }

    void garbageIsRefusedMovedAsideAndReplaced()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        QByteArray garbage;
        for (int i = 0; i < 8192; ++i)
            garbage.append(char(i * 37 + 11));
        writeFile(path, garbage);

        auto refused = StoreWriter::open(path, storetest::keepAll());
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreErrorKind::Corrupt);
        QVERIFY2(refused.error().message.contains(path), qPrintable(refused.error().message));
        const QStringList aside = asideFiles(dir.path());
        QCOMPARE(aside.size(), 1);
        QVERIFY2(refused.error().message.contains(aside.first()), qPrintable(refused.error().message));
        QCOMPARE(contents(dir.filePath(aside.first())), garbage); // moved, not changed or deleted
        QVERIFY(!QFile::exists(path));

        auto fresh = StoreWriter::open(path, storetest::keepAll());
        QVERIFY2(fresh, fresh ? "" : qPrintable(fresh.error().message));
        QCOMPARE(userVersion(path), kStoreSchemaVersion);
    }

    void truncatedStoreIsRefusedAndMovedAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        {
            auto writer = StoreWriter::open(path, storetest::keepAll());
            QVERIFY(writer);
            for (qint64 first = 1; first <= 20'000; first += 1000)
                writer.value()->append(storetest::kContainer, storetest::numberedBatch(first, 1000),
                                       QByteArray::number(first + 999));
            QVERIFY(writer.value()->flush());
        } // the last connection's close checkpoints the WAL into the file
        QVERIFY(!QFile::exists(path + u"-wal"_s));
        const qint64 size = QFileInfo(path).size();
        QVERIFY2(size > 1'000'000, qPrintable(QString::number(size)));
        QFile file(path);
        QVERIFY(file.resize(size * 6 / 10 / 4096 * 4096)); // whole pages lost from the end
        file.close();

        auto refused = StoreWriter::open(path, storetest::keepAll());
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreErrorKind::Corrupt);
        QVERIFY2(refused.error().message.contains(path), qPrintable(refused.error().message));
        qInfo("%s", qPrintable(refused.error().message));
        QCOMPARE(asideFiles(dir.path()).size(), 1);
        auto fresh = StoreWriter::open(path, storetest::keepAll());
        QVERIFY(fresh);
        QCOMPARE(StoreReader::open(path).value()->lineCount().value(), 0);
    }

    void secondWriterIsRefusedWithTheHoldersPid()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        auto first = StoreWriter::open(path, storetest::keepAll());
        QVERIFY(first);
        // flock() locks belong to an open file description: a second open in this process
        // conflicts exactly as another process's would.
        auto second = StoreWriter::open(path, storetest::keepAll());
        QVERIFY(!second);
        QCOMPARE(second.error().kind, StoreErrorKind::InUse);
        const QString pid = QString::number(QCoreApplication::applicationPid());
        QVERIFY2(second.error().message.contains(u"process "_s + pid), qPrintable(second.error().message));
        QVERIFY2(second.error().message.contains(path), qPrintable(second.error().message));
        // A reader is welcome meanwhile.
        QVERIFY(StoreReader::open(path));
        // Once the first writer closes, the store opens again.
        first.value().reset();
        QVERIFY(StoreWriter::open(path, storetest::keepAll()));
    }

    void pathThatCannotBeAFileSaysSo()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"plainfile"_s), "x"_ba);
        const QString underAFile = dir.filePath(u"plainfile/history.sqlite"_s);
        auto writer = StoreWriter::open(underAFile, storetest::keepAll());
        QVERIFY(!writer);
        QCOMPARE(writer.error().kind, StoreErrorKind::CannotOpen);
        QVERIFY2(writer.error().message.contains(underAFile), qPrintable(writer.error().message));

        auto folder = StoreWriter::open(dir.path());
        QVERIFY(!folder);
        QCOMPARE(folder.error().kind, StoreErrorKind::CannotOpen);

        auto missing = StoreReader::open(dir.filePath(u"missing.sqlite"_s));
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(u"missing.sqlite"_s));
    }
};

QTEST_GUILESS_MAIN(TestStoreOpen)
#include "tst_storeopen.moc"
