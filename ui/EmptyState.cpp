#include "EmptyState.h"

#include <QAbstractItemView>
#include <QEvent>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

EmptyState::EmptyState(QAbstractItemView* view, std::function<QString()> reason)
    : QLabel(view->viewport()), m_view(view), m_reason(std::move(reason))
{
    setObjectName(u"emptyState"_s);
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setTextFormat(Qt::PlainText); // the reason may quote what the user typed
    setForegroundRole(QPalette::PlaceholderText);
    setAttribute(Qt::WA_TransparentForMouseEvents); // clicks and the context menu reach the view
    view->viewport()->installEventFilter(this);
    QAbstractItemModel* model = view->model();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &EmptyState::refresh);
    connect(model, &QAbstractItemModel::modelReset, this, &EmptyState::refresh);
    connect(model, &QAbstractItemModel::layoutChanged, this, &EmptyState::refresh);
    refresh();
}

void EmptyState::refresh()
{
    const bool empty = m_view->model()->rowCount() == 0;
    if (empty)
        setText(m_reason());
    setVisible(empty);
    place();
}

void EmptyState::place()
{
    setGeometry(m_view->viewport()->rect().adjusted(12, 12, -12, -12));
}

bool EmptyState::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Resize)
        place();
    return QLabel::eventFilter(watched, event);
}

} // namespace dockpulse::ui
