#include "ContainersModel.h"

#include "ChangedCells.h"
#include "DisplayFormat.h"
#include "StatusColors.h"

#include <QDateTime>
#include <QGuiApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

namespace {

constexpr qint64 kNsPerSec = 1000000000;

// Whole seconds from a container's start to now; 0 for a start in the future (clock skew).
qint64 secondsSince(qint64 startedAtNs, qint64 nowSecs)
{
    return qMax<qint64>(0, nowSecs - startedAtNs / kNsPerSec);
}

QString unreachableLine()
{
    return u"engine unreachable: the last known values are shown"_s;
}

// Docker's "(healthy)", "(Paused)", ... at the end of "Up 5 minutes (healthy)".
QString statusSuffix(const QString& dockerStatus)
{
    const qsizetype open = dockerStatus.lastIndexOf(u" ("_s);
    return open > 0 && dockerStatus.endsWith(u')') ? dockerStatus.mid(open) : QString();
}

// "Exited (0) 2 seconds ago" without the "... ago", which was true only when it was listed.
QString withoutAgo(const QString& dockerStatus)
{
    if (!dockerStatus.endsWith(u" ago"_s))
        return dockerStatus;
    const qsizetype code = dockerStatus.indexOf(u')');
    if (code > 0)
        return dockerStatus.left(code + 1);
    const qsizetype space = dockerStatus.indexOf(u' ');
    return space > 0 ? dockerStatus.left(space) : dockerStatus;
}

} // namespace

ContainersModel::ContainersModel(QObject* parent)
    : QAbstractTableModel(parent), m_nowSecs(QDateTime::currentSecsSinceEpoch())
{}

QString ContainersModel::key(const QString& host, const QString& containerId)
{
    // Ids are hex, so the last '#' always separates the two halves.
    return host + u'#' + containerId;
}

std::pair<int, int> ContainersModel::hostRows(const QString& host) const
{
    int first = -1;
    int last = -1;
    for (int r = 0; r < m_rows.size(); ++r) {
        if (m_rows[r].host != host)
            continue;
        if (first < 0)
            first = r;
        last = r;
    }
    if (first < 0)
        return {int(m_rows.size()), int(m_rows.size())};
    return {first, last + 1};
}

void ContainersModel::rebuildIndex()
{
    m_rowByKey.clear();
    m_rowByKey.reserve(m_rows.size());
    for (int r = 0; r < m_rows.size(); ++r)
        m_rowByKey.insert(key(m_rows[r].host, m_rows[r].container.id), r);
}

void ContainersModel::removeRuns(const QList<int>& sortedRows)
{
    for (const auto& [first, last] : rowRunsBottomUp(sortedRows)) {
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        rebuildIndex();
        endRemoveRows();
    }
}

void ContainersModel::setContainers(const QString& host, const QList<docker::ContainerSummary>& containers)
{
    QHash<QString, qsizetype> incoming; // id -> first position in containers
    incoming.reserve(containers.size());
    for (qsizetype i = containers.size() - 1; i >= 0; --i)
        incoming[containers[i].id] = i;

    auto [first, last] = hostRows(host);
    QList<int> gone;
    for (int r = first; r < last; ++r) {
        if (!incoming.contains(m_rows[r].container.id))
            gone.append(r);
    }
    removeRuns(gone);
    last -= int(gone.size());

    ChangedCells changed;
    for (int r = first; r < last; ++r) {
        const Row updated{host, containers[incoming.value(m_rows[r].container.id)]};
        quint64 columns = 0;
        for (int c = 0; c < ColumnCount; ++c) {
            if (rawValue(m_rows[r], c) != rawValue(updated, c))
                columns |= quint64(1) << c;
        }
        m_rows[r] = updated;
        changed.addRow(r, columns);
    }
    for (const ChangedCells::Range& range : changed.ranges())
        Q_EMIT dataChanged(index(range.top, range.left), index(range.bottom, range.right));

    QList<Row> added;
    QSet<QString> seen;
    for (const docker::ContainerSummary& c : containers) {
        if (m_rowByKey.contains(key(host, c.id)) || seen.contains(c.id))
            continue;
        seen.insert(c.id);
        added.append({host, c});
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, last, last + int(added.size()) - 1);
    m_rows.insert(last, added.size(), Row{});
    std::move(added.begin(), added.end(), m_rows.begin() + last);
    rebuildIndex();
    endInsertRows();
}

void ContainersModel::removeHost(const QString& host)
{
    m_unreachable.remove(host);
    const auto [first, last] = hostRows(host);
    if (first == last)
        return;
    beginRemoveRows({}, first, last - 1);
    m_rows.remove(first, last - first);
    rebuildIndex();
    endRemoveRows();
}

void ContainersModel::setMonitored(const QSet<QString>& keys)
{
    QSet<QString> flipped = m_monitored;
    flipped.unite(keys);
    flipped.subtract(QSet<QString>(m_monitored).intersect(keys));
    m_monitored = keys;

    QList<int> rows;
    for (const QString& k : std::as_const(flipped)) {
        const int r = m_rowByKey.value(k, -1);
        if (r >= 0)
            rows.append(r);
    }
    std::sort(rows.begin(), rows.end());
    ChangedCells changed;
    for (int r : std::as_const(rows))
        changed.addRow(r, quint64(1) << Monitor);
    for (const ChangedCells::Range& range : changed.ranges())
        Q_EMIT dataChanged(index(range.top, Monitor), index(range.bottom, Monitor),
                           {Qt::CheckStateRole, RawValueRole});
}

void ContainersModel::setHostReachable(const QString& host, bool reachable)
{
    if (m_unreachable.contains(host) == !reachable)
        return;
    if (reachable)
        m_unreachable.remove(host);
    else
        m_unreachable.insert(host);
    const auto [first, last] = hostRows(host);
    if (first < last)
        Q_EMIT dataChanged(index(first, 0), index(last - 1, ColumnCount - 1),
                           {Qt::ForegroundRole, Qt::ToolTipRole});
}

void ContainersModel::tick(qint64 nowSecs)
{
    if (nowSecs == m_nowSecs)
        return;
    m_nowSecs = nowSecs;
    int first = -1;
    int last = -1;
    for (int r = 0; r < m_rows.size(); ++r) {
        if (uptimeSecs(m_rows[r]) < 0 && liveStatusSecs(m_rows[r]) < 0)
            continue; // neither its Uptime nor its Status moves with the clock
        if (first < 0)
            first = r;
        last = r;
    }
    // Status ("Up 1 m 12 s") ages with the uptime: one rectangle from Status to Uptime.
    if (first >= 0)
        Q_EMIT dataChanged(index(first, Status), index(last, Uptime),
                           {Qt::DisplayRole, Qt::ToolTipRole, RawValueRole});
}

int ContainersModel::rowOf(const QString& host, const QString& containerId) const
{
    return m_rowByKey.value(key(host, containerId), -1);
}

QString ContainersModel::hostAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].host : QString();
}

QString ContainersModel::containerIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].container.id : QString();
}

QString ContainersModel::nameAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].container.name() : QString();
}

int ContainersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ContainersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 ContainersModel::uptimeSecs(const Row& row) const
{
    if (row.container.state != u"running"_s || row.container.startedAtNs <= 0)
        return -1;
    return secondsSince(row.container.startedAtNs, m_nowSecs);
}

qint64 ContainersModel::liveStatusSecs(const Row& row) const
{
    const QString& state = row.container.state;
    if ((state != u"running"_s && state != u"paused"_s) || row.container.startedAtNs <= 0 ||
        !row.container.status.startsWith(u"Up "_s))
        return -1;
    return secondsSince(row.container.startedAtNs, m_nowSecs);
}

QString ContainersModel::statusText(const Row& row) const
{
    const qint64 up = liveStatusSecs(row);
    if (up >= 0)
        return u"Up "_s + format::duration(up) + statusSuffix(row.container.status);
    return withoutAgo(row.container.status);
}

bool ContainersModel::isMonitored(const Row& row) const
{
    return m_monitored.contains(key(row.host, row.container.id));
}

QVariant ContainersModel::rawValue(const Row& row, int column) const
{
    switch (Column(column)) {
    case Monitor:
        return isMonitored(row);
    case Name:
        return row.container.name();
    case Image:
        return row.container.image;
    case State:
        return row.container.state;
    case Status:
        return row.container.status;
    case Host:
        return row.host;
    case Uptime:
        return uptimeSecs(row);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ContainersModel::displayValue(const Row& row, int column) const
{
    switch (Column(column)) {
    case Monitor:
        return {}; // the checkbox says it
    case Uptime: {
        const qint64 secs = uptimeSecs(row);
        return secs < 0 ? QString() : format::duration(secs);
    }
    case Status:
        return statusText(row);
    default:
        return rawValue(row, column);
    }
}

QVariant ContainersModel::toolTip(const Row& row, int column) const
{
    const docker::ContainerSummary& c = row.container;
    QStringList lines;
    switch (Column(column)) {
    case Monitor:
        lines = {u"Monitor this container's logs (Space, double-click)"_s};
        break;
    case Name:
        lines = {c.name(), u"Id: "_s + c.id};
        break;
    case Image:
        lines = {c.image};
        break;
    case State:
        if (m_unreachable.contains(row.host))
            return format::escapedToolTip({u"engine unreachable"_s, u"last known state: "_s + c.state});
        lines = {u"State: "_s + c.state};
        break;
    case Status:
        lines = {c.status.isEmpty() ? QString() : u"Docker said, when it listed: "_s + c.status};
        break;
    case Host:
        lines = {u"Engine: "_s + row.host};
        break;
    case Uptime:
        if (uptimeSecs(row) >= 0)
            lines = {u"Started at "_s + format::isoUtc(c.startedAtNs / 1000000)};
        else
            lines = {u"Shown for running containers once their start time is known"_s};
        break;
    case ColumnCount:
        return {};
    }
    if (m_unreachable.contains(row.host))
        lines.append(unreachableLine());
    else if (column == Monitor)
        return lines.first(); // no container text in it: plain
    return format::escapedToolTip(lines);
}

QVariant ContainersModel::foreground(const Row& row, int column) const
{
    const QPalette palette = QGuiApplication::palette();
    if (m_unreachable.contains(row.host))
        return palette.color(QPalette::Disabled, QPalette::Text);
    if (column != State)
        return {};
    const QString& state = row.container.state;
    using Health = StatusColors::Health;
    if (state == u"running"_s)
        return StatusColors::foreground(Health::Healthy, palette);
    if (state == u"exited"_s || state == u"dead"_s)
        return StatusColors::foreground(Health::Inactive, palette);
    if (state == u"restarting"_s || state == u"paused"_s)
        return StatusColors::foreground(Health::Warning, palette);
    return {};
}

QVariant ContainersModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::ForegroundRole:
        return foreground(row, column);
    case Qt::CheckStateRole:
        if (column == Monitor)
            return int(isMonitored(row) ? Qt::Checked : Qt::Unchecked);
        return {};
    case Qt::TextAlignmentRole:
        if (column == Uptime)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RawValueRole:
        return rawValue(row, column);
    case ContainerIdRole:
        return row.container.id;
    case HostRole:
        return row.host;
    case NameRole:
        return row.container.name();
    default:
        return {};
    }
}

QVariant ContainersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case Monitor:
            return u"Monitor"_s;
        case Name:
            return u"Name"_s;
        case Image:
            return u"Image"_s;
        case State:
            return u"State"_s;
        case Status:
            return u"Status"_s;
        case Host:
            return u"Host"_s;
        case Uptime:
            return u"Uptime"_s;
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Monitor:
            return u"Whether a monitoring task follows this container's logs"_s;
        case Name:
            return u"Container name (the tooltip of a cell shows the full id)"_s;
        case Image:
            return u"Image the container was created from"_s;
        case State:
            return u"Docker's state: created, running, paused, restarting, removing, exited or dead"_s;
        case Status:
            return u"Docker's status, kept current: \"Up 4 m 12 s\" from the start time (the tooltip "
                   "shows Docker's own line)"_s;
        case Host:
            return u"The Docker engine the container runs on"_s;
        case Uptime:
            return u"Time since the container started (running containers only)"_s;
        case ColumnCount:
            break;
        }
    }
    return {};
}

Qt::ItemFlags ContainersModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == Monitor)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool ContainersModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::CheckStateRole || index.column() != Monitor ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Row& row = m_rows[index.row()];
    Q_EMIT monitorToggled(row.host, row.container.id, row.container.name(), value.toInt() == Qt::Checked);
    return true;
}

} // namespace dockpulse::ui
