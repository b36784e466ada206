#pragma once

#include "Records.h"

#include <QAbstractTableModel>
#include <QList>

#include <deque>

namespace dockpulse::ui {

// The task lifecycle events (events.csv's rows), newest last, for the Events tab: time (relative,
// "12 s ago", with the exact time in the tooltip), container name, event, detail. Holds at most
// `capacity` events; the oldest go first (one removal per overflow, never a reset).
class EventsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Time,
        Container,
        Event,
        Detail,
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1, // sortable: ms since the epoch, strings
        TaskRole,
        EventRole,
        ImportantRole // bool: one of the events that matter (isImportant)
    };
    static constexpr int kDefaultCapacity = 5000;

    explicit EventsModel(int capacity = kDefaultCapacity, QObject* parent = nullptr);

    // heartbeat_timeout, safety_net, stalled and error: what a user must not miss.
    static bool isImportant(const QString& event);

    void append(const monitor::TaskEventRecord& record);
    // The clock relative times are said against; signals the Time column when it changes.
    void setNow(qint64 wallMs);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    QVariant foreground(const monitor::TaskEventRecord& r) const;

    std::deque<monitor::TaskEventRecord> m_rows;
    int m_capacity;
    qint64 m_nowMs;
};

} // namespace dockpulse::ui
