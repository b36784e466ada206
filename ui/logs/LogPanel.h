#pragma once

#include <QWidget>

class QAbstractItemView;
class QSplitter;
class QTableView;
class QToolButton;

namespace dockpulse::ui {

class FollowScroller;
class LogDetailPane;
class LogWrapRows;
class LogItemDelegate;
class LogModel;
class LogSearch;
class LogSearchBar;
class LogStore;
class SearchNavigator;
class LogViewTools;

// The live log view: the lines of the tasks selected in the tasks table, with find (plain or
// regular expression), follow mode, timestamps and copy. Container text is only ever shown as
// plain text. The store must outlive the panel.
class LogPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LogPanel(LogStore& store, QWidget* parent = nullptr);
    ~LogPanel() override;

    void setTasks(const QStringList& tasks); // the tasks selected in the tasks table
    void focusSearch();                      // Ctrl+F from the main window
    void findNext();
    void findPrevious();
    QString selectedText() const; // the selected lines as plain text, one per line
    void copySelection();         // to the clipboard
    void setShowTimestamps(bool show);
    bool showTimestamps() const;
    void setFollow(bool follow);
    bool isFollowing() const;
    LogModel* model() const;
    QAbstractItemView* view() const;

    // Additions to the specified API.
    void setSearchQuery(const QString& pattern, bool regex = false, bool caseSensitive = false);
    LogSearch* search() const;
    LogSearchBar* searchBar() const;
    qint64 newLinesSincePause() const; // rows added while follow is paused
    // Long lines: wrap them in the view (Alt+Z), or see the current one whole in the detail
    // pane (Ctrl+D; Enter in the view opens it and moves there, Escape comes back).
    void setWrap(bool wrap);
    bool wraps() const;
    void setDetailVisible(bool visible);
    bool isDetailVisible() const;
    LogDetailPane* detailPane() const { return m_detail; }
    LogViewTools* tools() const { return m_tools; } // level/stream filters, clear, save, font size

Q_SIGNALS:
    void followChanged(bool following);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool handleKey(QObject* watched, const QKeyEvent* key, bool dryRun);
    void showContextMenu(const QPoint& pos);
    void buildReadingTools(); // LogPanelReading.cpp
    void updateSearchStatus();
    void updateFollowIndicators();
    void placeJumpButton();
    int visibleRow(bool bottom) const;
    // Shows and selects a match row (-1: none).
    void goToMatch(int row);

    LogModel* m_model;
    LogSearch* m_search;
    SearchNavigator* m_navigator;
    LogSearchBar* m_searchBar;
    QTableView* m_view;
    LogItemDelegate* m_delegate;
    FollowScroller* m_follow;
    QToolButton* m_timestampsButton;
    QToolButton* m_followButton;
    QToolButton* m_jumpButton; // floats over the view while follow is paused
    QToolButton* m_wrapButton = nullptr;
    QToolButton* m_detailButton = nullptr;
    QSplitter* m_split = nullptr; // the view above the detail pane
    LogDetailPane* m_detail = nullptr;
    LogWrapRows* m_wrap = nullptr;
    LogViewTools* m_tools;
};

} // namespace dockpulse::ui
