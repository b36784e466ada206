#include "LogSearch.h"

#include "LogModel.h"

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

LogSearch::LogSearch(LogModel& model, QObject* parent) : QObject(parent), m_model(model)
{
    m_scanTimer.setObjectName(u"logSearchScan"_s); // named for profiles and benchmarks
    m_scanTimer.setSingleShot(true);
    m_scanTimer.setInterval(0);
    connect(&m_scanTimer, &QTimer::timeout, this, &LogSearch::scanSlice);
    connect(&model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_active && !m_scanTimer.isActive())
            m_scanTimer.start();
    });
    connect(&model, &QAbstractItemModel::rowsRemoved, this, &LogSearch::onRowsRemoved);
    connect(&model, &QAbstractItemModel::modelReset, this, &LogSearch::restart);
}

void LogSearch::setQuery(const QString& pattern, bool regex, bool caseSensitive)
{
    if (pattern == m_pattern && regex == m_regex && caseSensitive == m_caseSensitive)
        return;
    m_pattern = pattern;
    m_regex = regex;
    m_caseSensitive = caseSensitive;
    m_error.clear();
    m_active = false;
    const Qt::CaseSensitivity cs = caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    if (!pattern.isEmpty()) {
        if (regex) {
            m_expression =
                QRegularExpression(pattern, caseSensitive ? QRegularExpression::NoPatternOption
                                                          : QRegularExpression::CaseInsensitiveOption);
            if (m_expression.isValid()) {
                m_expression.optimize();
                m_active = true;
            } else {
                m_error = tr("Invalid regular expression at position %1: %2")
                              .arg(m_expression.patternErrorOffset())
                              .arg(m_expression.errorString());
            }
        } else {
            m_matcher = QStringMatcher(pattern, cs);
            m_active = true;
        }
    }
    restart();
    Q_EMIT highlightsChanged();
}

void LogSearch::restart()
{
    m_matches.clear();
    m_current = -1;
    m_scanned = m_model.serialBase();
    m_scanTimer.stop();
    if (m_active)
        scanSlice(); // the first slice at once: the count updates as the user types
    else
        Q_EMIT changed();
}

bool LogSearch::matches(const QString& text) const
{
    if (m_regex)
        return m_expression.match(text).hasMatch();
    return m_matcher.indexIn(text) >= 0;
}

void LogSearch::scanSlice()
{
    if (!m_active)
        return;
    QElapsedTimer clock;
    clock.start();
    const qint64 end = m_model.serialBase() + m_model.rowCount();
    m_scanned = qMax(m_scanned, m_model.serialBase());
    while (m_scanned < end) {
        const int row = m_model.rowOfSerial(m_scanned);
        if (!m_model.isSeparator(row) && matches(m_model.messageText(row)))
            m_matches.push_back(m_scanned);
        ++m_scanned;
        // A regular expression may take long on one line: look at the clock after each.
        if ((m_regex || (m_scanned & 255) == 0) && clock.elapsed() >= m_sliceBudgetMs)
            break;
    }
    if (m_scanned < end)
        m_scanTimer.start();
    Q_EMIT changed();
}

bool LogSearch::hasMatchIn(qint64 from, qint64 to) const
{
    const auto it = std::lower_bound(m_matches.begin(), m_matches.end(), from);
    return it != m_matches.end() && *it < to;
}

int LogSearch::scannedPercent() const
{
    const qint64 rows = m_model.rowCount();
    if (!isScanning() || rows <= 0)
        return 100;
    return int(std::clamp<qint64>((m_scanned - m_model.serialBase()) * 100 / rows, 0, 99));
}

void LogSearch::finishScan()
{
    if (!m_active)
        return;
    const int budget = m_sliceBudgetMs;
    m_sliceBudgetMs = std::numeric_limits<int>::max();
    m_scanTimer.stop();
    scanSlice();
    m_sliceBudgetMs = budget;
}

void LogSearch::onRowsRemoved()
{
    const qint64 base = m_model.serialBase();
    const auto firstKept = std::lower_bound(m_matches.begin(), m_matches.end(), base);
    if (firstKept == m_matches.begin() && m_current >= base)
        return;
    m_matches.erase(m_matches.begin(), firstKept);
    if (m_current >= 0 && m_current < base)
        m_current = -1;
    Q_EMIT changed();
}

QList<int> LogSearch::matchRows() const
{
    QList<int> rows;
    rows.reserve(qsizetype(m_matches.size()));
    for (const qint64 serial : m_matches)
        rows.append(m_model.rowOfSerial(serial));
    return rows;
}

bool LogSearch::rowMatches(int row) const
{
    return std::binary_search(m_matches.begin(), m_matches.end(), m_model.rowSerial(row));
}

qsizetype LogSearch::currentIndex() const
{
    if (m_current < 0)
        return -1;
    const auto it = std::lower_bound(m_matches.begin(), m_matches.end(), m_current);
    return it != m_matches.end() && *it == m_current ? qsizetype(it - m_matches.begin()) : -1;
}

int LogSearch::currentRow() const
{
    return m_current < 0 ? -1 : m_model.rowOfSerial(m_current);
}

void LogSearch::setCurrentSerial(qint64 serial)
{
    m_current = serial;
    Q_EMIT changed();
    Q_EMIT highlightsChanged();
}

int LogSearch::findNext(int anchorRow)
{
    if (m_matches.empty())
        return -1;
    std::deque<qint64>::const_iterator it;
    if (m_current >= 0)
        it = std::upper_bound(m_matches.cbegin(), m_matches.cend(), m_current);
    else
        it = std::lower_bound(m_matches.cbegin(), m_matches.cend(),
                              anchorRow >= 0 ? m_model.rowSerial(anchorRow) : m_model.serialBase());
    if (it == m_matches.cend())
        it = m_matches.cbegin(); // wrap
    setCurrentSerial(*it);
    return currentRow();
}

int LogSearch::findPrevious(int anchorRow)
{
    if (m_matches.empty())
        return -1;
    const qint64 limit = m_current >= 0   ? m_current
                         : anchorRow >= 0 ? m_model.rowSerial(anchorRow) + 1
                                          : m_model.serialBase() + m_model.rowCount();
    auto it = std::lower_bound(m_matches.cbegin(), m_matches.cend(), limit); // first >= limit
    if (it == m_matches.cbegin())
        it = m_matches.cend(); // wrap
    setCurrentSerial(*std::prev(it));
    return currentRow();
}

QList<LogSearch::Range> LogSearch::matchRanges(const QString& text) const
{
    QList<Range> ranges;
    if (!m_active)
        return ranges;
    if (m_regex) {
        QRegularExpressionMatchIterator it = m_expression.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            if (m.capturedLength() > 0)
                ranges.append(Range{int(m.capturedStart()), int(m.capturedLength())});
        }
    } else {
        const qsizetype len = m_pattern.size();
        for (qsizetype at = m_matcher.indexIn(text); at >= 0; at = m_matcher.indexIn(text, at + len))
            ranges.append(Range{int(at), int(len)});
    }
    return ranges;
}

} // namespace dockpulse::ui
