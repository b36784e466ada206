#pragma once

// A dashboard window for offscreen tests of its widgets, over an engine that never connects:
// three containers listed, two tasks (their monitors keep trying the dead socket, so their rows
// stay), the first task selected with three log lines.
#include "ContainersModel.h"
#include "Endpoint.h"
#include "LogModel.h"
#include "LogPanel.h"
#include "LogStore.h"
#include "LogUiTestSupport.h"
#include "MainWindow.h"
#include "MonitorEngine.h"
#include "TasksModel.h"

#include <QItemSelectionModel>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

namespace dockpulse::test {

inline const QString kDeadHost = QStringLiteral("unix:///nonexistent/dockpulse-test/docker.sock");
// The task of dockpulse-sample-web-1 (container id 1111aaaa2222).
inline const QString kWebTask = QStringLiteral("container_1111aaaa2222");

using namespace Qt::StringLiterals;

struct Dashboard
{
    Dashboard()
        : engine(monitor::MonitorSettings{}, {{docker::parseEndpoint(kDeadHost).value(), kDeadHost}}),
          store(dir.filePath(u"dockpulse.conf"_s), QSettings::IniFormat),
          window(engine, ui::DashboardSettings{}, store)
    {
        QList<docker::ContainerSummary> containers;
        for (const QString& name : {u"dockpulse-sample-web-1"_s, u"dockpulse-sample-worker-1"_s, u"db"_s}) {
            docker::ContainerSummary c;
            c.id = name + u"-id"_s;
            c.names = {u"/"_s + name};
            c.image = u"busybox"_s;
            c.state = u"running"_s;
            containers << c;
        }
        window.containersModel()->setContainers(kDeadHost, containers);
        // Tasks whose monitors try the dead socket: their rows stay listed.
        for (const auto& [id, name] : {std::pair{u"1111aaaa2222"_s, u"dockpulse-sample-web-1"_s},
                                       std::pair{u"3333bbbb4444"_s, u"dockpulse-sample-worker-1"_s}}) {
            const QString task = engine.tasks().add(
                {docker::parseEndpoint(kDeadHost).value(), std::nullopt, kDeadHost, id, name, {}});
            window.logStore()->append(task, name,
                                      batchOf({"GET / 200", "GET /health 200", "POST /login 302"}));
        }
        window.resize(1000, 700);
        window.show();
    }
    // Both tasks listed, web's selected and its lines in the log view. (The tasks' rows come in
    // the order their monitors report, which varies: the row is found by its task.)
    bool ready()
    {
        // Each task has three log lines: the log view alone cannot tell web's selection from
        // worker's (the window may select a task of its own as rows arrive), so web's row is
        // looked for and selected until it is the one selected.
        const auto webSelected = [this] {
            QAbstractItemModel* rows = window.tasksView()->model();
            if (rows->rowCount() != 2)
                return false;
            const QModelIndexList web =
                rows->match(rows->index(0, 0), ui::TasksModel::TaskNameRole, kWebTask, 1, Qt::MatchExactly);
            if (web.isEmpty())
                return false;
            QItemSelectionModel* selection = window.tasksView()->selectionModel();
            const QModelIndexList selected = selection->selectedRows();
            if (selected.size() == 1 && selected.first().row() == web.first().row())
                return true;
            selection->select(web.first(), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return false;
        };
        const bool ok = QTest::qWaitForWindowExposed(&window) && QTest::qWaitFor([&] {
                            return webSelected() && window.tasksModel()->rowCount() == 2 &&
                                   window.logPanel()->model()->rowCount() == 3;
                        });
        if (!ok)
            qWarning() << "tasks" << window.tasksModel()->rowCount() << "log rows"
                       << window.logPanel()->model()->rowCount();
        return ok;
    }

    QTemporaryDir dir;
    monitor::MonitorEngine engine;
    QSettings store;
    ui::MainWindow window;
};

} // namespace dockpulse::test
