#include "LogPanel.h"

#include "FollowScroller.h"
#include "LogDetailPane.h"
#include "LogItemDelegate.h"
#include "LogModel.h"
#include "LogSearch.h"
#include "LogSearchBar.h"
#include "LogViewTools.h"
#include "LogWrapRows.h"
#include "SearchNavigator.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

LogPanel::LogPanel(LogStore& store, QWidget* parent) : QWidget(parent)
{
    m_model = new LogModel(store, this);
    m_search = new LogSearch(*m_model, this);
    m_navigator = new SearchNavigator(*m_search, *m_model, this);
    connect(m_navigator, &SearchNavigator::found, this, &LogPanel::goToMatch);
    connect(m_navigator, &SearchNavigator::pendingChanged, this, &LogPanel::updateSearchStatus);
    m_searchBar = new LogSearchBar(this);

    m_view = new QTableView(this);
    m_view->setObjectName(u"logView"_s);
    m_delegate = new LogItemDelegate(*m_search, m_view);
    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleStrategy(QFont::PreferNoShaping); // log text is mostly Latin: skip shaping when it can
    m_view->setFont(font);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem); // FollowScroller counts in rows
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setCornerButtonEnabled(false);
    m_view->setTabKeyNavigation(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Log lines"));
    m_view->setWhatsThis(tr("The log lines of the selected tasks, oldest first. End: follow the newest line; "
                            "Ctrl+C: copy the selected lines; F3 / Shift+F3: next / previous match."));

    // Fixed-height rows: the view never measures a row, whatever the line holds.
    const QFontMetrics fm(m_view->font());
    QHeaderView* rows = m_view->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setMinimumSectionSize(fm.height() + 4);
    rows->setDefaultSectionSize(fm.height() + 4);
    QHeaderView* columns = m_view->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    const int padding = 2 * LogItemDelegate::kMargin + 8;
    auto width = [&](const QString& sample, int column) {
        const QString label = m_model->headerData(column, Qt::Horizontal).toString();
        return qMax(fm.horizontalAdvance(sample), columns->fontMetrics().horizontalAdvance(label) + 16) +
               padding;
    };
    m_view->setColumnWidth(LogModel::TimeColumn, width(u"0000-00-00 00:00:00.000"_s, LogModel::TimeColumn));
    // Merged logs: wide enough for compose-style names (elided in the middle past that).
    m_view->setColumnWidth(LogModel::ContainerColumn, fm.averageCharWidth() * 32 + padding);
    // Room for the marks of a line cut at the line cap (LogModel: "↳ stderr ↴").
    m_view->setColumnWidth(LogModel::StreamColumn, width(u"\u21b3 stderr \u21b4"_s, LogModel::StreamColumn));
    m_view->setColumnHidden(LogModel::ContainerColumn, true);

    m_follow = new FollowScroller(*m_view, this);

    m_timestampsButton = new QToolButton(this);
    m_timestampsButton->setObjectName(u"logTimestampsButton"_s);
    m_timestampsButton->setText(tr("Timestamps"));
    m_timestampsButton->setToolTip(tr("Show when Docker received each line (local time, milliseconds)"));
    m_timestampsButton->setCheckable(true);
    m_timestampsButton->setChecked(true);
    m_timestampsButton->setAutoRaise(true);
    m_followButton = new QToolButton(this);
    m_followButton->setObjectName(u"logFollowButton"_s);
    m_followButton->setToolTip(tr("Keep the newest line in view (End). Scrolling up pauses it."));
    m_followButton->setCheckable(true);
    m_followButton->setAutoRaise(true);
    // Wide enough for "Follow (n new)": the toolbar does not shift as lines arrive.
    m_followButton->setText(tr("Follow (%1 new)").arg(QLocale().toString(9'999'999)));
    m_followButton->setMinimumWidth(m_followButton->sizeHint().width());
    m_jumpButton = new QToolButton(m_view);
    m_jumpButton->setToolTip(tr("Follow is paused: go to the newest line and follow again (End)"));
    m_jumpButton->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    m_jumpButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_jumpButton->setCursor(Qt::PointingHandCursor);

    buildReadingTools();
    m_tools = new LogViewTools(store, *m_model, *m_view, *m_searchBar, this);
    auto* top = new QHBoxLayout;
    top->addWidget(m_searchBar, 1);
    top->addWidget(m_tools);
    top->addWidget(m_wrapButton);
    top->addWidget(m_detailButton);
    top->addWidget(m_timestampsButton);
    top->addWidget(m_followButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_split, 1);

    connect(m_searchBar, &LogSearchBar::queryChanged, this, [this] {
        m_search->setQuery(m_searchBar->pattern(), m_searchBar->isRegex(), m_searchBar->isCaseSensitive());
    });
    connect(m_searchBar, &LogSearchBar::nextRequested, this, &LogPanel::findNext);
    connect(m_searchBar, &LogSearchBar::previousRequested, this, &LogPanel::findPrevious);
    connect(m_search, &LogSearch::changed, this, &LogPanel::updateSearchStatus);
    connect(m_search, &LogSearch::highlightsChanged, m_view->viewport(), qOverload<>(&QWidget::update));
    connect(m_follow, &FollowScroller::followChanged, this, [this](bool following) {
        updateFollowIndicators();
        Q_EMIT followChanged(following);
    });
    connect(m_follow, &FollowScroller::newRowsChanged, this, &LogPanel::updateFollowIndicators);
    connect(m_followButton, &QToolButton::toggled, this, &LogPanel::setFollow);
    connect(m_jumpButton, &QToolButton::clicked, this, [this] { setFollow(true); });
    connect(m_timestampsButton, &QToolButton::toggled, this, &LogPanel::setShowTimestamps);
    connect(m_view, &QWidget::customContextMenuRequested, this, &LogPanel::showContextMenu);

    m_view->installEventFilter(this);
    m_view->viewport()->installEventFilter(this);
    m_searchBar->lineEdit()->installEventFilter(this);
    updateFollowIndicators();
    updateSearchStatus();
}

LogPanel::~LogPanel() = default;

void LogPanel::setTasks(const QStringList& tasks)
{
    const QStringList before = m_model->tasks();
    m_model->setTasks(tasks);
    if (m_model->tasks() == before)
        return; // the same tasks: keep the view where the user left it
    // The container column only tells lines apart when several tasks are merged.
    m_view->setColumnHidden(LogModel::ContainerColumn, m_model->tasks().size() <= 1);
    setFollow(true);
}

void LogPanel::focusSearch()
{
    m_searchBar->focusSearch();
}

void LogPanel::setSearchQuery(const QString& pattern, bool regex, bool caseSensitive)
{
    m_searchBar->setQuery(pattern, regex, caseSensitive);
}

int LogPanel::visibleRow(bool bottom) const
{
    const int row = m_view->rowAt(bottom ? m_view->viewport()->height() - 1 : 0);
    return row >= 0 || !bottom ? row : m_model->rowCount() - 1;
}

void LogPanel::findNext()
{
    m_navigator->next(visibleRow(false)); // answered at once, or by the scan slice that decides it
}

void LogPanel::findPrevious()
{
    m_navigator->previous(visibleRow(true));
}

void LogPanel::goToMatch(int row)
{
    if (row < 0)
        return;
    m_follow->showRow(row, LogModel::MessageColumn);
    m_view->selectionModel()->setCurrentIndex(m_model->index(row, LogModel::MessageColumn),
                                              QItemSelectionModel::ClearAndSelect |
                                                  QItemSelectionModel::Rows);
}

QString LogPanel::selectedText() const
{
    QList<int> rows;
    const QItemSelection selection = m_view->selectionModel()->selection();
    for (const QItemSelectionRange& range : selection) {
        for (int row = range.top(); row <= range.bottom(); ++row)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    const bool withTime = showTimestamps();
    const bool withContainer = m_model->tasks().size() > 1;
    QStringList lines;
    lines.reserve(rows.size());
    for (const int row : std::as_const(rows)) {
        QString line;
        if (withTime)
            line += m_model->timeText(row) + u' ';
        if (withContainer)
            line += m_model->containerName(row) + u' ';
        lines.append(line + m_model->messageText(row));
    }
    return lines.join(u'\n');
}

void LogPanel::copySelection()
{
    QGuiApplication::clipboard()->setText(selectedText());
}

void LogPanel::setShowTimestamps(bool show)
{
    m_view->setColumnHidden(LogModel::TimeColumn, !show);
    const QSignalBlocker blocker(m_timestampsButton);
    m_timestampsButton->setChecked(show);
}

bool LogPanel::showTimestamps() const
{
    return !m_view->isColumnHidden(LogModel::TimeColumn);
}

void LogPanel::setFollow(bool follow)
{
    m_follow->setFollow(follow);
    updateFollowIndicators();
}

bool LogPanel::isFollowing() const
{
    return m_follow->isFollowing();
}

qint64 LogPanel::newLinesSincePause() const
{
    return m_follow->newRowsSincePause();
}

LogModel* LogPanel::model() const
{
    return m_model;
}

QAbstractItemView* LogPanel::view() const
{
    return m_view;
}

LogSearch* LogPanel::search() const
{
    return m_search;
}

LogSearchBar* LogPanel::searchBar() const
{
    return m_searchBar;
}

void LogPanel::updateSearchStatus()
{
    m_searchBar->setStatus(m_search->currentIndex(), m_search->matchCount(), m_search->isScanning(),
                           m_search->isActive(), m_search->errorString());
    if (m_navigator->isPending())
        m_searchBar->showSearching(m_search->scannedPercent());
}

void LogPanel::updateFollowIndicators()
{
    const bool following = m_follow->isFollowing();
    const qint64 fresh = m_follow->newRowsSincePause();
    const QString count = QLocale().toString(fresh);
    {
        const QSignalBlocker blocker(m_followButton);
        m_followButton->setChecked(following);
    }
    m_followButton->setText(following || fresh == 0 ? tr("Follow") : tr("Follow (%1 new)").arg(count));
    m_jumpButton->setText(fresh == 0   ? tr("Paused · Follow")
                          : fresh == 1 ? tr("Paused · 1 new line · Follow")
                                       : tr("Paused · %1 new lines · Follow").arg(count));
    m_jumpButton->setVisible(!following);
    if (!following) {
        m_jumpButton->adjustSize();
        placeJumpButton();
        m_jumpButton->raise();
    }
}

void LogPanel::placeJumpButton()
{
    const QRect area = m_view->viewport()->geometry();
    const QSize size = m_jumpButton->sizeHint();
    const int margin = 12;
    m_jumpButton->move(area.right() - size.width() - margin, area.bottom() - size.height() - margin);
}

void LogPanel::showContextMenu(const QPoint& pos)
{
    // popup(), not exec(): no nested event loop, and the menu stays reachable for tests.
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction* copy = menu->addAction(tr("&Copy"), this, &LogPanel::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(m_view->selectionModel()->hasSelection());
    menu->addAction(tr("Select &All"), QKeySequence::SelectAll, m_view, &QAbstractItemView::selectAll);
    menu->addSeparator();
    menu->addAction(tr("&Find…"), QKeySequence::Find, this, &LogPanel::focusSearch);
    QAction* next = menu->addAction(tr("Find &Next"), QKeySequence(Qt::Key_F3), this, &LogPanel::findNext);
    QAction* previous = menu->addAction(tr("Find &Previous"), QKeySequence(Qt::SHIFT | Qt::Key_F3), this,
                                        &LogPanel::findPrevious);
    next->setEnabled(m_search->matchCount() > 0);
    previous->setEnabled(m_search->matchCount() > 0);
    menu->addSeparator();
    QAction* follow = menu->addAction(tr("F&ollow"), QKeySequence(Qt::Key_End), this, &LogPanel::setFollow);
    follow->setCheckable(true);
    follow->setChecked(isFollowing());
    QAction* times = menu->addAction(tr("Show &Timestamps"), this, &LogPanel::setShowTimestamps);
    times->setCheckable(true);
    times->setChecked(showTimestamps());
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

// Keys handled inside the panel whatever the window's shortcuts are: the ShortcutOverride is
// accepted so that the key arrives here as a key press instead of triggering an ambiguous shortcut.
bool LogPanel::handleKey(QObject* watched, const QKeyEvent* key, bool dryRun)
{
    const int k = key->key();
    const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
    if (k == Qt::Key_F3 && (mods == Qt::NoModifier || mods == Qt::ShiftModifier)) {
        if (!dryRun)
            mods == Qt::ShiftModifier ? findPrevious() : findNext();
        return true;
    }
    if (watched != m_view)
        return false;
    if (key->matches(QKeySequence::Copy)) {
        if (!dryRun)
            copySelection();
        return true;
    }
    if (k == Qt::Key_End && (mods == Qt::NoModifier || mods == Qt::ControlModifier)) {
        if (!dryRun)
            setFollow(true);
        return true;
    }
    if (k == Qt::Key_Home && (mods == Qt::NoModifier || mods == Qt::ControlModifier)) {
        if (!dryRun) {
            setFollow(false);
            m_view->scrollToTop();
        }
        return true;
    }
    return false;
}

bool LogPanel::eventFilter(QObject* watched, QEvent* event)
{
    const QEvent::Type type = event->type();
    if (type == QEvent::ShortcutOverride || type == QEvent::KeyPress) {
        const bool dryRun = type == QEvent::ShortcutOverride;
        if (handleKey(watched, static_cast<QKeyEvent*>(event), dryRun)) {
            event->accept();
            return true;
        }
    } else if (type == QEvent::Resize && watched == m_view->viewport()) {
        placeJumpButton();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace dockpulse::ui
