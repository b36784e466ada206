// Work on the GUI thread, measured: (1) a selection change of the log view (LogModel::rebuild,
// the newest `retention` lines of the selected tasks merged) for 1..64 tasks; (2) find next over
// many rows, where the answer waits for the time-sliced scan: how late a 10 ms timer ran
// meanwhile, and how long the answer took.
//
//   gui_thread_bench [--retention 100000] [--rows 1000000]

#include "LogModel.h"
#include "LogPanel.h"
#include "LogSearch.h"
#include "LogStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using dockpulse::docker::LogBatch;
using dockpulse::docker::LogStreamKind;
using dockpulse::ui::LogPanel;
using dockpulse::ui::LogStore;

namespace {

// `tasks` tasks filled round-robin with `perTask` lines each, in batches of 100.
void fill(LogStore& store, int tasks, qint64 perTask)
{
    for (qint64 first = 0; first < perTask; first += 100) {
        for (int t = 0; t < tasks; ++t) {
            LogBatch batch;
            for (qint64 i = first; i < std::min(perTask, first + 100); ++i)
                batch.append(i * 1000, LogStreamKind::Stdout, QByteArray("line " + QByteArray::number(i)));
            store.append(u"task%1"_s.arg(t), u"c%1"_s.arg(t), batch);
        }
    }
}

void rebuildTimes(qsizetype retention)
{
    std::printf("selection change (LogModel::setTasks), retention %lld lines per view:\n",
                static_cast<long long>(retention));
    for (const int tasks : {1, 8, 32, 64}) {
        LogStore store(retention);
        fill(store, tasks, retention);
        dockpulse::ui::LogModel model(store);
        QStringList all;
        for (int t = 0; t < tasks; ++t)
            all << u"task%1"_s.arg(t);
        QElapsedTimer clock;
        double best = 1e9;
        for (int round = 0; round < 5; ++round) {
            model.setTasks({u"none"_s});
            clock.start();
            model.setTasks(all);
            best = std::min(best, double(clock.nsecsElapsed()) / 1e6);
        }
        std::printf("  %2d tasks: %8.1f ms (best of 5), %d rows\n", tasks, best, model.rowCount());
    }
}

void findNextLateness(int rows)
{
    LogStore store(rows + 1);
    fill(store, 1, rows - 1);
    LogBatch needle;
    needle.append(0, LogStreamKind::Stdout, "the needle");
    store.append(u"task0"_s, u"c0"_s, needle);
    LogPanel panel(store);
    panel.resize(900, 400);
    panel.show();
    panel.setTasks({u"task0"_s});
    panel.model()->flush();
    panel.setSearchQuery(u"needle"_s);

    QElapsedTimer since;
    qint64 worstLateMs = 0;
    QTimer probe;
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        worstLateMs = std::max(worstLateMs, since.elapsed() - 10);
        since.start();
    });
    QElapsedTimer clock;
    clock.start();
    since.start();
    probe.start();
    panel.findNext();
    const qint64 returnedMs = clock.elapsed();
    while (panel.search()->currentRow() != rows - 1)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    std::printf(
        "find next over %d rows (match in the last): call returned after %lld ms, answer after %lld ms, "
        "10 ms timer at most %lld ms late meanwhile\n",
        rows, static_cast<long long>(returnedMs), static_cast<long long>(clock.elapsed()),
        static_cast<long long>(worstLateMs));
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"retention"_s, u"Lines a log view keeps."_s, u"N"_s, u"100000"_s});
    parser.addOption({u"rows"_s, u"Rows searched by find next."_s, u"N"_s, u"1000000"_s});
    parser.process(app);
    rebuildTimes(parser.value(u"retention"_s).toLongLong());
    findNextLateness(parser.value(u"rows"_s).toInt());
    return 0;
}
