#include "EventsModel.h"

#include "DisplayFormat.h"
#include "StatusColors.h"

#include <QDateTime>
#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

using monitor::TaskEventRecord;

namespace {
// "just now", "12 s ago", "4 m 05 s ago": the time since, in the tables' duration words.
QString relative(qint64 wallMs, qint64 nowMs)
{
    const qint64 secs = (nowMs - wallMs) / 1000;
    return secs <= 0 ? u"just now"_s : format::duration(secs) + u" ago"_s;
}

// Details are one line in the table; the tooltip keeps them whole.
QString oneLine(const QString& text)
{
    QString out = text;
    out.replace(u"\r\n"_s, u" ⏎ "_s).replace(u'\n', u" ⏎ "_s).replace(u'\r', u' ');
    return out;
}
} // namespace

EventsModel::EventsModel(int capacity, QObject* parent)
    : QAbstractTableModel(parent), m_capacity(std::max(1, capacity)),
      m_nowMs(QDateTime::currentMSecsSinceEpoch())
{}

bool EventsModel::isImportant(const QString& event)
{
    return event == u"heartbeat_timeout"_s || event == u"safety_net"_s || event == u"stalled"_s ||
           event == u"error"_s || event == u"gap"_s;
}

void EventsModel::append(const TaskEventRecord& record)
{
    if (int(m_rows.size()) >= m_capacity) {
        beginRemoveRows({}, 0, 0);
        m_rows.pop_front();
        endRemoveRows();
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.push_back(record);
    endInsertRows();
}

void EventsModel::setNow(qint64 wallMs)
{
    // Relative times move in whole seconds: nothing to repaint within one.
    if (wallMs / 1000 == m_nowMs / 1000) {
        m_nowMs = wallMs;
        return;
    }
    m_nowMs = wallMs;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, Time), index(int(m_rows.size()) - 1, Time), {Qt::DisplayRole});
}

int EventsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventsModel::foreground(const TaskEventRecord& r) const
{
    const QPalette palette = QGuiApplication::palette();
    if (r.event == u"safety_net"_s || r.event == u"stalled"_s)
        return StatusColors::foreground(StatusColors::Health::Warning, palette);
    if (isImportant(r.event))
        return StatusColors::foreground(StatusColors::Health::Danger, palette);
    if (r.event == u"rotated"_s || r.event == u"stream_opened"_s)
        return palette.color(QPalette::Disabled, QPalette::Text); // routine: quiet
    return {};
}

QVariant EventsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TaskEventRecord& r = m_rows[size_t(index.row())];
    const QString name = r.containerName.isEmpty() ? r.task : r.containerName;
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Time:
            return relative(r.wallMs, m_nowMs);
        case Container:
            return name;
        case Event:
            return r.event;
        case Detail:
            return oneLine(r.detail);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case Time:
            return u"%1 (%2)"_s.arg(format::exactTime(r.wallMs), format::isoUtc(r.wallMs));
        case Container:
            return format::escapedToolTip({name, u"Task: "_s + r.task});
        case Detail:
            return r.detail.isEmpty() ? QVariant() : format::escapedToolTip(r.detail.split(u'\n'));
        default:
            return {};
        }
    case Qt::ForegroundRole:
        return index.column() == Time ? QVariant() : foreground(r);
    case RawValueRole:
        switch (Column(index.column())) {
        case Time:
            return r.wallMs;
        case Container:
            return name;
        case Event:
            return r.event;
        case Detail:
            return r.detail;
        case ColumnCount:
            break;
        }
        return {};
    case TaskRole:
        return r.task;
    case EventRole:
        return r.event;
    case ImportantRole:
        return isImportant(r.event);
    default:
        return {};
    }
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[] = {"Time", "Container", "Event", "Detail"};
    static const char* const tips[] = {
        "How long ago it happened (the tooltip shows the exact time)", "The container the task monitors",
        "What the task's monitor did: stream_opened, rotated, stalled, resumed, container_exited, "
        "heartbeat_timeout, ...",
        "More about it (the tooltip shows it whole)"};
    if (role == Qt::DisplayRole)
        return QString::fromLatin1(names[section]);
    if (role == Qt::ToolTipRole)
        return QString::fromLatin1(tips[section]);
    return {};
}

Qt::ItemFlags EventsModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace dockpulse::ui
