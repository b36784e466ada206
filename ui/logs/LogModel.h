#pragma once

#include "LogFilter.h"
#include "LogLineText.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <vector>

namespace dockpulse::ui {

class LogStore;
class TaskLogBuffer;

// The lines of the selected tasks, merged in arrival order. Store changes are coalesced and
// applied once per flush (a timer tick, default 50 ms): one beginRemoveRows for the lines gone
// from the front, one beginInsertRows for all new lines; never a reset for new lines.
// With several tasks the view holds the newest `retention` lines of their union, so it is
// always a contiguous, gap-free window of the merged log and trims only ever hit its front.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        ContainerColumn,
        StreamColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role
    {
        // The exact value, for sorting and export: ns since epoch (Time), name (Container),
        // docker::LogStreamKind as int (Stream), the raw bytes as QByteArray (Message).
        RawRole = Qt::UserRole,
        StreamRole,      // docker::LogStreamKind as int, any column
        TimestampNsRole, // qint64, any column
        TaskRole,        // QString, any column
        DisplayLineRole, // DisplayLine (text + ANSI colour spans), its first 2048 characters at most
        LevelRole,       // docker::LogLevel as int, any column
        SeparatorRole,   // bool, any column: a container restart's row, not a log line
        PieceRole,       // docker::LinePiece as int, any column: a piece of a line cut at the line cap
    };

    explicit LogModel(LogStore& store, QObject* parent = nullptr);
    ~LogModel() override;

    void setTasks(const QStringList& tasks); // resets the model unless the list is unchanged
    QStringList tasks() const;
    // Rows only for the lines the filter accepts (rebuilds the rows when it changes).
    void setFilter(const LogFilter& filter);
    const LogFilter& filter() const { return m_filter; }
    // Applies pending store changes now (the timer calls it; tests may too).
    void flush();
    bool hasPendingChanges() const { return m_dirty || !m_pending.empty(); }
    void setFlushInterval(int ms) { m_flushTimer.setInterval(ms); }
    int flushInterval() const { return m_flushTimer.interval(); }

    // A row's identity across flushes: rows removed from the front since the last reset, plus
    // the row. Search results and "current match" are kept as serials.
    qint64 serialBase() const { return m_serialBase; }
    qint64 rowSerial(int row) const { return m_serialBase + row; }
    int rowOfSerial(qint64 serial) const;

    // The start of the message as shown (2048 characters at most): cached, for painting.
    DisplayLine displayLine(int row) const;
    // The same text without caching, for scans over many rows (search, copy).
    QString messageText(int row) const;
    QString timeText(int row) const; // local time with milliseconds
    QString containerName(int row) const;
    // A restart's separator row (TaskLogBuffer::Line::separator): no search match, no log line.
    bool isSeparator(int row) const;
    // False for a row whose line the store trimmed since the last flush (it shows empty until then).
    bool isLineAvailable(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // After a flush that changed rows.
    void flushed(int removedFromFront, int inserted);

private:
    struct Ref
    {
        qint32 slot;
        qint64 index; // line index in the slot's TaskLogBuffer
    };
    struct Slot
    {
        QString task;
        const TaskLogBuffer* buffer = nullptr;
        qint64 nextIndex = 0;    // index of the next line this model will take
        qint64 firstInModel = 0; // oldest line of this slot among the rows
        qsizetype countInModel = 0;
    };
    struct CacheEntry
    {
        qint32 slot = -1;
        qint64 index = -1;
        DisplayLine line; // at most kDisplayChars of it
        bool complete = false;
        QString time;
    };

    void onLinesAppended(const QString& task, qsizetype count);
    void onStoreChanged(const QString& task);
    // The task's lines were released or moved: rows hold line indices, so rebuild if it is shown.
    void rebuildIfShown(const QString& task);
    void scheduleFlush();
    void rebuild();
    bool isStale(const Ref& ref) const;
    bool isShown(const Ref& ref) const;
    QVariant separatorData(int column, int role) const;
    const Slot* resolve(const Ref& ref) const;
    CacheEntry& cacheEntry(const Ref& ref) const;

    LogStore& m_store;
    std::vector<Slot> m_slots;
    QHash<QString, int> m_slotOfTask;
    std::deque<Ref> m_rows;
    qint64 m_serialBase = 0;
    std::vector<std::pair<int, qsizetype>> m_pending; // appended lines per slot, arrival order
    bool m_dirty = false;                             // trims or a retention change to apply
    QTimer m_flushTimer;
    LogFilter m_filter;
    mutable std::vector<CacheEntry> m_cache;
};

} // namespace dockpulse::ui
