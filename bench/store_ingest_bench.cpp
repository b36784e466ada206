// Ingest into the store alone (issue 13: at least 300,000 lines/s, above the engine's ~175,000):
// LINES log lines of ~75 bytes, in batches of BATCH as a monitor delivers them, spread over
// CONTAINERS containers, through StoreWriter into a fresh store in DIR; timed from the first
// append to the flush that commits the last. Then the store's bytes per raw byte (after the
// close has checkpointed the WAL into the file), the time to open it again (lock, quick_check,
// schema) and to read every line back through StoreReader's pages.
// The search index is built in the writer's idle time (docs/STORE.md, "The search index"):
// INDEX=1 (the default) then waits for it to catch up after the flush and times that; INDEX=0
// turns indexing off. RATE > 0 paces the appends at RATE lines/s (an engine's pace rather than
// as fast as possible) and prints how far the index lagged meanwhile.
//   store_ingest_bench [LINES=1000000] [BATCH=500] [CONTAINERS=1] [DIR=a temporary folder]
//                      [INDEX=1] [RATE=0]
#include "ProcessCpu.h"
#include "StoreBenchLines.h"
#include "StoreFile.h"
#include "StoreReader.h"
#include "StoreWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using namespace dockpulse::store;

namespace {

qint64 storeBytes(const QString& path)
{
    qint64 total = 0;
    for (const QString& suffix : {u""_s, u"-wal"_s, u"-shm"_s})
        total += QFileInfo(path + suffix).size();
    return total;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 lineTotal = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
    const qint64 batchLines = argc > 2 ? QByteArray(argv[2]).toLongLong() : 500;
    const int containerCount = argc > 3 ? QByteArray(argv[3]).toInt() : 1;
    QTemporaryDir temporary;
    const QString dir = argc > 4 ? QString::fromLocal8Bit(argv[4]) : temporary.path();
    const QString path = QDir(dir).filePath(u"ingest-bench.sqlite"_s);
    const bool indexing = argc > 5 ? QByteArray(argv[5]).toInt() != 0 : true;
    const qint64 rate = argc > 6 ? QByteArray(argv[6]).toLongLong() : 0;
    for (const QString& suffix : {u""_s, u"-wal"_s, u"-shm"_s, u".lock"_s})
        QFile::remove(path + suffix);

    QList<ContainerRef> containers;
    for (int c = 0; c < containerCount; ++c)
        containers << ContainerRef{u"unix:///var/run/docker.sock"_s,
                                   QString::number(c).rightJustified(64, u'c')};

    // Built before the clock starts: the monitor hands the store finished batches.
    QList<docker::LogBatch> batches;
    qint64 rawBytes = 0;
    const qint64 startNs = 1'764'633'600'000'000'000LL;
    for (qint64 first = 0; first < lineTotal; first += batchLines) {
        docker::LogBatch batch;
        const qint64 count = std::min(batchLines, lineTotal - first);
        batch.reserve(count, count * 80);
        for (qint64 n = first; n < first + count; ++n)
            batch.append(startNs + n * 5000,
                         n % 10 == 9 ? docker::LogStreamKind::Stderr : docker::LogStreamKind::Stdout,
                         logLine(n));
        rawBytes += batch.byteSize();
        batches << std::move(batch);
    }

    double ingestSeconds = 0;
    double ingestCpu = 0;
    double indexSeconds = 0;
    qint64 lagAtFlush = 0;
    qint64 maxLag = 0;
    {
        // Retention as by default, but for the age budget: these lines are stamped from
        // 2025-12-02 on and would be pruned as older than 30 days.
        StoreWriterSettings settings;
        settings.maxAgeMs = 0;
        if (!indexing)
            settings.indexLinesPerTransaction = 0;
        auto writer = StoreWriter::open(path, settings);
        if (!writer) {
            std::fprintf(stderr, "%s\n", qPrintable(writer.error().message));
            return 1;
        }
        const double cpuBefore = cpuSeconds();
        QElapsedTimer clock;
        clock.start();
        qint64 appended = 0;
        for (qsizetype b = 0; b < batches.size(); ++b) {
            appended += batches[b].size();
            writer.value()->append(containers[int(b % containerCount)], batches[b],
                                   QByteArray::number(appended));
            if (rate > 0) {
                const qint64 dueNs = appended * 1'000'000'000 / rate;
                while (clock.nsecsElapsed() < dueNs)
                    QThread::usleep(std::max<qint64>(1, (dueNs - clock.nsecsElapsed()) / 1000));
                if (b % 64 == 0)
                    maxLag = std::max(maxLag, writer.value()->status().indexLag);
            }
        }
        if (!writer.value()->flush()) {
            std::fprintf(stderr, "%s\n", qPrintable(writer.value()->status().error));
            return 1;
        }
        ingestSeconds = double(clock.nsecsElapsed()) / 1e9;
        ingestCpu = cpuSeconds() - cpuBefore;
        lagAtFlush = writer.value()->status().indexLag;
        std::printf("commits            %lld\n", static_cast<long long>(writer.value()->status().commits));
        if (indexing) {
            QElapsedTimer indexClock;
            indexClock.start();
            if (!writer.value()->waitForIndex()) {
                std::fprintf(stderr, "%s\n", qPrintable(writer.value()->status().indexError));
                return 1;
            }
            indexSeconds = double(indexClock.nsecsElapsed()) / 1e9;
        }
    }
    const qint64 bytesOnDisk = storeBytes(path);

    QElapsedTimer clock;
    clock.start();
    {
        auto reopened = openWritableStore(path);
        if (!reopened) {
            std::fprintf(stderr, "%s\n", qPrintable(reopened.error().message));
            return 1;
        }
    }
    const double openSeconds = double(clock.nsecsElapsed()) / 1e9;

    clock.start();
    auto reader = StoreReader::open(path);
    if (!reader) {
        std::fprintf(stderr, "%s\n", qPrintable(reader.error().message));
        return 1;
    }
    qint64 read = 0;
    for (const ContainerRef& container : containers) {
        LinePosition after;
        for (;;) {
            auto page = reader.value()->lines(container, after, 10'000);
            if (!page || page.value().isEmpty())
                break;
            read += page.value().size();
            after = page.value().constLast().position();
        }
    }
    const double readSeconds = double(clock.nsecsElapsed()) / 1e9;

    std::printf("lines              %lld in batches of %lld over %d container(s), %.1f bytes a line\n",
                static_cast<long long>(lineTotal), static_cast<long long>(batchLines), containerCount,
                double(rawBytes) / double(lineTotal));
    std::printf("ingest             %.3f s wall, %.3f s CPU: %.0f lines/s\n", ingestSeconds, ingestCpu,
                double(lineTotal) / ingestSeconds);
    if (indexing) {
        std::printf("index              %lld lines behind at the flush (at most %lld seen while paced); "
                    "caught up in %.3f s: %.0f lines/s\n",
                    static_cast<long long>(lagAtFlush), static_cast<long long>(maxLag), indexSeconds,
                    indexSeconds > 0 ? double(lagAtFlush) / indexSeconds : 0.0);
    } else {
        std::printf("index              off\n");
    }
    std::printf("store size         %.1f MB for %.1f MB raw: %.2f bytes per raw byte\n",
                double(bytesOnDisk) / 1e6, double(rawBytes) / 1e6, double(bytesOnDisk) / double(rawBytes));
    std::printf("reopen             %.3f s (lock, quick_check, schema)\n", openSeconds);
    std::printf("read back          %lld lines in %.3f s: %.0f lines/s\n", static_cast<long long>(read),
                readSeconds, double(read) / readSeconds);
    return read == lineTotal ? 0 : 1;
}
