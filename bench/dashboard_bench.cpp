// Dashboard responsiveness: the whole window (the same MainWindow users get, offscreen unless
// QT_QPA_PLATFORM says otherwise) monitoring a real container that writes ~100,000 lines/s,
// while a 10 ms timer probes how late the main thread's event loop runs. Prints the lateness
// percentiles, the lines received, the log view's retained lines against the retention cap and
// the memory. Not a test: machines are shared and noisy.
//   dashboard_bench HOST CONTAINER [SECONDS=20] [RETENTION=100000]
#include "ContainersModel.h"
#include "LogStore.h"
#include "MainWindow.h"
#include "ProcessStats.h"
#include "TasksModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace dockpulse;

int main(int argc, char* argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: dashboard_bench HOST CONTAINER [SECONDS] [RETENTION]\n");
        return 2;
    }
    const auto endpoint = docker::parseEndpoint(QString::fromLocal8Bit(argv[1]));
    if (!endpoint)
        return 2;
    const QString container = QString::fromLocal8Bit(argv[2]);
    const double seconds = argc > 3 ? QByteArray(argv[3]).toDouble() : 20;
    ui::DashboardSettings settings;
    settings.monitor.logRetentionLines = argc > 4 ? QByteArray(argv[4]).toLongLong() : 100000;
    settings.monitor.tail = 0;
    QTemporaryDir dir;
    QSettings store(dir.filePath(u"bench.conf"_s), QSettings::IniFormat);
    monitor::MonitorEngine engine(settings.monitor, {{endpoint.value(), endpoint->url()}});
    ui::MainWindow window(engine, settings, store);
    window.resize(1400, 900);
    window.show();
    qint64 lines = 0;
    QObject::connect(&engine, &monitor::MonitorEngine::linesReady, &app,
                     [&](const QString&, const QString&, const QString&, const docker::LogBatch& b) {
                         lines += b.size();
                     });
    QObject::connect(engine.engines().first(), &monitor::EngineWatcher::connected, &app,
                     [&] { engine.monitor(endpoint->url(), container); });
    engine.start();

    // The probe: how late does a 10 ms timer fire on the main thread?
    std::vector<qint64> lateness;
    QElapsedTimer clock;
    qint64 expected = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (expected > 0)
            lateness.push_back(std::max<qint64>(0, now - expected));
        expected = now + 10'000'000;
    });
    qint64 rssStart = 0;
    qint64 linesAtStart = 0;
    // Measure after the stream is flowing.
    QTimer::singleShot(3000, &app, [&] {
        rssStart = telemetry::ProcessStats::residentBytes();
        linesAtStart = lines;
        clock.start();
        probe.start();
    });
    QTimer::singleShot(int((3 + seconds) * 1000), &app, &QApplication::quit);
    QApplication::exec();
    probe.stop();
    const double measured = double(clock.nsecsElapsed()) / 1e9;

    std::sort(lateness.begin(), lateness.end());
    auto pct = [&](double p) {
        return lateness.empty() ? 0.0 : double(lateness[size_t(p * double(lateness.size() - 1))]) / 1e6;
    };
    const QStringList tasks = engine.tasks().taskNames();
    qsizetype retained = 0;
    // The retention cap is per task.
    ui::LogStore* store2 = window.findChild<ui::LogStore*>();
    if (store2 && !tasks.isEmpty())
        retained = store2->lineCount(tasks.first());
    std::printf("lines received %lld in %.1f s (%.0f lines/s)\n", lines - linesAtStart, measured,
                double(lines - linesAtStart) / measured);
    std::printf("event-loop lateness (10 ms probe, %zu ticks): p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
                lateness.size(), pct(0.5), pct(0.99), pct(1.0));
    std::printf("log view retained %lld lines (cap %lld)\n", qint64(retained),
                settings.monitor.logRetentionLines);
    std::printf("RSS %.1f MB after start-up, %.1f MB at the end\n", double(rssStart) / 1048576.0,
                double(telemetry::ProcessStats::residentBytes()) / 1048576.0);
    bool down = false;
    QObject::connect(&engine, &monitor::MonitorEngine::shutDown, &app, [&] { down = true; });
    engine.shutdown();
    while (!down)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    return 0;
}
