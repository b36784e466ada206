#pragma once

#include "EngineTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

#include <utility>

namespace dockpulse::ui {

// The containers of every engine, one row each. An engine's rows stay together (a new engine's
// go at the end). Updates are incremental (dataChanged in rectangles, inserts and removals in runs),
// never a reset, so selection and scroll position survive the engine watcher's refreshes.
class ContainersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Monitor,
        Name,
        Image,
        State,
        Status,
        Host,
        Uptime,
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1, // sortable value: strings, uptime seconds (-1), monitor bool
        ContainerIdRole,
        HostRole,
        NameRole
    };

    explicit ContainersModel(QObject* parent = nullptr);

    // Replaces the containers of one engine, leaving other engines' rows alone. Rows stay stable:
    // changed rows get dataChanged (coalesced into contiguous ranges), new ones are inserted at the
    // end of the engine's rows, gone ones removed. Never a model reset.
    void setContainers(const QString& host, const QList<docker::ContainerSummary>& containers);
    void removeHost(const QString& host);
    // Which containers have a live monitoring task (the checkbox state). Keys from key().
    void setMonitored(const QSet<QString>& keys);
    static QString key(const QString& host, const QString& containerId);
    // An unreachable engine's rows stay, greyed, with "engine unreachable" in their tooltips.
    void setHostReachable(const QString& host, bool reachable);
    // Re-evaluates the live columns against nowSecs (call every second): one dataChanged range
    // from Status to Uptime, from the first to the last row that shows either live.
    void tick(qint64 nowSecs);

    int rowOf(const QString& host, const QString& containerId) const;
    QString hostAt(int row) const;
    QString containerIdAt(int row) const;
    QString nameAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Qt::CheckStateRole on the Monitor column only asks: it emits monitorToggled and leaves the
    // check state alone until the owner calls setMonitored().
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

Q_SIGNALS:
    void monitorToggled(const QString& host, const QString& containerId, const QString& name, bool monitor);

private:
    struct Row
    {
        QString host;
        docker::ContainerSummary container;
    };

    QVariant rawValue(const Row& row, int column) const;
    QVariant displayValue(const Row& row, int column) const;
    QVariant toolTip(const Row& row, int column) const;
    QVariant foreground(const Row& row, int column) const;
    qint64 uptimeSecs(const Row& row) const; // -1 when not shown
    // Seconds since start for a Status said live ("Up ..."); -1 when Docker's words are kept.
    qint64 liveStatusSecs(const Row& row) const;
    QString statusText(const Row& row) const;
    bool isMonitored(const Row& row) const;
    // [first, last) rows of host; first == last (the insertion point) when it has none.
    std::pair<int, int> hostRows(const QString& host) const;
    void removeRuns(const QList<int>& sortedRows);
    void rebuildIndex();

    QList<Row> m_rows;
    QHash<QString, int> m_rowByKey;
    QSet<QString> m_monitored;
    QSet<QString> m_unreachable;
    qint64 m_nowSecs = 0;
};

} // namespace dockpulse::ui
