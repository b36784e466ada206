#pragma once

#include <QObject>

class QAbstractItemView;
class QScrollBar;

namespace dockpulse::ui {

// Keeps an item view at its newest row while following, and lets go when the user scrolls
// away: a scroll-bar action (wheel, drag, click) or any other move below the bottom turns
// following off; a scroll-bar action that reaches the bottom turns it back on. While paused,
// rows dropped from the front do not move what the user is reading, and new rows are counted.
// Needs the view in ScrollPerItem mode (scroll values are rows).
class FollowScroller : public QObject
{
    Q_OBJECT
public:
    explicit FollowScroller(QAbstractItemView& view, QObject* parent = nullptr);

    void setFollow(bool follow);
    bool isFollowing() const { return m_follow; }
    qint64 newRowsSincePause() const { return m_newRows; }
    // Scrolls to a row without the move counting as the user's (find next/previous).
    void showRow(int row, int column);

Q_SIGNALS:
    void followChanged(bool following);
    void newRowsChanged(qint64 count);

private:
    void changeFollow(bool follow);
    void scrollToBottom();
    void onRowsInserted(int first, int last);
    void onRowsRemoved(int first, int last);
    void onActionTriggered();
    void onValueChanged(int value);

    QAbstractItemView& m_view;
    QScrollBar& m_bar;
    bool m_follow = true;
    bool m_programmatic = false;
    qint64 m_newRows = 0;
};

} // namespace dockpulse::ui
