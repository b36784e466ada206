// The log panel's tools for long lines: wrap mode and the detail pane (kept apart from
// LogPanel.cpp, which other features share).
#include "LogDetailPane.h"
#include "LogItemDelegate.h"
#include "LogModel.h"
#include "LogPanel.h"
#include "LogWrapRows.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

namespace {

QToolButton* toggle(QWidget* parent, const QString& text, const QString& toolTip, QAction* action)
{
    auto* b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setText(text);
    b->setToolTip(toolTip);
    b->setAutoRaise(true);
    return b;
}

// Escape in the detail pane goes back to the lines.
class BackToLines : public QObject
{
public:
    BackToLines(QWidget* lines, QObject* parent) : QObject(parent), m_lines(lines) {}
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            m_lines->setFocus(Qt::ShortcutFocusReason);
            return true;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QWidget* m_lines;
};

} // namespace

void LogPanel::buildReadingTools()
{
    m_wrap = new LogWrapRows(*m_view, *m_delegate, LogModel::MessageColumn, this);
    m_detail = new LogDetailPane(*m_model, this);
    m_detail->hide();
    m_split = new QSplitter(Qt::Vertical, this);
    m_split->setObjectName(u"logDetailSplitter"_s);
    m_split->addWidget(m_view);
    m_split->addWidget(m_detail);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 1);
    m_split->setChildrenCollapsible(false);
    m_detail->setMinimumHeight(fontMetrics().height() * 4);

    auto* wrap = new QAction(tr("&Wrap long lines"), this);
    wrap->setCheckable(true);
    wrap->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Z));
    wrap->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(wrap, &QAction::toggled, this, &LogPanel::setWrap);
    addAction(wrap);
    m_wrapButton = toggle(this, tr("Wrap"), tr("Wrap long lines to the view's width (Alt+Z)"), wrap);
    m_wrapButton->setObjectName(u"wrapButton"_s);

    auto* details = new QAction(tr("&Details"), this);
    details->setCheckable(true);
    details->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    details->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(details, &QAction::toggled, this, &LogPanel::setDetailVisible);
    addAction(details);
    m_detailButton = toggle(
        this, tr("Details"),
        tr("Show the selected line whole below, JSON pretty-printed (Ctrl+D; Enter on a line)"), details);
    m_detailButton->setObjectName(u"detailButton"_s);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (m_detail->isVisible())
                    m_detail->showRow(current.row());
            });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        // Enter or a double click: the line whole, and the keyboard there to scroll it.
        setDetailVisible(true);
        m_detail->showRow(index.row());
        m_detail->editor()->setFocus(Qt::OtherFocusReason);
    });
    m_detail->editor()->installEventFilter(new BackToLines(m_view, m_detail));
}

void LogPanel::setWrap(bool wrap)
{
    m_wrap->setEnabled(wrap);
    const QSignalBlocker blocker(m_wrapButton->defaultAction());
    m_wrapButton->defaultAction()->setChecked(wrap);
}

bool LogPanel::wraps() const
{
    return m_wrap->isEnabled();
}

void LogPanel::setDetailVisible(bool visible)
{
    m_detail->setVisible(visible);
    if (visible)
        m_detail->showRow(m_view->currentIndex().row());
    const QSignalBlocker blocker(m_detailButton->defaultAction());
    m_detailButton->defaultAction()->setChecked(visible);
}

bool LogPanel::isDetailVisible() const
{
    return !m_detail->isHidden();
}

} // namespace dockpulse::ui
