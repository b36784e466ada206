// A monitored container that stops and starts again shows it in the log view: a separator row
// "── stopped (exit code 137) · 12:03:04 ──" and "── started again · 12:03:05 ──", from the
// engine's container_exited / container_started events (the exit code from its die event). The
// rows are not log lines: never in logs.csv, never a search match, shown with their container
// whatever the filter, and drawn apart from the lines.
#include "ChartsPanel.h"
#include "ContainersModel.h"
#include "DashboardController.h"
#include "DashboardExport.h"
#include "LogItemDelegate.h"
#include "LogModel.h"
#include "LogSearch.h"
#include "LogStore.h"
#include "LogTextFile.h"
#include "LogUiTestSupport.h"
#include "MonitorEngine.h"
#include "TasksModel.h"

#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using dockpulse::test::batchOf;

namespace {

const QString kHost = u"unix:///tmp/dockpulse-no-engine.sock"_s;
// The engine records at its own (wall) time; Docker's die and start events and the lines carry
// Docker's, a little earlier here. The rows show Docker's when it is known (same second here).
constexpr qint64 kStoppedMs = dockpulse::test::kBaseNs / 1'000'000; // 2025-11-29T05:04:10.206Z
constexpr qint64 kStartedMs = kStoppedMs + 1000;
constexpr qint64 kDiedNs = dockpulse::test::kBaseNs + 50'000'000;
constexpr qint64 kStartedNs = dockpulse::test::kBaseNs + 1'050'000'000;
constexpr qint64 kSecondRunNs = dockpulse::test::kBaseNs + 1'100'000'000; // the new run's lines

QString clock(qint64 wallMs)
{
    return QDateTime::fromMSecsSinceEpoch(wallMs).toString(u"HH:mm:ss"_s);
}

// The dashboard's wiring around an engine that is never started: the test plays its signals.
struct Dashboard
{
    std::unique_ptr<monitor::MonitorEngine> engine;
    ui::ContainersModel containers;
    ui::TasksModel tasks;
    ui::LogStore store{1000};
    ui::ChartsPanel charts;
    std::unique_ptr<ui::DashboardController> controller;

    Dashboard()
    {
        engine = std::make_unique<monitor::MonitorEngine>(
            monitor::MonitorSettings{},
            QList<monitor::MonitorEngine::EngineSpec>{{docker::parseEndpoint(kHost).value(), kHost}});
        controller = std::make_unique<ui::DashboardController>(*engine, containers, tasks, store, charts);
    }
    static QString taskOf(const QString& id) { return u"container_"_s + id.left(12); }
    void lines(const QString& id, const QString& name, const QList<QByteArray>& texts,
               docker::LogStreamKind stream = docker::LogStreamKind::Stdout,
               qint64 ns = dockpulse::test::kBaseNs)
    {
        Q_EMIT engine->linesReady(taskOf(id), kHost, name, batchOf(texts, stream, ns));
    }
    void event(const QString& id, const QString& name, const QString& what, qint64 wallMs,
               const QString& detail = {})
    {
        Q_EMIT engine->eventRecorded(monitor::TaskEventRecord{wallMs, taskOf(id), what, detail, name});
    }
    void died(const QString& id, const QString& name, int exitCode)
    {
        docker::ContainerEvent e;
        e.action = u"die"_s;
        e.id = id;
        e.name = name;
        e.exitCode = exitCode;
        e.timeNs = kDiedNs;
        Q_EMIT engine->engines().first()->containerEvent(e);
    }
    void startedByDocker(const QString& id, const QString& name)
    {
        docker::ContainerEvent e;
        e.action = u"start"_s;
        e.id = id;
        e.name = name;
        e.timeNs = kStartedNs;
        Q_EMIT engine->engines().first()->containerEvent(e);
    }
    // web stops (exit code 137) and starts again between its lines; db logs on.
    void webRestarts()
    {
        lines(kWeb, u"web"_s, {"web before 1", "web before 2"});
        lines(kDb, u"db"_s, {"db 1"}, docker::LogStreamKind::Stderr);
        died(kWeb, u"web"_s, 137);
        event(kWeb, u"web"_s, u"container_exited"_s, kStoppedMs);
        startedByDocker(kWeb, u"web"_s);
        event(kWeb, u"web"_s, u"container_started"_s, kStartedMs);
        lines(kWeb, u"web"_s, {"web after 1"}, docker::LogStreamKind::Stdout, kSecondRunNs);
        lines(kDb, u"db"_s, {"db 2"}, docker::LogStreamKind::Stderr, kSecondRunNs);
    }
    static inline const QString kWeb = u"aaaaaaaaaaaa00000000000000000000"_s;
    static inline const QString kDb = u"bbbbbbbbbbbb00000000000000000000"_s;
};

QStringList messages(const ui::LogModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, ui::LogModel::MessageColumn).data().toString();
    return out;
}

QString stopped()
{
    return u"── stopped (exit code 137) · %1 ──"_s.arg(clock(kStoppedMs));
}
QString startedAgain()
{
    return u"── started again · %1 ──"_s.arg(clock(kStartedMs));
}

// The leftmost column with ink in `image`, or -1.
int firstInk(const QImage& image, QRgb background)
{
    for (int x = 0; x < image.width(); ++x)
        for (int y = 0; y < image.height(); ++y)
            if (image.pixel(x, y) != background)
                return x;
    return -1;
}

} // namespace

class TestRestartSeparators : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void perContainerView()
    {
        Dashboard d;
        d.webRestarts();
        ui::LogModel model(d.store);
        model.setTasks({Dashboard::taskOf(Dashboard::kWeb)});
        model.flush();
        QCOMPARE(messages(model), (QStringList{u"web before 1"_s, u"web before 2"_s, stopped(),
                                               startedAgain(), u"web after 1"_s}));
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data(ui::LogModel::SeparatorRole).toBool(), row == 2 || row == 3);
        QCOMPARE(model.index(2, ui::LogModel::ContainerColumn).data().toString(), u"web"_s);
        QCOMPARE(model.index(2, ui::LogModel::StreamColumn).data().toString(), QString());
    }

    void mergedViewAndOtherContainer()
    {
        Dashboard d;
        d.webRestarts();
        ui::LogModel model(d.store);
        model.setTasks({Dashboard::taskOf(Dashboard::kWeb), Dashboard::taskOf(Dashboard::kDb)});
        model.flush();
        QCOMPARE(messages(model), (QStringList{u"web before 1"_s, u"web before 2"_s, u"db 1"_s, stopped(),
                                               startedAgain(), u"web after 1"_s, u"db 2"_s}));
        model.setTasks({Dashboard::taskOf(Dashboard::kDb)}); // web not shown: nor its restart
        model.flush();
        QCOMPARE(messages(model), (QStringList{u"db 1"_s, u"db 2"_s}));
    }

    // docker restart: the engine records it when Docker's start event comes, by when the new run's
    // first lines may be in. They go after the separators (Docker's times tell), in the merged
    // view too, and the lines of the first run stay before.
    void dockerRestartLinesReadFirst()
    {
        Dashboard d;
        d.lines(Dashboard::kWeb, u"web"_s, {"run 1 line 1", "run 1 line 2"});
        d.lines(Dashboard::kDb, u"db"_s, {"db 1"});
        d.died(Dashboard::kWeb, u"web"_s, 137);
        d.startedByDocker(Dashboard::kWeb, u"web"_s);
        d.lines(Dashboard::kWeb, u"web"_s, {"run 2 line 1", "run 2 line 2"}, docker::LogStreamKind::Stdout,
                kSecondRunNs);
        ui::LogModel single(d.store);
        single.setTasks({Dashboard::taskOf(Dashboard::kWeb)});
        single.flush();
        QCOMPARE(single.rowCount(), 4); // before the events: the rows it has are kept up to date
        d.event(Dashboard::kWeb, u"web"_s, u"container_exited"_s, kStartedMs + 5, u"restarted"_s);
        d.event(Dashboard::kWeb, u"web"_s, u"container_started"_s, kStartedMs + 5);
        single.flush();
        const QString restarted = u"── restarted: stopped (exit code 137) · %1 ──"_s.arg(clock(kStoppedMs));
        const QStringList web = {u"run 1 line 1"_s, u"run 1 line 2"_s, restarted,
                                 startedAgain(),    u"run 2 line 1"_s, u"run 2 line 2"_s};
        QCOMPARE(messages(single), web);
        for (int row = 0; row < single.rowCount(); ++row)
            QCOMPARE(single.isSeparator(row), row == 2 || row == 3);
        ui::LogModel merged(d.store);
        merged.setTasks({Dashboard::taskOf(Dashboard::kWeb), Dashboard::taskOf(Dashboard::kDb)});
        merged.flush();
        QStringList withDb = web;
        withDb.insert(2, u"db 1"_s);
        QCOMPARE(messages(merged), withDb);
        // The Time column shows Docker's time of the restart, as the lines show theirs.
        QCOMPARE(single.index(2, 0).data(ui::LogModel::TimestampNsRole).toLongLong(), kDiedNs);
        QCOMPARE(single.index(3, 0).data(ui::LogModel::TimestampNsRole).toLongLong(), kStartedNs);
    }

    // No exit code known (no die event seen), and docker restart's own detail.
    void wording_data()
    {
        QTest::addColumn<bool>("die");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("expected");
        QTest::newRow("exit code") << true << QString() << u"── stopped (exit code 137) · %1 ──"_s;
        QTest::newRow("no die event") << false << QString() << u"── stopped · %1 ──"_s;
        QTest::newRow("docker restart")
            << true << u"restarted"_s << u"── restarted: stopped (exit code 137) · %1 ──"_s;
        QTest::newRow("being removed") << false << u"HTTP 409: container is marked for removal"_s
                                       << u"── stopped: being removed · %1 ──"_s;
    }
    void wording()
    {
        QFETCH(bool, die);
        QFETCH(QString, detail);
        QFETCH(QString, expected);
        Dashboard d;
        d.lines(Dashboard::kWeb, u"web"_s, {"line"});
        if (die)
            d.died(Dashboard::kWeb, u"web"_s, 137);
        d.event(Dashboard::kWeb, u"web"_s, u"container_exited"_s, kStoppedMs, detail);
        ui::LogModel model(d.store);
        model.setTasks({Dashboard::taskOf(Dashboard::kWeb)});
        // Without a die event the row waits for one (RestartSeparators::kDieWaitMs), then says what it knows.
        const auto shown = [&model] {
            model.flush();
            return messages(model);
        };
        QTRY_COMPARE(shown(), (QStringList{u"line"_s, expected.arg(clock(kStoppedMs))}));
    }

    // Our reader saw the end of the log before the events stream brought the die event: the row
    // waits for it and has the exit code; a start that comes meanwhile goes after it.
    void dieEventAfterTheRecord_data()
    {
        QTest::addColumn<bool>("startMeanwhile");
        QTest::newRow("die event, then the start") << false;
        QTest::newRow("start recorded before the die event") << true;
    }
    void dieEventAfterTheRecord()
    {
        QFETCH(bool, startMeanwhile);
        Dashboard d;
        d.lines(Dashboard::kWeb, u"web"_s, {"line"});
        d.event(Dashboard::kWeb, u"web"_s, u"container_exited"_s, kStoppedMs);
        ui::LogModel model(d.store);
        model.setTasks({Dashboard::taskOf(Dashboard::kWeb)});
        model.flush();
        QCOMPARE(messages(model), QStringList{u"line"_s}); // waiting
        if (startMeanwhile) {
            d.startedByDocker(Dashboard::kWeb, u"web"_s);
            d.event(Dashboard::kWeb, u"web"_s, u"container_started"_s, kStartedMs);
            model.flush();
            QCOMPARE(messages(model), (QStringList{u"line"_s, u"── stopped · %1 ──"_s.arg(clock(kStoppedMs)),
                                                   startedAgain()}));
            return;
        }
        d.died(Dashboard::kWeb, u"web"_s, 137);
        d.startedByDocker(Dashboard::kWeb, u"web"_s);
        d.event(Dashboard::kWeb, u"web"_s, u"container_started"_s, kStartedMs);
        model.flush();
        QCOMPARE(messages(model), (QStringList{u"line"_s, stopped(), startedAgain()}));
    }

    // Other events leave the log alone.
    void otherEventsAddNothing()
    {
        Dashboard d;
        d.lines(Dashboard::kWeb, u"web"_s, {"line"});
        for (const QString& what :
             {u"started"_s, u"stream_opened"_s, u"rotated"_s, u"stalled"_s, u"stopped"_s})
            d.event(Dashboard::kWeb, u"web"_s, what, kStoppedMs);
        ui::LogModel model(d.store);
        model.setTasks({Dashboard::taskOf(Dashboard::kWeb)});
        model.flush();
        QCOMPARE(messages(model), QStringList{u"line"_s});
    }

    // Filters hide lines, not their container's restarts.
    void filtersKeepSeparators_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("stderr only") << 0;
        QTest::newRow("errors only") << 1;
        QTest::newRow("only lines matching 'db'") << 2;
    }
    void filtersKeepSeparators()
    {
        QFETCH(int, kind);
        Dashboard d;
        d.webRestarts();
        ui::LogModel model(d.store);
        model.setTasks({Dashboard::taskOf(Dashboard::kWeb), Dashboard::taskOf(Dashboard::kDb)});
        ui::LogFilter filter;
        if (kind == 0) {
            filter.setStreamShown(docker::LogStreamKind::Stdout, false);
        } else if (kind == 1) {
            for (int level = 0; level < docker::kLogLevelCount; ++level)
                filter.setLevelShown(docker::LogLevel(level),
                                     docker::LogLevel(level) == docker::LogLevel::Error);
        } else {
            filter.setText(u"db"_s, false, false);
        }
        model.setFilter(filter);
        model.flush();
        const QStringList expected = kind == 1 ? QStringList{stopped(), startedAgain()}
                                               : QStringList{u"db 1"_s, stopped(), startedAgain(), u"db 2"_s};
        QCOMPARE(messages(model), expected);
    }

    void notASearchMatch()
    {
        Dashboard d;
        d.webRestarts();
        ui::LogModel model(d.store);
        model.setTasks({Dashboard::taskOf(Dashboard::kWeb)});
        model.flush();
        ui::LogSearch search(model);
        for (const QString& pattern : {u"again"_s, u"stopped"_s, u"exit code"_s, u"──"_s}) {
            search.setQuery(pattern, false, false);
            search.finishScan();
            QVERIFY2(search.matchCount() == 0, qPrintable(pattern));
        }
        search.setQuery(u"web"_s, false, false);
        search.finishScan();
        QCOMPARE(search.matchCount(), 3);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(search.rowMatches(row), row != 2 && row != 3);
    }

    void notInLogsCsvNorInSavedText()
    {
        Dashboard d;
        d.webRestarts();
        ui::ExportSnapshot snapshot;
        for (const QString& id : {Dashboard::kWeb, Dashboard::kDb}) {
            const ui::TaskLogBuffer* buffer = d.store.buffer(Dashboard::taskOf(id));
            QVERIFY(buffer);
            snapshot.logs.push_back({kHost, *buffer});
            snapshot.totalLines += buffer->size();
        }
        QTemporaryDir dir;
        ui::ExportControl control;
        QCOMPARE(ui::writeExport(dir.path(), snapshot, &control).error, QString());
        QFile csv(dir.filePath(u"logs.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray written = csv.readAll();
        QCOMPARE(written.count("\r\n"), 1 + 5); // the header and the five lines
        QVERIFY(!written.contains("stopped"));
        QVERIFY(!written.contains("started again"));
        QCOMPARE(control.linesWritten.load(), snapshot.totalLines); // progress still reaches the end

        qint64 saved = 0;
        const QString text = dir.filePath(u"web.log"_s);
        QCOMPARE(ui::saveLogsAsText(d.store, {Dashboard::taskOf(Dashboard::kWeb)}, text, &saved), QString());
        QCOMPARE(saved, 3);
        QFile file(text);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("stopped"));
    }

    // Drawn apart from the lines: centred in the message column, in a dimmer colour.
    void drawnApart()
    {
        Dashboard d;
        d.webRestarts();
        ui::LogModel model(d.store);
        model.setTasks({Dashboard::taskOf(Dashboard::kWeb)});
        model.flush();
        QTableView view;
        ui::LogSearch search(model);
        auto* delegate = new ui::LogItemDelegate(search, &view);
        view.setModel(&model);
        view.setItemDelegate(delegate);
        const auto render = [&](int row, QColor* ink) {
            QImage image(600, 20, QImage::Format_ARGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            QStyleOptionViewItem option;
            option.initFrom(&view);
            option.rect = image.rect();
            option.state = QStyle::State_Enabled | QStyle::State_Active;
            option.palette.setColor(QPalette::Base, Qt::white);
            option.palette.setColor(QPalette::Text, Qt::black);
            delegate->paint(&painter, option, model.index(row, ui::LogModel::MessageColumn));
            painter.end();
            const int x = firstInk(image, qRgb(255, 255, 255));
            // The darkest pixel: the text colour itself (antialiasing only lightens it).
            int darkest = 255 * 3 + 1;
            for (int px = 0; px < image.width(); ++px)
                for (int py = 0; py < image.height(); ++py) {
                    const QColor c = image.pixelColor(px, py);
                    if (c.red() + c.green() + c.blue() < darkest) {
                        darkest = c.red() + c.green() + c.blue();
                        *ink = c;
                    }
                }
            return x;
        };
        QColor lineInk;
        QColor separatorInk;
        const int lineStart = render(0, &lineInk);
        const int separatorStart = render(2, &separatorInk);
        QVERIFY2(lineStart >= 0 && lineStart < 20, qPrintable(QString::number(lineStart)));
        QVERIFY2(separatorStart > 100, qPrintable(u"starts at x = %1 of 600"_s.arg(separatorStart)));
        QVERIFY2(separatorInk.lightness() > lineInk.lightness() + 40,
                 qPrintable(u"separator %1, line %2"_s.arg(separatorInk.name(), lineInk.name())));
        QVERIFY(model.index(2, ui::LogModel::MessageColumn).data(Qt::FontRole).value<QFont>().italic());
    }
};

QTEST_MAIN(TestRestartSeparators)
#include "tst_restartseparators.moc"
