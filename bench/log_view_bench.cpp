// Log view under load: a LogPanel shown (offscreen unless QT_QPA_PLATFORM says otherwise) is fed
// N lines/s in batches, as the monitor's workers deliver them, while a 10 ms timer probes how
// late the event loop runs. Prints the lateness percentiles, the CPU used and the memory.
//
//   log_view_bench [--rate 10000] [--seconds 10] [--retention 100000] [--prefill 0] [--tasks 1]
//                  [--batch-ms 20] [--search PATTERN] [--regex] [--paused]

#include "LogModel.h"
#include "LogPanel.h"
#include "LogSearch.h"
#include "LogStore.h"
#include "ProcessCpu.h"
#include "ProcessStats.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

using namespace Qt::StringLiterals;
using dockpulse::docker::LogBatch;
using dockpulse::docker::LogStreamKind;
using dockpulse::ui::LogPanel;
using dockpulse::ui::LogStore;

namespace {

// Lines shaped like real container output: mixed lengths, some stderr, some ANSI colour, tabs.
struct LinePool
{
    QList<QByteArray> lines;
    QList<LogStreamKind> streams;

    LinePool()
    {
        QRandomGenerator rng(42);
        static const char* const words[] = {"GET",     "POST", "/api/v1/orders", "user=42", "latency_ms=12",
                                            "ERROR",   "WARN", "connection",     "reset",   "by peer",
                                            "request", "done", "cache",          "miss",    "{\"k\":\"v\"}"};
        for (int i = 0; i < 4096; ++i) {
            QByteArray line = "2026-01-01 level=info seq=" + QByteArray::number(i);
            const int targetLength = 40 + int(rng.bounded(260));
            while (line.size() < targetLength) {
                line += ' ';
                line += words[rng.bounded(int(std::size(words)))];
            }
            if (i % 20 == 0)
                line = "\x1b[31m" + line + "\x1b[0m";
            if (i % 33 == 0)
                line += "\tfield\tfield";
            lines.append(line);
            streams.append(i % 10 == 0 ? LogStreamKind::Stderr : LogStreamKind::Stdout);
        }
    }
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto i = std::size_t(p * double(values.size() - 1) + 0.5);
    return values[std::min(i, values.size() - 1)];
}

// Times the work behind the lateness: window repaints, model flushes, search slices, feeding.
class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    std::map<std::string, std::vector<double>> ms;
    bool recording = false;

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!recording)
            return QApplication::notify(receiver, event);
        const char* what = nullptr;
        if (event->type() == QEvent::UpdateRequest)
            what = "repaint";
        else if (event->type() == QEvent::Timer && receiver->objectName() == u"logModelFlush"_s)
            what = "model flush";
        else if (event->type() == QEvent::Timer && receiver->objectName() == u"logSearchScan"_s)
            what = "search slice";
        else if (event->type() == QEvent::Timer && receiver->objectName() == u"feeder"_s)
            what = "feed (store append)";
        if (!what)
            return QApplication::notify(receiver, event);
        QElapsedTimer t;
        t.start();
        const bool result = QApplication::notify(receiver, event);
        ms[what].push_back(double(t.nsecsElapsed()) / 1e6);
        return result;
    }
};

double mib(qint64 bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Feeds a LogPanel and measures event-loop lateness and memory."_s);
    parser.addHelpOption();
    auto option = [&parser](const QString& name, const QString& help, const QString& def) {
        parser.addOption(QCommandLineOption(name, help, u"n"_s, def));
    };
    option(u"rate"_s, u"lines per second (all tasks together)"_s, u"10000"_s);
    option(u"seconds"_s, u"how long to feed"_s, u"10"_s);
    option(u"retention"_s, u"lines kept per task"_s, u"100000"_s);
    option(u"prefill"_s, u"lines per task stored before the run"_s, u"0"_s);
    option(u"tasks"_s, u"tasks fed and shown merged"_s, u"1"_s);
    option(u"batch-ms"_s, u"interval between batches"_s, u"20"_s);
    parser.addOption(QCommandLineOption(u"search"_s, u"an active search pattern"_s, u"pattern"_s));
    parser.addOption(QCommandLineOption(u"regex"_s, u"the pattern is a regular expression"_s));
    parser.addOption(QCommandLineOption(u"paused"_s, u"follow paused (scrolled to the middle)"_s));
    parser.process(app);
    const qint64 rate = parser.value(u"rate"_s).toLongLong();
    const int seconds = parser.value(u"seconds"_s).toInt();
    const qsizetype retention = parser.value(u"retention"_s).toLongLong();
    const qint64 prefill = parser.value(u"prefill"_s).toLongLong();
    const int taskCount = qMax(1, parser.value(u"tasks"_s).toInt());
    const int batchMs = qMax(1, parser.value(u"batch-ms"_s).toInt());

    const LinePool pool;
    const qint64 rssStart = dockpulse::telemetry::ProcessStats::residentBytes();
    LogStore store(retention);
    QStringList tasks;
    for (int t = 0; t < taskCount; ++t)
        tasks.append(u"task-%1"_s.arg(t));

    qint64 sent = 0;
    qint64 ns = 1'700'000'000'000'000'000;
    auto feed = [&](const QString& task, qint64 count) {
        LogBatch batch;
        batch.reserve(count, count * 200);
        for (qint64 i = 0; i < count; ++i, ++sent) {
            const auto k = qsizetype(sent % pool.lines.size());
            batch.append(ns += 100'000, pool.streams.at(k), pool.lines.at(k));
        }
        store.append(task, task + u"-container"_s, batch);
    };
    for (const QString& task : std::as_const(tasks)) {
        for (qint64 done = 0; done < prefill; done += 5000)
            feed(task, qMin<qint64>(5000, prefill - done));
    }
    sent = 0;

    LogPanel panel(store);
    panel.resize(1400, 900);
    panel.setTasks(tasks);
    panel.show();
    if (parser.isSet(u"search"_s))
        panel.setSearchQuery(parser.value(u"search"_s), parser.isSet(u"regex"_s), false);
    app.processEvents();
    if (parser.isSet(u"paused"_s)) {
        QScrollBar* bar = panel.view()->verticalScrollBar();
        bar->triggerAction(QAbstractSlider::SliderPageStepSub);
        bar->setSliderPosition(bar->maximum() / 2);
    }
    const qint64 rssReady = dockpulse::telemetry::ProcessStats::residentBytes();

    // The probe: how late each 10 ms tick fires.
    std::vector<double> lateMs;
    QElapsedTimer clock;
    clock.start();
    qint64 lastProbeNs = clock.nsecsElapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        lateMs.push_back(qMax(0.0, double(now - lastProbeNs) / 1e6 - 10.0));
        lastProbeNs = now;
    });

    // The feed: whatever is due at the configured rate, in one batch per task per tick.
    QTimer feeder;
    feeder.setObjectName(u"feeder"_s);
    feeder.setInterval(batchMs);
    const qint64 total = rate * seconds;
    int nextTask = 0;
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        const qint64 due = qMin(total, rate * clock.nsecsElapsed() / 1'000'000'000);
        qint64 owed = due - sent;
        for (int t = 0; t < taskCount && owed > 0; ++t) {
            const qint64 share = t == taskCount - 1 ? owed : owed / taskCount;
            feed(tasks.at(nextTask), share);
            nextTask = (nextTask + 1) % taskCount;
            owed -= share;
        }
        if (sent >= total)
            app.quit();
    });

    const double cpuBefore = cpuSeconds();
    clock.restart();
    lastProbeNs = clock.nsecsElapsed();
    probe.start();
    feeder.start();
    app.recording = true;
    app.exec();
    app.recording = false;
    const double wall = double(clock.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;

    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    std::printf("log_view_bench: %lld lines/s for %d s, %d task(s), retention %lld, prefill %lld, batches "
                "every %d ms%s%s\n",
                static_cast<long long>(rate), seconds, taskCount, static_cast<long long>(retention),
                static_cast<long long>(prefill), batchMs, parser.isSet(u"search"_s) ? ", search on" : "",
                parser.isSet(u"paused"_s) ? ", follow paused" : ", following");
    std::printf("  fed %lld lines in %.2f s; rows in view %d; lines stored per task %lld\n",
                static_cast<long long>(sent), wall, panel.model()->rowCount(),
                static_cast<long long>(store.lineCount(tasks.first())));
    std::printf("  event-loop lateness of a 10 ms timer (%zu ticks): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                lateMs.size(), percentile(lateMs, 0.5), percentile(lateMs, 0.99),
                lateMs.empty() ? 0.0 : *std::max_element(lateMs.begin(), lateMs.end()));
    std::printf("  CPU: %.2f s over %.2f s wall (%.0f%% of one core)\n", cpu, wall, 100.0 * cpu / wall);
    std::printf("  RSS: %.1f MiB at start, %.1f MiB ready, %.1f MiB at end, peak %.1f MiB\n", mib(rssStart),
                mib(rssReady), mib(dockpulse::telemetry::ProcessStats::residentBytes()),
                double(usage.ru_maxrss) / 1024.0);
    for (const auto& [what, values] : app.ms) {
        double sum = 0;
        for (const double v : values)
            sum += v;
        std::printf("  %-20s %5zu times, %7.1f ms in all: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                    what.c_str(), values.size(), sum, percentile(values, 0.5), percentile(values, 0.99),
                    *std::max_element(values.begin(), values.end()));
    }
    if (parser.isSet(u"search"_s))
        std::printf("  search: %lld matches\n", static_cast<long long>(panel.search()->matchCount()));
    return 0;
}
