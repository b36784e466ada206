#pragma once

#include <QObject>

class QMenu;
class QTabWidget;
class QWidget;

namespace dockpulse::ui {

namespace KeyboardNavigation {

// Tab visits the widgets under `root` that take keyboard focus in the order their layouts show
// them (top to bottom, left to right; a tab widget's bar before its pages), and item views
// hand Tab on instead of walking their cells (arrows move inside them): no table traps the keys.
void orderByLayout(QWidget& root);

// Ctrl+Tab / Ctrl+PgDown and Ctrl+Shift+Tab / Ctrl+PgUp switch `tabs` wherever the focus is in
// the window (Qt's own Ctrl+Tab works only inside the tab widget, and tables take Ctrl+PgUp/PgDn),
// as entries of `menu`.
void addTabSwitching(QMenu& menu, QTabWidget& tabs);

} // namespace KeyboardNavigation

// Shift+F10, and the Menu key where the platform does not turn it into a context menu itself,
// open the focused widget's context menu at its current item, as a keyboard context menu event.
// Installed on the application: every widget and dialog gets it.
class KeyboardContextMenu : public QObject
{
    Q_OBJECT
public:
    explicit KeyboardContextMenu(QObject* parent = nullptr);
    ~KeyboardContextMenu() override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace dockpulse::ui
