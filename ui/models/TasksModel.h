#pragma once

#include "Records.h"
#include "StatusColors.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace dockpulse::ui {

// The monitoring tasks, one row each, with the columns of tasks.csv. Fed a fresh snapshot list a
// few times a second: rows keep their order and only the cells whose value changed are signalled,
// in rectangles, so the view repaints little and selection survives.
class TasksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Exactly the tasks.csv columns, in order (docs/CONTRACT.md).
    enum Column
    {
        Task,
        Host,
        ContainerId,
        ContainerName,
        State,
        StartedAt,
        LastHeartbeatAt,
        HeartbeatAgeMs,
        Heartbeats,
        Rotations,
        Lines,
        Bytes,
        Errors,
        LastError,
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1, // sortable value: ms since epoch, ms, counts, bytes, strings
        TaskNameRole,
        HealthRole // the row's StatusColors::Health, as int (any column)
    };

    explicit TasksModel(QObject* parent = nullptr);

    // Colours: healthy below the heartbeat period, warning above it, danger above 80% of the
    // task timeout (StatusColors::health). Defaults are 30 s and 300 s.
    void setThresholds(qint64 heartbeatEveryMs, qint64 taskTimeoutMs);
    // The current snapshots. Rows keep their order; new tasks are appended with one
    // beginInsertRows; tasks no longer listed are removed (in runs); only cells whose value changed
    // get dataChanged, coalesced into rectangles (ChangedCells). A row whose health changes is
    // signalled whole, since every column answers HealthRole.
    void setSnapshots(const QList<monitor::TaskSnapshot>& tasks);
    QString taskAt(int row) const;
    int rowOf(const QString& task) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    StatusColors::Health health(const monitor::TaskSnapshot& task) const;
    QVariant rawValue(const monitor::TaskSnapshot& task, int column) const;
    QVariant displayValue(const monitor::TaskSnapshot& task, int column) const;
    QVariant toolTip(const monitor::TaskSnapshot& task, int column) const;
    QVariant foreground(const monitor::TaskSnapshot& task, int column) const;
    QVariant background(const monitor::TaskSnapshot& task, int column) const;
    void rebuildIndex();

    QList<monitor::TaskSnapshot> m_rows;
    QHash<QString, int> m_rowByTask;
    qint64 m_heartbeatEveryMs = 30000;
    qint64 m_taskTimeoutMs = 300000;
};

} // namespace dockpulse::ui
