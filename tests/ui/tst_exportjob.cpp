// File → Export off the GUI thread, against the real engine: while 150,000 lines are formatted,
// written and fsynced, the event loop keeps running (timer ticks are processed during the
// export: a correctness property, not a speed); the files hold every retained line; a cancelled
// export leaves no file behind.
#include "ExportJob.h"
#include "LogStore.h"
#include "MonitorEngine.h"
#include "TestEngine.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using dockpulse::test::TestEngine;

namespace {
constexpr qint64 kLines = 150000;

qint64 countRows(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    qint64 rows = 0;
    while (!f.atEnd()) {
        f.readLine();
        ++rows;
    }
    return rows - 1; // the header
}
} // namespace

class TestExportJob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        DOCKPULSE_REQUIRE_ENGINE();
        m_name = TestEngine::uniqueName(u"export"_s);
        QVERIFY(!TestEngine::runContainer(m_name, u"seq 1 %1; sleep 3600"_s.arg(kLines)).isEmpty());
        const auto endpoint = docker::parseEndpoint(TestEngine::hostUrl());
        QVERIFY(endpoint.hasValue());
        m_engine = std::make_unique<monitor::MonitorEngine>(
            monitor::MonitorSettings{},
            QList<monitor::MonitorEngine::EngineSpec>{{endpoint.value(), TestEngine::hostUrl()}});
        m_logs = std::make_unique<ui::LogStore>(2 * kLines);
        connect(m_engine.get(), &monitor::MonitorEngine::linesReady, m_logs.get(),
                [this](const QString& task, const QString&, const QString& container,
                       const docker::LogBatch& batch) { m_logs->append(task, container, batch); });
        m_engine->start();
        QString task;
        m_engine->monitor(TestEngine::hostUrl(), m_name,
                          [&task](const monitor::MonitorEngine::MonitorResult& r) { task = r.task; });
        QTRY_VERIFY_WITH_TIMEOUT(!task.isEmpty(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_logs->lineCount(task), qsizetype(kLines), 60000);
    }

    void cleanupTestCase()
    {
        if (m_engine) {
            QSignalSpy down(m_engine.get(), &monitor::MonitorEngine::shutDown);
            m_engine->shutdown();
            QVERIFY(down.count() > 0 || down.wait(10000));
        }
        if (!m_name.isEmpty())
            TestEngine::removeContainer(m_name);
    }

    void theEventLoopRunsDuringTheExport()
    {
        QTemporaryDir dir;
        ui::ExportJob job(*m_engine, *m_logs, false);
        QSignalSpy finished(&job, &ui::ExportJob::finished);
        QSignalSpy progress(&job, &ui::ExportJob::progress);
        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(1);
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start();
        QVERIFY(job.start(dir.path()));
        const int ticksBeforeTheEnd = ticks;
        QVERIFY(job.isRunning() || finished.count() == 1);
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        QVERIFY2(finished.count() == 1 && ticksBeforeTheEnd == 0 && ticks > 0,
                 qPrintable(u"timer ticks processed during the export: %1"_s.arg(ticks)));
        QCOMPARE(finished.at(0).at(0).toString(), QString());
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QVERIFY(!job.isRunning());
        QCOMPARE(countRows(dir.filePath(u"logs.csv"_s)), kLines);
        for (const QString& name : {u"tasks.csv"_s, u"heartbeats.csv"_s, u"events.csv"_s, u"metrics.csv"_s})
            QVERIFY2(QFile::exists(dir.filePath(name)), qPrintable(name));
        // Progress ends at every line of the export.
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), kLines);
        QCOMPARE(progress.last().at(1).toLongLong(), kLines);
        // One export at a time: a second start while one runs is refused (none runs now).
        QVERIFY(!job.isRunning());
    }

    void aCancelledExportLeavesNoFile()
    {
        QTemporaryDir dir;
        ui::ExportJob job(*m_engine, *m_logs, false);
        QSignalSpy finished(&job, &ui::ExportJob::finished);
        QVERIFY(job.start(dir.path()));
        QVERIFY(!job.start(dir.path())); // one at a time
        job.cancel();
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        QCOMPARE(finished.at(0).at(0).toString(), QString());
        const QStringList left =
            QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u", "_s)));
    }

private:
    QString m_name;
    std::unique_ptr<monitor::MonitorEngine> m_engine;
    std::unique_ptr<ui::LogStore> m_logs;
};

QTEST_MAIN(TestExportJob)
#include "tst_exportjob.moc"
