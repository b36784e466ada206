// Restart separators against the real engine: a monitored container killed (exit code 137) and
// started again, by `docker restart -t 0` or by stop and start, shows "── … stopped (exit code
// 137) · …" and "── started again · …" in its log, between the lines of its two runs.
#include "LogModel.h"
#include "LogPanel.h"
#include "MainWindow.h"
#include "MonitorEngine.h"
#include "TestEngine.h"

#include <QScopeGuard>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using dockpulse::test::TestEngine;

class TestRestartLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void restartShowsSeparators_data()
    {
        QTest::addColumn<bool>("restart");
        QTest::addColumn<QString>("stopped");
        QTest::newRow("docker restart -t 0") << true << u"── restarted: stopped (exit code 137) · "_s;
        QTest::newRow("docker stop -t 0, docker start") << false << u"── stopped (exit code 137) · "_s;
    }
    void restartShowsSeparators()
    {
        QFETCH(bool, restart);
        QFETCH(QString, stopped);
        DOCKPULSE_REQUIRE_ENGINE();
        const QString name = TestEngine::uniqueName(u"restartlive"_s);
        QVERIFY(!TestEngine::runContainer(name, TestEngine::countingScript(u"r"_s, u"0.1"_s)).isEmpty());
        // A looping container left behind would be monitored by every later `-m all` test.
        const auto removeContainer = qScopeGuard([&name] { TestEngine::removeContainer(name); });
        QTemporaryDir dir;
        QSettings store(dir.filePath(u"dockpulse.conf"_s), QSettings::IniFormat);
        monitor::MonitorSettings settings;
        settings.readDeadlineMs = 300;
        settings.contextTimeoutMs = 350;
        settings.heartbeatEveryMs = 300;
        ui::DashboardSettings ds;
        ds.monitor = settings;
        ds.hosts = {TestEngine::hostUrl()};
        monitor::MonitorEngine engine(
            settings, {{docker::parseEndpoint(TestEngine::hostUrl()).value(), TestEngine::hostUrl()}});
        auto window = std::make_unique<ui::MainWindow>(engine, ds, store);
        engine.start();
        QString task;
        engine.monitor(TestEngine::hostUrl(), name,
                       [&task](const monitor::MonitorEngine::MonitorResult& r) { task = r.task; });
        QTRY_VERIFY_WITH_TIMEOUT(!task.isEmpty(), 20000);
        ui::LogModel* model = window->logPanel()->model();
        model->setTasks({task});
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 5, 20000);
        if (restart) {
            QVERIFY(TestEngine::docker({u"restart"_s, u"-t"_s, u"0"_s, name}).ok());
        } else {
            QVERIFY(TestEngine::docker({u"stop"_s, u"-t"_s, u"0"_s, name}).ok());
            QVERIFY(TestEngine::docker({u"start"_s, name}).ok());
        }

        const auto separators = [model] {
            QStringList out;
            for (int row = 0; row < model->rowCount(); ++row)
                if (model->isSeparator(row))
                    out << model->index(row, ui::LogModel::MessageColumn).data().toString();
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(separators().size(), 2, 20000);
        const QStringList shown = separators();
        QVERIFY2(shown[0].startsWith(stopped), qPrintable(shown[0]));
        QVERIFY2(shown[1].startsWith(u"── started again · "_s), qPrintable(shown[1]));
        // The second run's lines come after them: its "r 1" follows the separators.
        QTRY_VERIFY_WITH_TIMEOUT(
            [model] {
                bool afterSeparators = false;
                for (int row = 0; row < model->rowCount(); ++row) {
                    afterSeparators = afterSeparators || model->isSeparator(row);
                    if (afterSeparators && model->index(row, ui::LogModel::MessageColumn).data() == u"r 1"_s)
                        return true;
                }
                return false;
            }(),
            20000);
        qInfo("%s | %s", qPrintable(shown[0]), qPrintable(shown[1]));

        window.reset();
        bool down = false;
        QObject::connect(&engine, &monitor::MonitorEngine::shutDown, [&down] { down = true; });
        engine.shutdown();
        QVERIFY(QTest::qWaitFor([&down] { return down; }, 10000));
    }
};

QTEST_MAIN(TestRestartLive)
#include "tst_restartlive.moc"
