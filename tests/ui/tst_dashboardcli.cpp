// The dashboard program's own command line, run as a user runs it (offscreen, over an engine that
// never answers, with its settings in a scratch folder): --export-dir is honoured when the
// window closes, and an unusable one is refused before the window opens (exit 5, CONTRACT.md); the
// history is kept where XDG says unless --no-store, and a --store that cannot be used is exit 5.
#include "RunExport.h"
#include "StoreReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

const QString kDeadHost = u"unix:///nonexistent/dockpulse-test/docker.sock"_s;

QProcessEnvironment dashboardEnvironment(const QString& configHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, configHome); // never the user's own settings
    env.insert(u"XDG_DATA_HOME"_s, configHome);   // nor history
    env.remove(u"DOCKER_HOST"_s);
    return env;
}

// Runs the dashboard with these arguments and expects it to refuse them before its window
// opens: exit 5, with `named` on stderr.
void expectRefusedAtStart(const QString& configHome, const QStringList& args, const QString& named,
                          const char* whatOpened)
{
    QProcess dashboard;
    dashboard.setProcessEnvironment(dashboardEnvironment(configHome));
    dashboard.start(QString::fromLatin1(DOCKPULSE_APP_PATH), QStringList{u"-H"_s, kDeadHost} + args);
    QVERIFY(dashboard.waitForStarted(10000));
    if (!dashboard.waitForFinished(15000)) {
        dashboard.kill();
        dashboard.waitForFinished();
        QFAIL(whatOpened);
    }
    const QByteArray err = dashboard.readAllStandardError();
    QVERIFY2(dashboard.exitCode() == 5, err.constData());
    QVERIFY2(err.contains(named.toUtf8()), err.constData());
}

} // namespace

class TestDashboardCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exportDirIsWrittenWhenTheWindowCloses()
    {
        QTemporaryDir config;
        QTemporaryDir out;
        const QString exportDir = out.filePath(u"run/export"_s); // created if missing
        QProcess dashboard;
        dashboard.setProcessEnvironment(dashboardEnvironment(config.path()));
        dashboard.start(QString::fromLatin1(DOCKPULSE_APP_PATH),
                        {u"-H"_s, kDeadHost, u"--export-dir"_s, exportDir});
        QVERIFY(dashboard.waitForStarted(10000));
        // It says where it will export once it is ready for SIGTERM (which closes the window).
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += dashboard.readAllStandardError()).contains("when the window closes"),
                                 30000);
        QVERIFY2(err.contains(exportDir.toUtf8()), err.constData());
        ::kill(pid_t(dashboard.processId()), SIGTERM);
        QVERIFY(dashboard.waitForFinished(30000));
        err += dashboard.readAllStandardError();
        QVERIFY2(dashboard.exitStatus() == QProcess::NormalExit && dashboard.exitCode() == 0,
                 err.constData());
        using dockpulse::csv::CsvKind;
        for (const CsvKind kind :
             {CsvKind::Tasks, CsvKind::Heartbeats, CsvKind::Events, CsvKind::Metrics, CsvKind::Logs}) {
            const QString name = dockpulse::csv::csvFileName(kind);
            QFile f(QDir(exportDir).filePath(name));
            QVERIFY2(f.open(QIODevice::ReadOnly),
                     qPrintable(name + u" missing; stderr: "_s + QString::fromUtf8(err)));
            QCOMPARE(f.readLine(), dockpulse::csv::csvHeader(kind).toByteArray() + "\r\n");
        }
        QVERIFY2(err.contains("exported"), err.constData());
        // The history is kept by default, where XDG says, and is usable at the next start.
        const QString history = config.filePath(u"dockpulse/history.sqlite"_s);
        QVERIFY2(QFileInfo(history).isFile(), qPrintable(history));
        auto reader = dockpulse::store::StoreReader::open(history);
        QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().message));
    }

    // --no-store keeps no history; --store names where it goes (and must work: exit 5).
    void storeOptionsChooseTheHistory()
    {
        QTemporaryDir config;
        QProcess dashboard;
        dashboard.setProcessEnvironment(dashboardEnvironment(config.path()));
        QTemporaryDir exportDir;
        dashboard.start(QString::fromLatin1(DOCKPULSE_APP_PATH),
                        {u"-H"_s, kDeadHost, u"--no-store"_s, u"--export-dir"_s, exportDir.path()});
        QVERIFY(dashboard.waitForStarted(10000));
        QByteArray said; // ready for SIGTERM once it says where it will export
        QTRY_VERIFY_WITH_TIMEOUT(
            (said += dashboard.readAllStandardError()).contains("when the window closes"), 30000);
        ::kill(pid_t(dashboard.processId()), SIGTERM);
        QVERIFY(dashboard.waitForFinished(30000));
        QCOMPARE(dashboard.exitCode(), 0);
        QVERIFY(!QFileInfo::exists(config.filePath(u"dockpulse/history.sqlite"_s)));

        // A store file that is in fact a folder cannot be used.
        QTemporaryDir out;
        expectRefusedAtStart(config.path(), {u"--store"_s, out.path()}, out.path(),
                             "the dashboard opened with a --store that is a folder");
    }

    void anUnusableExportDirIsRefusedAtStart()
    {
        QTemporaryDir config;
        QTemporaryDir out;
        // A folder under a file: it cannot be created. (A plain file is refused by the command-line
        // parser for both modes.)
        const QString file = out.filePath(u"a-file"_s);
        const QString dir = file + u"/export"_s;
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        expectRefusedAtStart(config.path(), {u"--export-dir"_s, dir}, dir,
                             "the dashboard opened with an --export-dir that is a file");
    }
};

QTEST_GUILESS_MAIN(TestDashboardCli)
#include "tst_dashboardcli.moc"
