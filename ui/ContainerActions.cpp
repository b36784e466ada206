#include "ContainerActions.h"

#include "ContainersModel.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

namespace {
using Kind = ContainerActions::Kind;
constexpr Kind kAll[] = {Kind::Start, Kind::Stop, Kind::Restart, Kind::Pause, Kind::Unpause, Kind::Remove};

QString label(Kind kind)
{
    switch (kind) {
    case Kind::Start:
        return ContainerActions::tr("S&tart");
    case Kind::Stop:
        return ContainerActions::tr("St&op");
    case Kind::Restart:
        return ContainerActions::tr("&Restart");
    case Kind::Pause:
        return ContainerActions::tr("&Pause");
    case Kind::Unpause:
        return ContainerActions::tr("&Unpause");
    case Kind::Remove:
        return ContainerActions::tr("Remo&ve…");
    }
    return {};
}

// "stopped", "restarted": for the status bar.
QString done(Kind kind)
{
    switch (kind) {
    case Kind::Start:
        return ContainerActions::tr("started");
    case Kind::Stop:
        return ContainerActions::tr("stopped");
    case Kind::Restart:
        return ContainerActions::tr("restarted");
    case Kind::Pause:
        return ContainerActions::tr("paused");
    case Kind::Unpause:
        return ContainerActions::tr("unpaused");
    case Kind::Remove:
        return ContainerActions::tr("removed");
    }
    return {};
}

docker::ContainerAction apiAction(Kind kind)
{
    switch (kind) {
    case Kind::Stop:
        return docker::ContainerAction::Stop;
    case Kind::Restart:
        return docker::ContainerAction::Restart;
    case Kind::Pause:
        return docker::ContainerAction::Pause;
    case Kind::Unpause:
        return docker::ContainerAction::Unpause;
    case Kind::Start:
    case Kind::Remove:
        break;
    }
    return docker::ContainerAction::Start;
}
} // namespace

ContainerActions::ContainerActions(ContainersModel& model, ClientOf clientOf, QWidget* dialogParent)
    : QObject(dialogParent), m_model(model), m_clientOf(std::move(clientOf)), m_dialogParent(dialogParent),
      m_confirm([this](const QString& title, const QString& text) {
          return QMessageBox::question(m_dialogParent, title, text, QMessageBox::Yes | QMessageBox::Cancel,
                                       QMessageBox::Cancel) == QMessageBox::Yes;
      })
{}

QKeySequence ContainerActions::keyOf(Kind kind)
{
    switch (kind) {
    case Kind::Start:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
    case Kind::Stop:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X);
    case Kind::Restart:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    case Kind::Pause:
    case Kind::Unpause:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P); // toggles
    case Kind::Remove:
        return QKeySequence(Qt::Key_Delete);
    }
    return {};
}

bool ContainerActions::applies(Kind kind, const QString& state) const
{
    const bool running = state == u"running"_s || state == u"restarting"_s;
    const bool paused = state == u"paused"_s;
    switch (kind) {
    case Kind::Start:
        return !running && !paused;
    case Kind::Stop:
        return running || paused;
    case Kind::Restart:
    case Kind::Pause:
        return running;
    case Kind::Unpause:
        return paused;
    case Kind::Remove:
        return state != u"removing"_s;
    }
    return false;
}

void ContainerActions::addToMenu(QMenu& menu, int sourceRow)
{
    const QString state = m_model.index(sourceRow, ContainersModel::State).data().toString();
    for (const Kind kind : kAll) {
        if ((kind == Kind::Pause && state == u"paused"_s) || (kind == Kind::Unpause && state != u"paused"_s))
            continue; // one entry for the pause toggle
        if (kind == Kind::Remove)
            menu.addSeparator();
        QAction* a = menu.addAction(label(kind), this, [this, sourceRow, kind] { run(sourceRow, kind); });
        a->setShortcut(keyOf(kind));
        a->setShortcutVisibleInContextMenu(true);
        a->setEnabled(applies(kind, state));
        a->setObjectName(u"containerAction"_s + QString::number(int(kind)));
    }
}

void ContainerActions::installShortcuts(QTableView& view, QAbstractProxyModel& proxy)
{
    for (const Kind kind : {Kind::Start, Kind::Stop, Kind::Restart, Kind::Pause, Kind::Remove}) {
        auto* a = new QAction(label(kind), &view);
        a->setShortcut(keyOf(kind));
        a->setShortcutContext(Qt::WidgetShortcut);
        connect(a, &QAction::triggered, this, [this, &view, &proxy, kind] {
            const QModelIndex current = view.currentIndex();
            if (!current.isValid())
                return;
            const int row = proxy.mapToSource(current).row();
            Kind k = kind;
            if (k == Kind::Pause &&
                m_model.index(row, ContainersModel::State).data().toString() == u"paused"_s)
                k = Kind::Unpause;
            if (applies(k, m_model.index(row, ContainersModel::State).data().toString()))
                run(row, k);
            else
                Q_EMIT message(tr("%1 cannot be %2 now: it is %3")
                                   .arg(m_model.nameAt(row), done(k),
                                        m_model.index(row, ContainersModel::State).data().toString()));
        });
        view.addAction(a);
    }
}

void ContainerActions::run(int sourceRow, Kind kind)
{
    const QString name = m_model.nameAt(sourceRow);
    const QString id = m_model.containerIdAt(sourceRow);
    const QString host = m_model.hostAt(sourceRow);
    const QString state = m_model.index(sourceRow, ContainersModel::State).data().toString();
    docker::DockerClient* client = m_clientOf ? m_clientOf(host) : nullptr;
    if (id.isEmpty() || !client) {
        Q_EMIT failed(tr("%1: no engine to ask (%2)").arg(name, host));
        return;
    }
    auto callback = [this, name, kind](docker::EngineResult<bool> r) {
        report(name, kind, r);
    };
    if (kind == Kind::Remove) {
        const bool running = state == u"running"_s || state == u"restarting"_s || state == u"paused"_s;
        const QString text =
            running
                ? tr("%1 is %2. Stop it and remove it (force)?\n\nIts logs and changes inside it are lost.")
                      .arg(name, state)
                : tr("Remove %1?\n\nIts logs and changes inside it are lost.").arg(name);
        if (!m_confirm(tr("Remove container"), text))
            return;
        Q_EMIT message(tr("Removing %1…").arg(name));
        client->removeContainer(id, running, std::move(callback));
        return;
    }
    Q_EMIT message(
        tr("%1: %2…").arg(name, QString::fromLatin1(docker::containerActionVerb(apiAction(kind)))));
    client->containerAction(id, apiAction(kind), std::move(callback));
}

void ContainerActions::report(const QString& name, Kind kind, const docker::EngineResult<bool>& result)
{
    if (!result) {
        const QString text = tr("%1 could not be %2: %3").arg(name, done(kind), result.error().toString());
        Q_EMIT failed(text);
        return;
    }
    Q_EMIT message(result.value() ? tr("%1 %2").arg(name, done(kind))
                                  : tr("%1 was already %2").arg(name, done(kind)));
}

} // namespace dockpulse::ui
