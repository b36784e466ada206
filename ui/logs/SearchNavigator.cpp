#include "SearchNavigator.h"

#include "LogModel.h"
#include "LogSearch.h"

namespace dockpulse::ui {

SearchNavigator::SearchNavigator(LogSearch& search, LogModel& model, QObject* parent)
    : QObject(parent), m_search(search), m_model(model)
{
    connect(&search, &LogSearch::changed, this, &SearchNavigator::tryAnswer);
    // A new query, or other rows (another selection): the request no longer means anything.
    connect(&search, &LogSearch::highlightsChanged, this, &SearchNavigator::drop);
    connect(&model, &QAbstractItemModel::modelAboutToBeReset, this, &SearchNavigator::drop);
}

void SearchNavigator::next(int anchorRow)
{
    request(Direction::Next, anchorRow);
}

void SearchNavigator::previous(int anchorRow)
{
    request(Direction::Previous, anchorRow);
}

void SearchNavigator::request(Direction direction, int anchorRow)
{
    const bool wasPending = isPending();
    m_pending = direction;
    m_anchorSerial = anchorRow >= 0 ? m_model.rowSerial(anchorRow) : -1;
    tryAnswer();
    if (isPending() && !wasPending)
        Q_EMIT pendingChanged(true);
}

void SearchNavigator::drop()
{
    if (!isPending())
        return;
    m_pending = Direction::None;
    Q_EMIT pendingChanged(false);
}

bool SearchNavigator::isDecided() const
{
    if (!m_search.isScanning())
        return true;
    const qint64 scanned = m_search.scannedSerial(); // every match below it is known
    const qint64 current = m_search.currentSerial();
    if (m_pending == Direction::Next) {
        // The first match after the start is known once one is found below `scanned`.
        const qint64 start = current >= 0          ? current + 1
                             : m_anchorSerial >= 0 ? m_anchorSerial
                                                   : m_model.serialBase();
        return m_search.hasMatchIn(start, scanned);
    }
    // The last match before the limit is known once the scan passed the limit and found one.
    const qint64 limit = current >= 0          ? current
                         : m_anchorSerial >= 0 ? m_anchorSerial + 1
                                               : m_model.serialBase() + m_model.rowCount();
    return limit <= scanned && m_search.hasMatchIn(m_model.serialBase(), limit);
}

void SearchNavigator::tryAnswer()
{
    if (!isPending())
        return;
    if (!m_search.isActive()) {
        drop();
        return;
    }
    if (!isDecided())
        return;
    const Direction direction = m_pending;
    m_pending = Direction::None; // findNext/findPrevious emit changed: no second answer
    const int anchorRow = m_anchorSerial >= 0 ? m_model.rowOfSerial(m_anchorSerial) : -1;
    const int row =
        direction == Direction::Next ? m_search.findNext(anchorRow) : m_search.findPrevious(anchorRow);
    Q_EMIT pendingChanged(false);
    Q_EMIT found(row);
}

} // namespace dockpulse::ui
