#include "LogModel.h"

#include "ContainerColors.h"
#include "DisplayFormat.h"

#include "LogStore.h"
#include "LogTimestamp.h"
#include "NewestMerge.h"
#include "RestartSeparators.h"
#include "StatusColors.h"

#include <QDateTime>
#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

namespace {

// Direct-mapped: the rows on screen have consecutive line indices, so they never collide.
constexpr std::size_t kCacheSize = 1024;
// A row shows at most a screen's width of its line: the cache keeps only that much, so that
// 100 KB lines cost no more than short ones.
constexpr qsizetype kDisplayChars = 2048;
constexpr qsizetype kDisplayBytes = 16 * 1024;

void truncate(DisplayLine& line, qsizetype chars)
{
    if (line.text.size() <= chars)
        return;
    line.text.truncate(chars);
    while (!line.spans.isEmpty() && line.spans.last().start >= chars)
        line.spans.removeLast();
    if (!line.spans.isEmpty())
        line.spans.last().length = qMin(line.spans.last().length, int(chars) - line.spans.last().start);
}

QString localTime(qint64 ns)
{
    const qint64 ms = ns >= 0 ? ns / 1'000'000 : (ns - 999'999) / 1'000'000;
    return format::exactTime(ms);
}

QString streamName(docker::LogStreamKind stream)
{
    return stream == docker::LogStreamKind::Stderr ? u"stderr"_s : u"stdout"_s;
}

// A piece of a line longer than the line cap: ↳ where it continues the row before on its stream,
// ↴ where the next row on its stream continues it.
QString streamText(docker::LogStreamKind stream, docker::LinePiece piece)
{
    const bool continues = piece == docker::LinePiece::Middle || piece == docker::LinePiece::Last;
    return (continues ? u"\u21b3 "_s : QString()) + streamName(stream) +
           (docker::isContinued(piece) ? u" \u21b4"_s : QString());
}

QString pieceToolTip(docker::LogStreamKind stream, docker::LinePiece piece)
{
    const QString name = streamName(stream);
    switch (piece) {
    case docker::LinePiece::Whole:
        return {};
    case docker::LinePiece::First:
        return LogModel::tr("The start of a line longer than the line cap (--max-line): the next %1 row "
                            "continues it")
            .arg(name);
    case docker::LinePiece::Middle:
        return LogModel::tr("A piece of a line longer than the line cap (--max-line): it continues the "
                            "previous %1 row, and the next %1 row continues it")
            .arg(name);
    case docker::LinePiece::Last:
        return LogModel::tr("The end of a line longer than the line cap (--max-line): it continues the "
                            "previous %1 row")
            .arg(name);
    }
    return {};
}

} // namespace

LogModel::LogModel(LogStore& store, QObject* parent) : QAbstractTableModel(parent), m_store(store)
{
    m_cache.resize(kCacheSize);
    m_flushTimer.setObjectName(u"logModelFlush"_s); // named for profiles and benchmarks
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(50);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogModel::flush);
    connect(&store, &LogStore::linesAppended, this, &LogModel::onLinesAppended);
    connect(&store, &LogStore::linesTrimmed, this, [this](const QString& task) { onStoreChanged(task); });
    // A released task's buffer is gone: rebuild without it before anything reads the old pointer.
    connect(&store, &LogStore::taskReleased, this, &LogModel::rebuildIfShown);
    // Rows hold line indices: lines that moved up under a separator are read again (rare: a restart).
    connect(&store, &LogStore::linesMoved, this, &LogModel::rebuildIfShown);
    connect(&store, &LogStore::retentionChanged, this, [this] {
        m_dirty = true;
        scheduleFlush();
    });
}

LogModel::~LogModel() = default;

QStringList LogModel::tasks() const
{
    QStringList out;
    for (const Slot& slot : m_slots)
        out.append(slot.task);
    return out;
}

void LogModel::setTasks(const QStringList& tasks)
{
    QStringList unique;
    for (const QString& task : tasks) {
        if (!unique.contains(task))
            unique.append(task);
    }
    // The merge does not depend on the order: the same set keeps the rows (and the scroll position).
    QStringList sorted = unique;
    QStringList current = this->tasks();
    sorted.sort();
    current.sort();
    if (sorted == current)
        return;
    m_slots.clear();
    m_slotOfTask.clear();
    for (const QString& task : std::as_const(unique)) {
        m_slotOfTask.insert(task, int(m_slots.size()));
        m_slots.push_back(Slot{task, m_store.buffer(task), 0, 0, 0});
    }
    rebuild();
}

// Every row from the store: the newest `retention` lines of the selected tasks by arrival order.
void LogModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_serialBase = 0;
    m_pending.clear();
    m_dirty = false;
    m_flushTimer.stop();
    for (CacheEntry& e : m_cache)
        e = CacheEntry{};
    std::vector<MergeSource> sources;
    sources.reserve(m_slots.size());
    for (Slot& slot : m_slots) {
        slot.buffer = m_store.buffer(slot.task);
        slot.nextIndex = slot.buffer ? slot.buffer->endIndex() : 0;
        slot.countInModel = 0;
        sources.push_back(MergeSource{slot.buffer ? slot.buffer->firstIndex() : 0, slot.nextIndex});
    }
    const auto merged = mergeNewest(
        sources, m_store.retention(),
        [this](int s, qint64 index) { return m_slots[std::size_t(s)].buffer->line(index).seq; },
        [this](int s, qint64 index) {
            return isShown(Ref{qint32(s), index});
        });
    for (const auto& [s, index] : merged) {
        Slot& slot = m_slots[std::size_t(s)];
        if (slot.countInModel++ == 0)
            slot.firstInModel = index;
        m_rows.push_back(Ref{qint32(s), index});
    }
    endResetModel();
}

void LogModel::onLinesAppended(const QString& task, qsizetype count)
{
    const int s = m_slotOfTask.value(task, -1);
    if (s < 0 || count <= 0)
        return;
    Slot& slot = m_slots[std::size_t(s)];
    if (!slot.buffer)
        slot.buffer = m_store.buffer(task);
    if (!m_pending.empty() && m_pending.back().first == s)
        m_pending.back().second += count;
    else
        m_pending.emplace_back(s, count);
    scheduleFlush();
}

void LogModel::rebuildIfShown(const QString& task)
{
    if (m_slotOfTask.contains(task))
        rebuild();
}

void LogModel::onStoreChanged(const QString& task)
{
    if (!m_slotOfTask.contains(task))
        return;
    m_dirty = true;
    scheduleFlush();
}

void LogModel::scheduleFlush()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogModel::setFilter(const LogFilter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    rebuild();
}

// A line already trimmed counts as shown: the stale-row handling drops it like any other.
bool LogModel::isShown(const Ref& ref) const
{
    if (m_filter.showsEverything())
        return true;
    const TaskLogBuffer* b = m_slots[std::size_t(ref.slot)].buffer;
    return !b || !b->contains(ref.index) || m_filter.accepts(b->line(ref.index));
}

bool LogModel::isStale(const Ref& ref) const
{
    const TaskLogBuffer* b = m_slots[std::size_t(ref.slot)].buffer;
    return !b || ref.index < b->firstIndex();
}

void LogModel::flush()
{
    m_flushTimer.stop();
    if (!hasPendingChanges())
        return;
    m_dirty = false;
    const qsizetype cap = m_store.retention();

    // New rows in arrival order; lines beyond the cap never become rows.
    qsizetype incomingTotal = 0;
    for (const auto& p : m_pending)
        incomingTotal += p.second;
    qsizetype skip = qMax<qsizetype>(0, incomingTotal - cap);
    std::vector<Ref> incoming;
    incoming.reserve(std::size_t(incomingTotal - skip));
    for (const auto& [s, count] : m_pending) {
        Slot& slot = m_slots[std::size_t(s)];
        const qsizetype skipHere = qMin(skip, count);
        skip -= skipHere;
        for (qsizetype i = skipHere; i < count; ++i)
            if (const Ref ref{s, slot.nextIndex + i}; isShown(ref))
                incoming.push_back(ref);
        slot.nextIndex += count;
    }
    m_pending.clear();

    // Old rows to drop from the front: beyond the cap, or trimmed in the store.
    const qsizetype oldRows = qsizetype(m_rows.size());
    qsizetype drop = qMin(oldRows, qMax<qsizetype>(0, oldRows + qsizetype(incoming.size()) - cap));
    while (drop < oldRows && isStale(m_rows[std::size_t(drop)]))
        ++drop;
    std::size_t firstNew = 0;
    if (drop == oldRows) {
        while (firstNew < incoming.size() && isStale(incoming[firstNew]))
            ++firstNew;
    }

    if (drop > 0) {
        beginRemoveRows({}, 0, int(drop - 1));
        for (qsizetype i = 0; i < drop; ++i) {
            const Ref& ref = m_rows[std::size_t(i)];
            Slot& slot = m_slots[std::size_t(ref.slot)];
            --slot.countInModel;
            slot.firstInModel = ref.index + 1;
        }
        m_rows.erase(m_rows.begin(), m_rows.begin() + drop);
        m_serialBase += drop;
        endRemoveRows();
    }
    const qsizetype added = qsizetype(incoming.size() - firstNew);
    if (added > 0) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, int(first + added - 1));
        for (std::size_t i = firstNew; i < incoming.size(); ++i) {
            Slot& slot = m_slots[std::size_t(incoming[i].slot)];
            if (slot.countInModel++ == 0)
                slot.firstInModel = incoming[i].index;
            m_rows.push_back(incoming[i]);
        }
        endInsertRows();
    }

    // A cleared task among several leaves stale rows in the middle: start over (rare).
    for (const Slot& slot : m_slots) {
        if (slot.countInModel > 0 && (!slot.buffer || slot.firstInModel < slot.buffer->firstIndex())) {
            rebuild();
            return;
        }
    }
    if (drop > 0 || added > 0)
        Q_EMIT flushed(int(drop), int(added));
}

int LogModel::rowOfSerial(qint64 serial) const
{
    const qint64 row = serial - m_serialBase;
    return row >= 0 && row < qint64(m_rows.size()) ? int(row) : -1;
}

const LogModel::Slot* LogModel::resolve(const Ref& ref) const
{
    const Slot& slot = m_slots[std::size_t(ref.slot)];
    return slot.buffer && slot.buffer->contains(ref.index) ? &slot : nullptr;
}

bool LogModel::isLineAvailable(int row) const
{
    return row >= 0 && row < rowCount() && resolve(m_rows[std::size_t(row)]);
}

LogModel::CacheEntry& LogModel::cacheEntry(const Ref& ref) const
{
    CacheEntry& e = m_cache[std::size_t(ref.index * 31 + ref.slot) % kCacheSize];
    if (e.slot != ref.slot || e.index != ref.index) {
        const TaskLogBuffer::Line line = m_slots[std::size_t(ref.slot)].buffer->line(ref.index);
        e.slot = ref.slot;
        e.index = ref.index;
        const bool whole = line.bytes.size() <= kDisplayBytes;
        e.line = LogLineText::toDisplay(whole ? line.bytes : line.bytes.first(kDisplayBytes));
        e.complete = whole && e.line.text.size() <= kDisplayChars;
        truncate(e.line, kDisplayChars);
        e.time.clear();
    }
    return e;
}

DisplayLine LogModel::displayLine(int row) const
{
    if (!isLineAvailable(row))
        return {};
    return cacheEntry(m_rows[std::size_t(row)]).line;
}

QString LogModel::messageText(int row) const
{
    if (!isLineAvailable(row))
        return {};
    const Ref& ref = m_rows[std::size_t(row)];
    return LogLineText::toPlainText(m_slots[std::size_t(ref.slot)].buffer->line(ref.index).bytes);
}

QString LogModel::timeText(int row) const
{
    if (!isLineAvailable(row))
        return {};
    const Ref& ref = m_rows[std::size_t(row)];
    CacheEntry& e = cacheEntry(ref);
    if (e.time.isEmpty())
        e.time = localTime(m_slots[std::size_t(ref.slot)].buffer->line(ref.index).timestampNs);
    return e.time;
}

QString LogModel::containerName(int row) const
{
    if (!isLineAvailable(row))
        return {};
    return m_slots[std::size_t(m_rows[std::size_t(row)].slot)].buffer->containerName();
}

bool LogModel::isSeparator(int row) const
{
    if (!isLineAvailable(row))
        return false;
    const Ref& ref = m_rows[std::size_t(row)];
    return m_slots[std::size_t(ref.slot)].buffer->line(ref.index).separator;
}

int LogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Ref& ref = m_rows[std::size_t(row)];
    const Slot* slot = resolve(ref);
    if (!slot)
        return {};
    const TaskLogBuffer::Line line = slot->buffer->line(ref.index);
    const int column = index.column();
    if (line.separator && (role == SeparatorRole || role == Qt::FontRole || role == Qt::TextAlignmentRole ||
                           role == Qt::ForegroundRole || (role == Qt::DisplayRole && column == StreamColumn)))
        return separatorData(column, role);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TimeColumn:
            return timeText(row);
        case ContainerColumn:
            return slot->buffer->containerName();
        case StreamColumn:
            return streamText(line.stream, line.piece);
        case MessageColumn: {
            const CacheEntry& e = cacheEntry(ref);
            return e.complete ? e.line.text : LogLineText::toPlainText(line.bytes);
        }
        }
        break;
    case Qt::ToolTipRole:
        // Plain text: the delegate escapes it before it reaches a tooltip.
        if (column == TimeColumn)
            return QString(QString::fromLatin1(docker::formatRfc3339Nanos(line.timestampNs)) + u" (UTC)"_s);
        if (column == ContainerColumn)
            return QString(slot->buffer->containerName() + u"\ntask "_s + slot->task);
        if (column == StreamColumn && line.piece != docker::LinePiece::Whole)
            return pieceToolTip(line.stream, line.piece);
        break;
    case Qt::ForegroundRole:
        if (column == ContainerColumn) // the container's colour, as in the charts
            return ContainerColors::shared().color(slot->buffer->containerName(), QGuiApplication::palette());
        if (line.stream == docker::LogStreamKind::Stderr)
            return StatusColors::stderrText(QGuiApplication::palette());
        break;
    case RawRole:
        switch (column) {
        case TimeColumn:
            return line.timestampNs;
        case ContainerColumn:
            return slot->buffer->containerName();
        case StreamColumn:
            return int(line.stream);
        case MessageColumn:
            return line.bytes.toByteArray();
        }
        break;
    case StreamRole:
        return int(line.stream);
    case TimestampNsRole:
        return line.timestampNs;
    case TaskRole:
        return slot->task;
    case LevelRole:
        return int(line.level);
    case PieceRole:
        return int(line.piece);
    case DisplayLineRole:
        return QVariant::fromValue(cacheEntry(ref).line);
    default:
        break;
    }
    return {};
}

// A restart's row: dim, italic, its text centred in the message column (the delegate paints it).
QVariant LogModel::separatorData(int column, int role) const
{
    switch (role) {
    case SeparatorRole:
        return true;
    case Qt::FontRole:
        return separatorFont(QGuiApplication::font());
    case Qt::TextAlignmentRole:
        return column == MessageColumn ? int(Qt::AlignCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        return separatorColor(QGuiApplication::palette(), QPalette::Active);
    default: // the stream column: a restart has none
        return QString();
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TimeColumn:
            return tr("Time");
        case ContainerColumn:
            return tr("Container");
        case StreamColumn:
            return tr("Stream");
        case MessageColumn:
            return tr("Message");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case TimeColumn:
            return tr("When Docker received the line, local time (hover a cell for the exact UTC time)");
        case ContainerColumn:
            return tr("The container the line came from");
        case StreamColumn:
            return tr("stdout or stderr (stderr lines are shown in a warning colour); ↳ and ↴ mark the "
                      "pieces of a line longer than the line cap");
        case MessageColumn:
            return tr(
                "The line as plain text: escape sequences removed, control characters shown as symbols");
        }
    }
    return {};
}

} // namespace dockpulse::ui
