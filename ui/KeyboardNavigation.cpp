#include "KeyboardNavigation.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLayout>
#include <QMenu>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>

namespace dockpulse::ui {

namespace {

void collect(QWidget& widget, QList<QWidget*>& out);

void collectLayout(const QLayout& layout, QList<QWidget*>& out)
{
    for (int i = 0; i < layout.count(); ++i) {
        QLayoutItem* item = layout.itemAt(i);
        if (QWidget* w = item->widget())
            collect(*w, out);
        else if (const QLayout* inner = item->layout())
            collectLayout(*inner, out);
    }
}

// A widget that takes Tab is one stop (its children are its own business); any other is walked
// through in the order its layout, splitter or tab widget shows its children.
void collect(QWidget& widget, QList<QWidget*>& out)
{
    if (auto* tabs = qobject_cast<QTabWidget*>(&widget)) {
        // The tab widget forwards its focus to its bar, and Tab stops at it wherever it sits in
        // the chain: right before the bar, that stop is the bar's own.
        out << tabs << tabs->tabBar();
        for (int i = 0; i < tabs->count(); ++i)
            collect(*tabs->widget(i), out);
        return;
    }
    if (!widget.focusProxy() && (widget.focusPolicy() & Qt::TabFocus) == Qt::TabFocus) {
        if (auto* view = qobject_cast<QAbstractItemView*>(&widget))
            view->setTabKeyNavigation(false);
        out << &widget;
        return;
    }
    if (auto* splitter = qobject_cast<QSplitter*>(&widget)) {
        for (int i = 0; i < splitter->count(); ++i)
            collect(*splitter->widget(i), out);
        return;
    }
    if (const QLayout* layout = widget.layout()) {
        collectLayout(*layout, out);
        return;
    }
    for (QObject* child : widget.children())
        if (auto* w = qobject_cast<QWidget*>(child); w && !w->isWindow())
            collect(*w, out);
}

void step(QTabWidget& tabs, int by)
{
    if (tabs.count() > 0)
        tabs.setCurrentIndex((tabs.currentIndex() + by + tabs.count()) % tabs.count());
}

} // namespace

namespace KeyboardNavigation {

void orderByLayout(QWidget& root)
{
    QList<QWidget*> order;
    collect(root, order);
    for (qsizetype i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order[i - 1], order[i]);
}

void addTabSwitching(QMenu& menu, QTabWidget& tabs)
{
    QAction* next = menu.addAction(QObject::tr("&Next tab"), &tabs, [&tabs] { step(tabs, 1); });
    next->setObjectName(QStringLiteral("nextTabAction"));
    next->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    QAction* previous = menu.addAction(QObject::tr("&Previous tab"), &tabs, [&tabs] { step(tabs, -1); });
    previous->setObjectName(QStringLiteral("previousTabAction"));
    // Shift+Tab arrives as Backtab on X11.
    previous->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                            QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    for (QAction* a : {next, previous}) {
        a->setShortcutContext(Qt::WindowShortcut);
        a->setShortcutVisibleInContextMenu(true);
    }
}

} // namespace KeyboardNavigation

KeyboardContextMenu::KeyboardContextMenu(QObject* parent) : QObject(parent)
{
    QCoreApplication::instance()->installEventFilter(this);
}

KeyboardContextMenu::~KeyboardContextMenu()
{
    if (QCoreApplication* app = QCoreApplication::instance())
        app->removeEventFilter(this);
}

bool KeyboardContextMenu::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return false;
    const auto* key = static_cast<const QKeyEvent*>(event);
    const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
    const bool shiftF10 = key->key() == Qt::Key_F10 && mods == Qt::ShiftModifier;
    const bool menuKey = key->key() == Qt::Key_Menu && mods == Qt::NoModifier;
    QWidget* target = QApplication::focusWidget();
    // An open menu has the keys (on X11 the Menu key's own context menu is already open).
    if ((!shiftF10 && !menuKey) || !target || watched != target || !target->isEnabled() ||
        QApplication::activePopupWidget())
        return false;
    // Where the keys act: an item view's current cell (Qt answers in viewport coordinates, as
    // its mouse menus are), a text field's cursor, else the middle.
    auto* area = qobject_cast<QAbstractScrollArea*>(target);
    QWidget* surface = area ? area->viewport() : target;
    const QRect cursor = target->inputMethodQuery(Qt::ImCursorRectangle).toRect();
    const QPoint pos = cursor.isValid() ? cursor.center() : surface->rect().center();
    QContextMenuEvent menuEvent(QContextMenuEvent::Keyboard, pos, surface->mapToGlobal(pos),
                                key->modifiers());
    QCoreApplication::sendEvent(target, &menuEvent);
    return true;
}

} // namespace dockpulse::ui
