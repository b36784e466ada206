#pragma once

#include <QObject>

namespace dockpulse::ui {

class LogModel;
class LogSearch;

// Find next / previous without scanning every row at once. When the rows scanned so far already
// decide the answer (a match after the anchor, or before it), it is given at once; otherwise the
// request waits while LogSearch scans on in time slices (the event loop keeps running and the
// search bar shows how far it got) and is answered by the slice that decides it.
class SearchNavigator : public QObject
{
    Q_OBJECT
public:
    SearchNavigator(LogSearch& search, LogModel& model, QObject* parent = nullptr);

    // anchorRow as LogSearch::findNext / findPrevious take it.
    void next(int anchorRow);
    void previous(int anchorRow);
    // A request waits for the scan.
    bool isPending() const { return m_pending != Direction::None; }

Q_SIGNALS:
    // The row of the match moved to (-1: there is none); after next() or previous().
    void found(int row);
    void pendingChanged(bool pending);

private:
    enum class Direction
    {
        None,
        Next,
        Previous
    };
    void request(Direction direction, int anchorRow);
    // Whether the rows scanned so far give the answer the whole scan would.
    bool isDecided() const;
    void tryAnswer();
    void drop();

    LogSearch& m_search;
    LogModel& m_model;
    Direction m_pending = Direction::None;
    qint64 m_anchorSerial = -1; // the anchor row's serial (survives rows removed in between)
};

} // namespace dockpulse::ui
