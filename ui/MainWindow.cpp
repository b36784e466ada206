#include "MainWindow.h"

#include "ChartsPanel.h"
#include "ContainerActions.h"
#include "ContainersModel.h"
#include "DashboardController.h"
#include "DashboardExport.h"
#include "DisplayFormat.h"
#include "EmptyState.h"
#include "EndpointResolver.h"
#include "EngineStatus.h"
#include "EventsPanel.h"
#include "ExportFolderChooser.h"
#include "ExportJob.h"
#include "ExportProgress.h"
#include "KeyboardNavigation.h"
#include "LogPanel.h"
#include "LogStore.h"
#include "SettingsDialog.h"
#include "TableLook.h"
#include "TaskListActions.h"
#include "TaskState.h"
#include "TasksModel.h"
#include "TimeoutBanner.h"
#include "Version.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

MainWindow::MainWindow(monitor::MonitorEngine& engine, DashboardSettings settings, QSettings& store,
                       QWidget* parent)
    : QMainWindow(parent), m_engine(engine), m_settings(std::move(settings)), m_stored(m_settings),
      m_store(store), m_containersModel(new ContainersModel(this)), m_tasksModel(new TasksModel(this)),
      m_logStore(
          new LogStore(m_settings.monitor.logRetentionLines, this, m_settings.monitor.logBudgetMiB << 20)),
      m_containersProxy(new QSortFilterProxyModel(this)), m_tasksProxy(new QSortFilterProxyModel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"dockpulse"_s);
    setWindowIcon(QIcon(u":/icons/dockpulse.svg"_s));

    m_containersProxy->setSourceModel(m_containersModel);
    m_containersProxy->setSortRole(ContainersModel::RawValueRole);
    m_containersProxy->setFilterKeyColumn(-1);
    m_containersProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_tasksProxy->setSourceModel(m_tasksModel);
    m_tasksProxy->setSortRole(TasksModel::RawValueRole);

    m_problems = new EngineProblemPanel(this);
    connect(m_problems, &EngineProblemPanel::retryRequested, this, [this] {
        for (monitor::EngineWatcher* w : m_engine.engines())
            if (w->state() != monitor::EngineWatcher::State::Connected)
                w->reconnectNow();
    });

    m_horizontal = new QSplitter(Qt::Horizontal, this);
    m_horizontal->setObjectName(u"topSplitter"_s);
    m_horizontal->addWidget(buildContainersPane());
    m_horizontal->addWidget(buildTasksPane());
    m_horizontal->setStretchFactor(0, 1);
    m_horizontal->setStretchFactor(1, 1);

    m_logPanel = new LogPanel(*m_logStore, this);
    m_chartsPanel = new ChartsPanel(this);
    m_eventsPanel = new EventsPanel(this);
    connect(&m_engine, &monitor::MonitorEngine::eventRecorded, m_eventsPanel, &EventsPanel::addEvent);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"bottomTabs"_s);
    m_tabs->addTab(m_logPanel, tr("Logs"));
    m_tabs->addTab(m_chartsPanel, tr("Charts"));
    m_tabs->addTab(m_eventsPanel, tr("Events"));
    m_tabs->setTabToolTip(0, tr("Live logs of the tasks selected above"));
    m_tabs->setTabToolTip(1, tr("Readers and threads, heartbeat age, heartbeat timeline"));
    m_tabs->setTabToolTip(2, tr("What each task's monitor did and when"));

    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->setObjectName(u"mainSplitter"_s);
    m_vertical->addWidget(m_horizontal);
    m_vertical->addWidget(m_tabs);
    m_vertical->setStretchFactor(0, 2);
    m_vertical->setStretchFactor(1, 3);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_problems);
    layout->addWidget(buildTimeoutBanner());
    layout->addWidget(m_vertical, 1);
    setCentralWidget(central);

    m_indicator = new EngineIndicator(this);
    m_counts = new QLabel(this);
    m_counts->setToolTip(tr("Containers known, tasks monitored, live log readers, OS threads of dockpulse"));
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->addWidget(m_indicator, 1);

    m_controller = new DashboardController(m_engine, *m_containersModel, *m_tasksModel, *m_logStore,
                                           *m_chartsPanel, this);
    connect(m_controller, &DashboardController::enginesChanged, this, &MainWindow::updateEngineState);
    connect(m_controller, &DashboardController::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_controller, &DashboardController::countsChanged, this, [this](int c, int m, int r, int t) {
        m_eventsPanel->setNow(QDateTime::currentMSecsSinceEpoch()); // relative times, once a tick
        m_counts->setText(
            tr("%1 containers · %2 monitored · %3 readers · %4 threads").arg(c).arg(m).arg(r).arg(t));
    });

    buildActions();
    // Everything without a mouse: Tab in the order the window shows it, menus from the keyboard.
    KeyboardNavigation::orderByLayout(*central);
    new KeyboardContextMenu(this);
    updateEngineState();
    resize(1400, 900);
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::buildContainersPane()
{
    auto* pane = new QWidget(this);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("Containers"), pane);
    m_filter = new QLineEdit(pane);
    m_filter->setObjectName(u"containerFilter"_s);
    m_filter->setPlaceholderText(tr("Filter containers (name, image, state, host)"));
    m_filter->setToolTip(
        tr("Shows only containers whose name, image, state, status or host contains this text"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_containersProxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_containersView = TableLook::makeTable(m_containersProxy, u"containersView"_s, pane);
    m_containersView->setToolTip(
        tr("Tick a container (or double-click it, or press Space) to monitor its logs"));
    m_containersView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_containersView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_containersView->sortByColumn(ContainersModel::Name, Qt::AscendingOrder);
    connect(m_containersView, &QTableView::doubleClicked, this, &MainWindow::toggleCurrentContainer);
    m_containersView->horizontalHeader()->setSectionsMovable(true);
    m_containersView->setColumnHidden(ContainersModel::Host, m_engine.engines().size() < 2);
    // Fit the columns to the first containers listed (later the user's widths are kept).
    connect(m_containersModel, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_containersColumnsFitted)
            return;
        m_containersColumnsFitted = true;
        TableLook::fitColumns(*m_containersView);
    });
    connect(m_containersView, &QTableView::customContextMenuRequested, this, &MainWindow::showContainerMenu);
    auto* space = new QAction(m_containersView);
    space->setShortcut(Qt::Key_Space);
    space->setShortcutContext(Qt::WidgetShortcut);
    connect(space, &QAction::triggered, this, &MainWindow::toggleCurrentContainer);
    m_containersView->addAction(space);
    m_containerActions = new ContainerActions(
        *m_containersModel,
        [this](const QString& host) -> docker::DockerClient* {
            for (monitor::EngineWatcher* w : m_engine.engines())
                if (w->host() == host)
                    return &w->client();
            return nullptr;
        },
        this);
    m_containerActions->installShortcuts(*m_containersView, *m_containersProxy);
    connect(m_containerActions, &ContainerActions::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_containerActions, &ContainerActions::failed, this, [this](const QString& text) {
        statusBar()->showMessage(text, 15000);
        auto* box =
            new QMessageBox(QMessageBox::Warning, tr("Container action failed"), text, QMessageBox::Ok, this);
        box->setObjectName(u"containerActionError"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open(); // not modal to the whole app: monitoring goes on
    });
    auto* empty = new EmptyState(m_containersView, [this] {
        if (m_containersModel->rowCount() > 0)
            return tr("No containers match “%1”").arg(m_filter->text());
        return tr("No containers yet: waiting for the engine to list them (or none exist: docker run …)");
    });
    connect(m_filter, &QLineEdit::textChanged, empty, &EmptyState::refresh);
    layout->addWidget(title);
    layout->addWidget(m_filter);
    layout->addWidget(m_containersView, 1);
    return pane;
}

QWidget* MainWindow::buildTasksPane()
{
    auto* pane = new QWidget(this);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("Tasks"), pane);
    m_tasksView = TableLook::makeTable(m_tasksProxy, u"tasksView"_s, pane);
    m_tasksView->setToolTip(tr("One task per monitored container; select tasks to see their logs below"));
    m_tasksView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tasksView->setContextMenuPolicy(Qt::ActionsContextMenu);
    new TaskListActions(*m_tasksView, *m_tasksProxy, *m_tasksModel, m_engine);
    new EmptyState(m_tasksView, [] {
        return tr("No data yet: monitor a container (tick it in the Containers table, or select it and "
                  "press Space)");
    });
    connect(m_tasksView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onTaskSelectionChanged);
    // The model keeps tasks.csv's column order; what matters most at a glance comes first on
    // screen (the user can drag columns, and the order is saved with the session).
    QHeaderView* header = m_tasksView->horizontalHeader();
    header->setSectionsMovable(true);
    const int visualOrder[] = {TasksModel::ContainerName, TasksModel::State,     TasksModel::HeartbeatAgeMs,
                               TasksModel::Heartbeats,    TasksModel::Rotations, TasksModel::Lines,
                               TasksModel::Bytes,         TasksModel::Errors,    TasksModel::LastHeartbeatAt,
                               TasksModel::StartedAt,     TasksModel::Task,      TasksModel::Host,
                               TasksModel::ContainerId,   TasksModel::LastError};
    for (int visual = 0; visual < int(std::size(visualOrder)); ++visual)
        header->moveSection(header->visualIndex(visualOrder[visual]), visual);
    m_tasksView->setColumnHidden(TasksModel::Host, m_engine.engines().size() < 2);
    connect(m_tasksModel, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_tasksColumnsFitted)
            return;
        m_tasksColumnsFitted = true;
        // Wide enough for every state a task will pass through, not only "starting".
        QStringList states;
        for (auto s : {monitor::TaskState::Starting, monitor::TaskState::Streaming,
                       monitor::TaskState::Stalled, monitor::TaskState::Exited, monitor::TaskState::Stopped,
                       monitor::TaskState::TimedOut, monitor::TaskState::Failed})
            states << monitor::taskStateName(s);
        TableLook::fitColumns(*m_tasksView, {{TasksModel::State, states}});
    });
    // New tasks are shown at once: the first task selects itself.
    connect(m_tasksModel, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_tasksView->selectionModel()->hasSelection() && m_tasksProxy->rowCount() > 0)
            m_tasksView->selectRow(0);
    });
    layout->addWidget(title);
    layout->addWidget(m_tasksView, 1);
    return pane;
}

QWidget* MainWindow::buildTimeoutBanner()
{
    auto* banner = new TimeoutBanner(this);
    connect(&m_engine, &monitor::MonitorEngine::eventRecorded, banner,
            [this, banner](const monitor::TaskEventRecord& r) {
                if (r.event != u"heartbeat_timeout"_s)
                    return;
                const monitor::TaskSnapshot t = m_engine.tasks().snapshot(r.task);
                banner->addTimeout({r.task, t.host, t.containerId, t.containerName, r.detail, r.wallMs});
            });
    // A row goes once its task runs again (Monitor again, Monitor all) or leaves the list.
    connect(&m_engine, &monitor::MonitorEngine::taskChanged, banner, [this, banner](const QString& task) {
        if (banner->contains(task) && !monitor::isFinal(m_engine.tasks().snapshot(task).state))
            banner->removeTask(task); // (no snapshot copied for the tasks it does not list)
    });
    connect(&m_engine, &monitor::MonitorEngine::taskAdded, banner, &TimeoutBanner::removeTask);
    connect(&m_engine, &monitor::MonitorEngine::taskReleased, banner,
            [banner](const monitor::TaskSnapshot& last) { banner->removeTask(last.task); });
    connect(banner, &TimeoutBanner::monitorAgainRequested, this, [this](const TimeoutBanner::Timeout& t) {
        m_controller->setMonitored(t.host, t.containerId, t.containerName, true);
    });
    return banner;
}

void MainWindow::buildActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* exportAction = file->addAction(tr("&Export CSV…"), this, &MainWindow::exportCsv);
    exportAction->setObjectName(u"exportAction"_s);
    m_exportAction = exportAction;
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setToolTip(tr("Write tasks, heartbeats, events, metrics and logs as CSV into a folder"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* find = view->addAction(tr("&Find in logs"), this, [this] {
        m_tabs->setCurrentWidget(m_logPanel);
        m_logPanel->focusSearch();
    });
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    QAction* refresh =
        view->addAction(tr("&Refresh containers"), m_controller, &DashboardController::refreshContainers);
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    view->addSeparator();
    const QString tabNames[] = {tr("&Logs"), tr("&Charts"), tr("&Events")};
    for (int i = 0; i < 3; ++i) {
        QAction* tab = view->addAction(tabNames[i], this, [this, i] { m_tabs->setCurrentIndex(i); });
        tab->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
    }
    KeyboardNavigation::addTabSwitching(*view, *m_tabs);
    view->addSeparator();
    QAction* all = view->addAction(tr("Monitor &all running containers"));
    all->setObjectName(u"monitorAllAction"_s);
    m_monitorAll = all;
    all->setCheckable(true);
    all->setChecked(m_engine.monitorsAll());
    all->setToolTip(tr("Monitor every running container, and each one that starts later"));
    connect(all, &QAction::toggled, this, [this](bool on) { m_engine.setMonitorAll(on); });

    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    QAction* configure = settings->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    configure->setObjectName(u"settingsAction"_s);
    configure->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About dockpulse"), this, [this] {
        QMessageBox::about(this, tr("About dockpulse"),
                           tr("dockpulse %1\n\nMonitors Docker containers' logs reliably, and shows how that "
                              "monitoring itself is doing.")
                               .arg(QString::fromLatin1(kVersion)));
    });
    for (QAction* a : {exportAction, quit, find, refresh, all, configure})
        a->setShortcutVisibleInContextMenu(true);
}

void MainWindow::toggleCurrentContainer()
{
    const QModelIndex current = m_containersView->currentIndex();
    if (!current.isValid())
        return;
    const int row = m_containersProxy->mapToSource(current).row();
    const QModelIndex check = m_containersModel->index(row, ContainersModel::Monitor);
    const bool on = check.data(Qt::CheckStateRole).toInt() != Qt::Checked;
    m_containersModel->setData(check, on ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

void MainWindow::showContainerMenu(const QPoint& pos)
{
    const QModelIndex index = m_containersView->indexAt(pos);
    if (!index.isValid())
        return;
    m_containersView->setCurrentIndex(index);
    const int row = m_containersProxy->mapToSource(index).row();
    const bool monitored =
        m_containersModel->index(row, ContainersModel::Monitor).data(Qt::CheckStateRole).toInt() ==
        Qt::Checked;
    // popup(), not exec(): no nested event loop, and the menu stays reachable for tests.
    auto* menu = new QMenu(this);
    menu->setObjectName(u"containerMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(monitored ? tr("Stop monitoring") : tr("Monitor"), this,
                    &MainWindow::toggleCurrentContainer);
    menu->addSeparator();
    m_containerActions->addToMenu(*menu, row);
    menu->popup(m_containersView->viewport()->mapToGlobal(pos));
}

void MainWindow::onTaskSelectionChanged()
{
    const QStringList tasks = selectedTasks(*m_tasksView, *m_tasksProxy, *m_tasksModel);
    m_logPanel->setTasks(tasks);
    m_eventsPanel->setTasks(tasks);
}

void MainWindow::updateEngineState()
{
    QList<QPair<QString, docker::EngineError>> problems;
    QList<std::tuple<QString, QString, EngineIndicator::Health>> engines;
    for (monitor::EngineWatcher* w : m_engine.engines()) {
        const auto api = w->apiVersion();
        EngineIndicator::Health health = EngineIndicator::Health::Connected;
        if (w->state() == monitor::EngineWatcher::State::Connecting)
            health = EngineIndicator::Health::Connecting;
        else if (w->state() == monitor::EngineWatcher::State::Reconnecting)
            health = EngineIndicator::Health::Reconnecting;
        // Plain tcp:// says so wherever the engine is named: it is root on that host for anyone.
        const docker::Endpoint& e = w->endpoint();
        const bool plain = e.scheme == docker::Endpoint::Scheme::Tcp && !e.tls.enabled;
        const QString label = plain ? tr("%1 (unencrypted)").arg(w->host()) : w->host();
        engines.append({label, api ? api->toString() : QString(), health});
        if (w->state() != monitor::EngineWatcher::State::Connected && w->lastError().isError())
            problems.append({w->host(), w->lastError()});
    }
    m_indicator->setEngines(engines);
    m_problems->setProblems(problems);
}

QString MainWindow::exportTo(const QString& dir)
{
    ExportJob job(m_engine, *m_logStore, m_settings.monitor.csvRaw);
    QString error;
    QEventLoop loop;
    connect(&job, &ExportJob::finished, &loop, [&](const QString& e) {
        error = e;
        loop.quit();
    });
    if (job.start(dir) && job.isRunning())
        loop.exec();
    return error;
}

void MainWindow::setRunOverrides(const DashboardSettings& stored, const RunOverrides& overrides)
{
    m_stored = stored;
    m_overrides = overrides;
}

void MainWindow::exportCsv()
{
    QString chooseError;
    const QString dir = ExportFolderChooser::choose(this, m_store, &chooseError);
    if (dir.isEmpty()) {
        if (!chooseError.isEmpty())
            QMessageBox::warning(this, tr("Export failed"), chooseError);
        return;
    }
    // On a worker: the window keeps painting and taking lines while millions are written.
    auto* job = new ExportJob(m_engine, *m_logStore, m_settings.monitor.csvRaw, this);
    // The history's budget may have dropped the run's oldest records: the export says so.
    const qint64 droppedUntilMs = m_engine.history().droppedUntilMs();
    m_exportAction->setEnabled(false);
    startExportWithProgress(
        this, job, dir, [this, job, dir, droppedUntilMs](const QString& error, bool cancelled) {
            job->deleteLater();
            m_exportAction->setEnabled(true);
            if (cancelled)
                statusBar()->showMessage(tr("Export cancelled: nothing was written to %1").arg(dir), 15000);
            else if (!error.isEmpty())
                QMessageBox::warning(this, tr("Export failed"), error);
            else if (droppedUntilMs > 0)
                statusBar()->showMessage(tr("Exported to %1; heartbeats, events and metrics start after %2 "
                                            "(older ones went to keep the "
                                            "history memory at %3 MiB)")
                                             .arg(dir, format::exactTime(droppedUntilMs))
                                             .arg(m_settings.monitor.historyBudgetMiB),
                                         30000);
            else
                statusBar()->showMessage(
                    tr("Exported tasks, heartbeats, events, metrics and logs CSV to %1").arg(dir), 15000);
        });
}

void MainWindow::openSettings()
{
    const docker::EndpointResolver resolver(QProcessEnvironment::systemEnvironment(), QDir::homePath());
    // The dialog edits the stored settings; this run's command line stays laid over them.
    SettingsDialog dialog(m_stored, resolver.contextNames(), this);
    dialog.setRunOverrides(overriddenOptions(m_overrides));
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_stored = dialog.settings();
    saveSettings(m_store, m_stored);
    const DashboardSettings next = effectiveSettings(m_stored, m_overrides);
    if (const QStringList problems = monitor::validateSettings(next.monitor); !problems.isEmpty()) {
        statusBar()->showMessage(
            tr("Settings saved; this run keeps its settings, as with its command line %1")
                .arg(problems.join(u' ')),
            30000);
        return;
    }
    const bool hostsChanged = next.hosts != m_settings.hosts;
    const bool threadsChanged = next.monitor.threads != m_settings.monitor.threads;
    m_settings = next;
    m_engine.applySettings(m_settings.monitor);
    m_logStore->setRetention(m_settings.monitor.logRetentionLines);
    m_logStore->setBudget(m_settings.monitor.logBudgetMiB << 20);
    m_tasksModel->setThresholds(m_settings.monitor.heartbeatEveryMs, m_settings.monitor.taskTimeoutMs);
    m_chartsPanel->setThresholds(m_settings.monitor.heartbeatEveryMs, m_settings.monitor.taskTimeoutMs);
    QString note = tr("Settings applied: the monitors continue from where they are.");
    if (hostsChanged || threadsChanged)
        note += u' ' + tr("Engines and worker threads change when dockpulse starts next.");
    statusBar()->showMessage(note, 15000);
}

void MainWindow::saveSession()
{
    SessionState s;
    s.geometry = saveGeometry();
    s.windowState = saveState();
    s.splitters.insert(m_vertical->objectName(), m_vertical->saveState());
    s.splitters.insert(m_horizontal->objectName(), m_horizontal->saveState());
    s.headers.insert(m_containersView->objectName(), m_containersView->horizontalHeader()->saveState());
    s.headers.insert(m_tasksView->objectName(), m_tasksView->horizontalHeader()->saveState());
    s.tab = m_tabs->currentIndex();
    s.chartWindowMinutes = m_chartsPanel->windowMinutes();
    s.monitored = m_controller->monitoredByName();
    s.monitorAll = m_engine.monitorsAll();
    ui::saveSession(m_store, s);
}

void MainWindow::restoreSession()
{
    const SessionState s = loadSession(m_store);
    if (!s.geometry.isEmpty())
        restoreGeometry(s.geometry);
    if (!s.windowState.isEmpty())
        restoreState(s.windowState);
    if (s.splitters.contains(m_vertical->objectName()))
        m_vertical->restoreState(s.splitters.value(m_vertical->objectName()));
    if (s.splitters.contains(m_horizontal->objectName()))
        m_horizontal->restoreState(s.splitters.value(m_horizontal->objectName()));
    if (s.headers.contains(m_containersView->objectName()))
        m_containersView->horizontalHeader()->restoreState(s.headers.value(m_containersView->objectName()));
    if (s.headers.contains(m_tasksView->objectName()))
        m_tasksView->horizontalHeader()->restoreState(s.headers.value(m_tasksView->objectName()));
    m_tabs->setCurrentIndex(std::clamp(s.tab, 0, m_tabs->count() - 1));
    m_chartsPanel->setWindowMinutes(s.chartWindowMinutes);
    m_controller->monitorByName(s.monitored);
    if (s.monitorAll)
        m_monitorAll->setChecked(true); // toggled: the engine monitors all
}

void MainWindow::monitorOnStart(const QStringList& names)
{
    QList<QPair<QString, QString>> list;
    for (const QString& name : names) {
        if (name == u"all"_s)
            m_monitorAll->setChecked(true); // the menu item says so, and its toggle starts it
        else
            list.append({QString(), name});
    }
    m_controller->monitorByName(list);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSession();
    event->accept();
}

} // namespace dockpulse::ui
