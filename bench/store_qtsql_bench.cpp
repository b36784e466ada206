// The comparison behind docs/DESIGN.md's choice of SQLite's C API for the store: the same lines
// as store_ingest_bench inserted through Qt SQL's QSQLITE driver (the same libsqlite3), with the
// store's pragmas and a prepared statement, 20,000 rows a transaction (the writer's flush size).
// Only the insert is timed; store_ingest_bench times the whole writer. Run them alternately.
//   store_qtsql_bench [LINES=1000000]
#include "ProcessCpu.h"
#include "StoreBenchLines.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 lineTotal = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
    QTemporaryDir dir;
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s);
    db.setDatabaseName(dir.filePath(u"qtsql-bench.sqlite"_s));
    if (!db.open()) {
        std::fprintf(stderr, "%s\n", qPrintable(db.lastError().text()));
        return 1;
    }
    QSqlQuery setup(db);
    for (const QString& sql : {u"PRAGMA page_size=16384"_s, u"PRAGMA journal_mode=WAL"_s,
                               u"PRAGMA synchronous=NORMAL"_s, u"PRAGMA cache_size=-65536"_s,
                               u"CREATE TABLE log_lines (id INTEGER PRIMARY KEY, container INTEGER NOT NULL, "
                               u"ts_ns INTEGER NOT NULL, "
                               u"stream INTEGER NOT NULL, piece INTEGER NOT NULL, bytes BLOB NOT NULL)"_s}) {
        if (!setup.exec(sql)) {
            std::fprintf(stderr, "%s\n", qPrintable(setup.lastError().text()));
            return 1;
        }
    }
    QList<QByteArray> lines;
    lines.reserve(lineTotal);
    for (qint64 n = 0; n < lineTotal; ++n)
        lines << logLine(n);

    QSqlQuery insert(db);
    insert.prepare(
        u"INSERT INTO log_lines (container, ts_ns, stream, piece, bytes) VALUES (?, ?, ?, ?, ?)"_s);
    const double cpuBefore = cpuSeconds();
    QElapsedTimer clock;
    clock.start();
    for (qint64 first = 0; first < lineTotal; first += 20'000) {
        db.transaction();
        for (qint64 n = first; n < std::min(lineTotal, first + 20'000); ++n) {
            insert.bindValue(0, 1);
            insert.bindValue(1, 1'764'633'600'000'000'000LL + n * 5000);
            insert.bindValue(2, n % 10 == 9 ? 2 : 1);
            insert.bindValue(3, 0);
            insert.bindValue(4, lines[n]);
            if (!insert.exec()) {
                std::fprintf(stderr, "%s\n", qPrintable(insert.lastError().text()));
                return 1;
            }
        }
        db.commit();
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    std::printf("QSQLITE insert     %.3f s wall, %.3f s CPU: %.0f lines/s\n", seconds,
                cpuSeconds() - cpuBefore, double(lineTotal) / seconds);
    return 0;
}
