#include "TasksModel.h"

#include "ChangedCells.h"
#include "DisplayFormat.h"

#include <QGuiApplication>
#include <QSet>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

using monitor::TaskSnapshot;

namespace {

bool isNumeric(int column)
{
    return column >= TasksModel::HeartbeatAgeMs && column <= TasksModel::Errors;
}

// The task is failing now (its last error still holds), as opposed to errors it got over.
bool errorIsCurrent(const TaskSnapshot& t)
{
    return t.state == monitor::TaskState::Stalled || t.state == monitor::TaskState::Failed ||
           t.state == monitor::TaskState::TimedOut;
}

} // namespace

TasksModel::TasksModel(QObject* parent) : QAbstractTableModel(parent) {}

void TasksModel::setThresholds(qint64 heartbeatEveryMs, qint64 taskTimeoutMs)
{
    if (heartbeatEveryMs == m_heartbeatEveryMs && taskTimeoutMs == m_taskTimeoutMs)
        return;
    m_heartbeatEveryMs = heartbeatEveryMs;
    m_taskTimeoutMs = taskTimeoutMs;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1),
                           {Qt::ForegroundRole, Qt::BackgroundRole, HealthRole});
}

void TasksModel::rebuildIndex()
{
    m_rowByTask.clear();
    m_rowByTask.reserve(m_rows.size());
    for (int r = 0; r < m_rows.size(); ++r)
        m_rowByTask.insert(m_rows[r].task, r);
}

void TasksModel::setSnapshots(const QList<TaskSnapshot>& tasks)
{
    QHash<QString, qsizetype> incoming; // task -> first position in tasks
    incoming.reserve(tasks.size());
    for (qsizetype i = tasks.size() - 1; i >= 0; --i)
        incoming[tasks[i].task] = i;

    QList<int> gone;
    for (int r = 0; r < m_rows.size(); ++r) {
        if (!incoming.contains(m_rows[r].task))
            gone.append(r);
    }
    for (const auto& [first, last] : rowRunsBottomUp(gone)) {
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        rebuildIndex();
        endRemoveRows();
    }

    ChangedCells changed;
    const quint64 wholeRow = ChangedCells::span(0, ColumnCount - 1);
    for (int r = 0; r < m_rows.size(); ++r) {
        const TaskSnapshot& now = tasks[incoming.value(m_rows[r].task)];
        const TaskSnapshot& before = m_rows[r];
        quint64 columns = 0;
        if (health(before) != health(now) || monitor::isFinal(before.state) != monitor::isFinal(now.state)) {
            columns = wholeRow; // colours of the whole row follow
        } else {
            for (int c = 0; c < ColumnCount; ++c) {
                if (rawValue(before, c) != rawValue(now, c))
                    columns |= quint64(1) << c;
            }
            if (errorIsCurrent(before) != errorIsCurrent(now))
                columns |= ChangedCells::span(Errors, LastError); // red, "(resolved)"
        }
        m_rows[r] = now;
        changed.addRow(r, columns);
    }
    for (const ChangedCells::Range& range : changed.ranges())
        Q_EMIT dataChanged(index(range.top, range.left), index(range.bottom, range.right));

    QList<TaskSnapshot> added;
    QSet<QString> seen;
    for (const TaskSnapshot& t : tasks) {
        if (m_rowByTask.contains(t.task) || seen.contains(t.task))
            continue;
        seen.insert(t.task);
        added.append(t);
    }
    if (added.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    m_rows.append(added);
    rebuildIndex();
    endInsertRows();
}

QString TasksModel::taskAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].task : QString();
}

int TasksModel::rowOf(const QString& task) const
{
    return m_rowByTask.value(task, -1);
}

int TasksModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TasksModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

StatusColors::Health TasksModel::health(const TaskSnapshot& task) const
{
    return StatusColors::health(task.state, task.heartbeatAgeMs, m_heartbeatEveryMs, m_taskTimeoutMs);
}

QVariant TasksModel::rawValue(const TaskSnapshot& t, int column) const
{
    switch (Column(column)) {
    case Task:
        return t.task;
    case Host:
        return t.host;
    case ContainerId:
        return t.containerId;
    case ContainerName:
        return t.containerName;
    case State:
        return monitor::taskStateName(t.state);
    case StartedAt:
        return t.startedAtMs;
    case LastHeartbeatAt:
        return t.lastHeartbeatAtMs;
    case HeartbeatAgeMs:
        return t.heartbeatAgeMs;
    case Heartbeats:
        return t.heartbeats;
    case Rotations:
        return t.rotations;
    case Lines:
        return t.lines;
    case Bytes:
        return t.bytes;
    case Errors:
        return t.errors;
    case LastError:
        return t.lastError;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant TasksModel::displayValue(const TaskSnapshot& t, int column) const
{
    switch (Column(column)) {
    case ContainerId:
        return t.containerId.left(12);
    case StartedAt:
        return format::wallTime(t.startedAtMs);
    case LastHeartbeatAt:
        return format::wallTime(t.lastHeartbeatAtMs);
    case HeartbeatAgeMs:
        return format::ageMs(t.heartbeatAgeMs);
    case Heartbeats:
    case Rotations:
    case Lines:
    case Errors:
        return format::count(rawValue(t, column).toLongLong());
    case Bytes:
        return format::bytes(t.bytes);
    case LastError:
        if (!t.lastError.isEmpty() && !errorIsCurrent(t))
            return QString(u"(resolved) "_s + t.lastError);
        return t.lastError;
    default:
        return rawValue(t, column);
    }
}

QVariant TasksModel::toolTip(const TaskSnapshot& t, int column) const
{
    switch (Column(column)) {
    case Task:
        return format::escapedToolTip({t.task, u"Engine: "_s + t.host});
    case Host:
        return format::escapedToolTip({t.host});
    case ContainerId:
        return format::escapedToolTip({t.containerId});
    case ContainerName:
        return format::escapedToolTip({t.containerName});
    case State:
        return monitor::taskStateName(t.state);
    case StartedAt:
        return format::isoUtc(t.startedAtMs);
    case LastHeartbeatAt:
        return format::isoUtc(t.lastHeartbeatAtMs);
    case HeartbeatAgeMs:
        return u"%1 ms (heartbeat every %2 ms, timeout %3 ms)"_s.arg(format::count(t.heartbeatAgeMs),
                                                                     format::count(m_heartbeatEveryMs),
                                                                     format::count(m_taskTimeoutMs));
    case Bytes:
        return u"%1 bytes"_s.arg(format::count(t.bytes));
    case Errors:
        if (t.errors == 0)
            return {};
        if (errorIsCurrent(t))
            return format::escapedToolTip(
                {u"%1 errors and stalls; failing now:"_s.arg(t.errors), t.lastError});
        return u"%1 errors and stalls so far, none now: the task got over them"_s.arg(t.errors);
    case LastError:
        return t.lastError.isEmpty() ? QVariant() : format::escapedToolTip({t.lastError});
    default:
        return {};
    }
}

QVariant TasksModel::foreground(const TaskSnapshot& t, int column) const
{
    const QPalette palette = QGuiApplication::palette();
    if (column == State)
        return StatusColors::forState(t.state, palette);
    // Red only while the task is failing: a stall that resumed leaves a count, not an alarm.
    if (column == Errors && t.errors > 0 && errorIsCurrent(t))
        return StatusColors::foreground(StatusColors::Health::Danger, palette);
    const StatusColors::Health h = health(t);
    if (column == HeartbeatAgeMs || h == StatusColors::Health::Inactive)
        return StatusColors::foreground(h, palette);
    return {};
}

QVariant TasksModel::background(const TaskSnapshot& t, int column) const
{
    if (column != HeartbeatAgeMs)
        return {};
    const QColor tint = StatusColors::background(health(t), QGuiApplication::palette());
    return tint.isValid() ? QVariant(tint) : QVariant();
}

QVariant TasksModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TaskSnapshot& t = m_rows[index.row()];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(t, column);
    case Qt::ToolTipRole:
        return toolTip(t, column);
    case Qt::ForegroundRole:
        return foreground(t, column);
    case Qt::BackgroundRole:
        return background(t, column);
    case Qt::TextAlignmentRole:
        if (isNumeric(column))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RawValueRole:
        return rawValue(t, column);
    case TaskNameRole:
        return t.task;
    case HealthRole:
        return int(health(t));
    default:
        return {};
    }
}

QVariant TasksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case Task:
            return u"Task"_s;
        case Host:
            return u"Host"_s;
        case ContainerId:
            return u"Container id"_s;
        case ContainerName:
            return u"Container"_s;
        case State:
            return u"State"_s;
        case StartedAt:
            return u"Started"_s;
        case LastHeartbeatAt:
            return u"Last heartbeat"_s;
        case HeartbeatAgeMs:
            return u"Heartbeat age"_s;
        case Heartbeats:
            return u"Heartbeats"_s;
        case Rotations:
            return u"Rotations"_s;
        case Lines:
            return u"Lines"_s;
        case Bytes:
            return u"Bytes"_s;
        case Errors:
            return u"Errors"_s;
        case LastError:
            return u"Last error"_s;
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Task:
            return u"The monitoring task: container_ and the first 12 digits of the container id"_s;
        case Host:
            return u"The Docker engine the container runs on"_s;
        case ContainerId:
            return u"The container's id (the cell's tooltip shows it in full)"_s;
        case ContainerName:
            return u"The container's name"_s;
        case State:
            return u"starting, streaming, stalled (engine not answering, retrying), exited (container not "
                   "running, every line read), stopped, timed_out (cancelled for a stale heartbeat) or failed"_s;
        case StartedAt:
            return u"When the task started (local time; the cell's tooltip shows UTC)"_s;
        case LastHeartbeatAt:
            return u"When the task last sent a heartbeat (local time; tooltip: UTC)"_s;
        case HeartbeatAgeMs:
            return u"Time since the last heartbeat; the task manager times a task out when it exceeds the "
                   "task timeout"_s;
        case Heartbeats:
            return u"Heartbeats sent by the ticker and after rotations"_s;
        case Rotations:
            return u"Log streams that ended (read deadline, end of stream or error) and were reopened"_s;
        case Lines:
            return u"Log lines read"_s;
        case Bytes:
            return u"Log bytes read"_s;
        case Errors:
            return u"Errors and stalls the task met (stream errors, engine not answering); red while the "
                   "task is failing now"_s;
        case LastError:
            return u"The most recent error; \"(resolved)\" once the task got over it"_s;
        case ColumnCount:
            break;
        }
    }
    return {};
}

Qt::ItemFlags TasksModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace dockpulse::ui
