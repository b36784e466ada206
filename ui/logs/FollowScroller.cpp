#include "FollowScroller.h"

#include <QAbstractItemView>
#include <QScopedValueRollback>
#include <QScrollBar>

namespace dockpulse::ui {

FollowScroller::FollowScroller(QAbstractItemView& view, QObject* parent)
    : QObject(parent), m_view(view), m_bar(*view.verticalScrollBar())
{
    QAbstractItemModel* model = view.model();
    Q_ASSERT(model);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) { onRowsInserted(first, last); });
    connect(model, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex&, int first, int last) { onRowsRemoved(first, last); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_newRows = 0;
        Q_EMIT newRowsChanged(0);
        if (m_follow)
            scrollToBottom();
    });
    // The range grows lazily, after the view lays out the new rows: follow it there too.
    connect(&m_bar, &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (m_follow) {
            QScopedValueRollback guard(m_programmatic, true);
            m_bar.setValue(max);
        }
    });
    connect(&m_bar, &QScrollBar::actionTriggered, this, &FollowScroller::onActionTriggered);
    connect(&m_bar, &QScrollBar::valueChanged, this, &FollowScroller::onValueChanged);
}

void FollowScroller::setFollow(bool follow)
{
    changeFollow(follow);
    if (follow)
        scrollToBottom();
}

void FollowScroller::changeFollow(bool follow)
{
    if (follow == m_follow)
        return;
    m_follow = follow;
    if (m_newRows != 0) {
        m_newRows = 0;
        Q_EMIT newRowsChanged(0);
    }
    Q_EMIT followChanged(follow);
}

void FollowScroller::scrollToBottom()
{
    QScopedValueRollback guard(m_programmatic, true);
    m_view.scrollToBottom();
}

void FollowScroller::showRow(int row, int column)
{
    changeFollow(false);
    QScopedValueRollback guard(m_programmatic, true);
    m_view.scrollTo(m_view.model()->index(row, column), QAbstractItemView::PositionAtCenter);
}

void FollowScroller::onRowsInserted(int first, int last)
{
    if (m_follow) {
        scrollToBottom();
    } else {
        m_newRows += last - first + 1;
        Q_EMIT newRowsChanged(m_newRows);
    }
}

void FollowScroller::onRowsRemoved(int first, int last)
{
    // Rows dropped above what the user reads: shift back so the same lines stay in view.
    if (!m_follow && first == 0) {
        QScopedValueRollback guard(m_programmatic, true);
        m_bar.setValue(m_bar.value() - (last + 1));
    }
}

void FollowScroller::onActionTriggered()
{
    if (m_programmatic)
        return;
    // Emitted before the move: the slider position is where the bar is going.
    changeFollow(m_bar.sliderPosition() >= m_bar.maximum());
}

void FollowScroller::onValueChanged(int value)
{
    if (!m_programmatic && m_follow && value < m_bar.maximum())
        changeFollow(false);
}

} // namespace dockpulse::ui
