#pragma once

#include "DockerClient.h"

#include <QObject>

#include <functional>

class QAbstractProxyModel;
class QMenu;
class QTableView;
class QWidget;

namespace dockpulse::ui {

class ContainersModel;

// Start, stop, restart, pause/unpause and remove a container of the containers table through its
// engine's API: from the context menu and from keys on the table. Removing asks first (and for a
// running container asks to force it). A refusal shows the daemon's own message.
class ContainerActions : public QObject
{
    Q_OBJECT
public:
    enum class Kind
    {
        Start,
        Stop,
        Restart,
        Pause,
        Unpause,
        Remove,
    };
    // The client of an engine by its host name; nullptr when there is none.
    using ClientOf = std::function<docker::DockerClient*(const QString& host)>;
    // Asks the user; true to go ahead. Tests replace it.
    using Confirm = std::function<bool(const QString& title, const QString& text)>;

    ContainerActions(ContainersModel& model, ClientOf clientOf, QWidget* dialogParent);

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    // The actions that apply to the container in a source row, each with its key shown.
    void addToMenu(QMenu& menu, int sourceRow);
    // The same keys on the table, acting on its current row (view rows through proxy).
    void installShortcuts(QTableView& view, QAbstractProxyModel& proxy);
    void run(int sourceRow, Kind kind);

    static QKeySequence keyOf(Kind kind);

Q_SIGNALS:
    // A progress or result line for the status bar.
    void message(const QString& text);
    // The engine refused or could not be reached: the whole reason.
    void failed(const QString& text);

private:
    bool applies(Kind kind, const QString& state) const;
    void report(const QString& name, Kind kind, const docker::EngineResult<bool>& result);

    ContainersModel& m_model;
    ClientOf m_clientOf;
    QWidget* m_dialogParent;
    Confirm m_confirm;
};

} // namespace dockpulse::ui
