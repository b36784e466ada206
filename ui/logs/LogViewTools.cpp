#include "LogViewTools.h"

#include "LogModel.h"
#include "LogSearchBar.h"
#include "LogStore.h"
#include "LogTextFile.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

namespace {
constexpr qreal kMinPointSize = 6;
constexpr qreal kMaxPointSize = 32;

QToolButton* toolButton(const QString& text, const QString& objectName, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setObjectName(objectName);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

QString levelActionName(docker::LogLevel level)
{
    return u"logLevel_"_s + (level == docker::LogLevel::Unknown ? u"none"_s : logLevelName(level));
}

QString streamName(docker::LogStreamKind stream)
{
    return stream == docker::LogStreamKind::Stdout ? u"stdout"_s : u"stderr"_s;
}

// Keeps a menu's check mark true to a state set through the API.
void setChecked(QToolButton* button, const QString& actionName, bool checked)
{
    if (auto* a = button->menu()->findChild<QAction*>(actionName)) {
        const QSignalBlocker blocker(a);
        a->setChecked(checked);
    }
}

QAction* shortcut(QWidget* owner, const QList<QKeySequence>& keys, const QString& text)
{
    auto* a = new QAction(text, owner);
    a->setShortcuts(keys);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    owner->addAction(a);
    return a;
}
} // namespace

LogViewTools::LogViewTools(LogStore& store, LogModel& model, QTableView& view, LogSearchBar& searchBar,
                           QWidget* parent)
    : QWidget(parent), m_store(store), m_model(model), m_view(view), m_searchBar(searchBar),
      m_defaultPointSize(view.font().pointSizeF())
{
    m_levels = toolButton(tr("Levels"), u"logLevelsButton"_s, tr("Show lines by the level they state"), this);
    m_levels->setPopupMode(QToolButton::InstantPopup);
    auto* levels = new QMenu(m_levels);
    const std::pair<docker::LogLevel, QString> levelNames[] = {
        {docker::LogLevel::Fatal, tr("Fatal")},     {docker::LogLevel::Error, tr("Error")},
        {docker::LogLevel::Warn, tr("Warning")},    {docker::LogLevel::Info, tr("Info")},
        {docker::LogLevel::Debug, tr("Debug")},     {docker::LogLevel::Trace, tr("Trace")},
        {docker::LogLevel::Unknown, tr("No level")}};
    for (const auto& [level, name] : levelNames) {
        QAction* a = levels->addAction(name);
        a->setCheckable(true);
        a->setChecked(true);
        a->setObjectName(levelActionName(level));
        connect(a, &QAction::toggled, this, [this, level = level](bool on) { setLevelShown(level, on); });
    }
    m_levels->setMenu(levels);

    m_streams = toolButton(tr("Streams"), u"logStreamsButton"_s, tr("Show stdout, stderr or both"), this);
    m_streams->setPopupMode(QToolButton::InstantPopup);
    auto* streams = new QMenu(m_streams);
    for (const auto stream : {docker::LogStreamKind::Stdout, docker::LogStreamKind::Stderr}) {
        QAction* a = streams->addAction(streamName(stream));
        a->setObjectName(u"logStream_"_s + streamName(stream));
        a->setCheckable(true);
        a->setChecked(true);
        connect(a, &QAction::toggled, this, [this, stream](bool on) { setStreamShown(stream, on); });
    }
    m_streams->setMenu(streams);

    m_onlyMatching =
        toolButton(tr("Only matching"), u"logOnlyMatchingButton"_s,
                   tr("Show only the lines the find pattern matches (F3 still jumps between them)"), this);
    m_onlyMatching->setCheckable(true);
    connect(m_onlyMatching, &QToolButton::toggled, this, &LogViewTools::applyFilter);
    connect(&m_searchBar, &LogSearchBar::queryChanged, this, [this] {
        if (isOnlyMatching())
            applyFilter();
    });
    QToolButton* clear =
        toolButton(tr("Clear"), u"logClearButton"_s,
                   tr("Clear the view: hide the lines so far (exports still have them)"), this);
    connect(clear, &QToolButton::clicked, this, &LogViewTools::clearView);
    QToolButton* save = toolButton(tr("Save…"), u"logSaveButton"_s,
                                   tr("Save the selected containers' logs to a text file (Ctrl+S)"), this);
    connect(save, &QToolButton::clicked, this, &LogViewTools::saveWithDialog);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    for (QToolButton* b : {m_levels, m_streams, m_onlyMatching, clear, save})
        layout->addWidget(b);

    // On the panel (the parent): the keys work wherever the focus is inside the log view.
    QWidget* owner = parent ? parent : this;
    connect(
        shortcut(owner, {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)}, tr("Larger text")),
        &QAction::triggered, this, &LogViewTools::zoomIn);
    connect(shortcut(owner, {QKeySequence::ZoomOut}, tr("Smaller text")), &QAction::triggered, this,
            &LogViewTools::zoomOut);
    connect(shortcut(owner, {QKeySequence(Qt::CTRL | Qt::Key_0)}, tr("Normal text size")),
            &QAction::triggered, this, &LogViewTools::resetZoom);
    connect(shortcut(owner, {QKeySequence::Save}, tr("Save logs")), &QAction::triggered, this,
            &LogViewTools::saveWithDialog);
}

void LogViewTools::setLevelShown(docker::LogLevel level, bool shown)
{
    m_filter.setLevelShown(level, shown);
    setChecked(m_levels, levelActionName(level), shown);
    m_levels->setText(m_filter.allLevelsShown() ? tr("Levels") : tr("Levels (filtered)"));
    applyFilter();
}

void LogViewTools::setStreamShown(docker::LogStreamKind stream, bool shown)
{
    m_filter.setStreamShown(stream, shown);
    setChecked(m_streams, u"logStream_"_s + streamName(stream), shown);
    const bool both = m_filter.showsStream(docker::LogStreamKind::Stdout) &&
                      m_filter.showsStream(docker::LogStreamKind::Stderr);
    m_streams->setText(both ? tr("Streams") : tr("Streams (filtered)"));
    applyFilter();
}

void LogViewTools::setOnlyMatching(bool only)
{
    m_onlyMatching->setChecked(only); // applies through toggled
}

bool LogViewTools::isOnlyMatching() const
{
    return m_onlyMatching->isChecked();
}

void LogViewTools::clearView()
{
    m_model.flush(); // lines already received but not yet shown are cleared too
    m_filter.setClearedBefore(m_store.nextSeq());
    applyFilter();
    Q_EMIT message(tr("Log view cleared; new lines appear as they arrive. Export still has every line."));
}

void LogViewTools::restoreCleared()
{
    m_filter.setClearedBefore(0);
    applyFilter();
}

void LogViewTools::applyFilter()
{
    if (isOnlyMatching())
        m_filter.setText(m_searchBar.pattern(), m_searchBar.isRegex(), m_searchBar.isCaseSensitive());
    else
        m_filter.setText({}, false, false);
    m_model.setFilter(m_filter);
}

QString LogViewTools::saveTo(const QString& path)
{
    qint64 lines = 0;
    const QString error = saveLogsAsText(m_store, m_model.tasks(), path, &lines);
    if (error.isEmpty())
        Q_EMIT message(
            tr("Saved %n log line(s) to %1", nullptr, int(qMin<qint64>(lines, INT_MAX))).arg(path));
    return error;
}

void LogViewTools::saveWithDialog()
{
    const QStringList tasks = m_model.tasks();
    if (tasks.isEmpty()) {
        Q_EMIT message(tr("Select a task above to save its logs."));
        return;
    }
    const QString name = m_model.rowCount() > 0 && tasks.size() == 1 ? m_model.containerName(0) : u"logs"_s;
    const QString suggested = QDir::home().filePath(
        name + u'-' + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s) + u".log"_s);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save logs"), suggested,
                                                      tr("Log files (*.log *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const QString error = saveTo(path); !error.isEmpty())
        QMessageBox::warning(this, tr("Saving the logs failed"), error);
}

void LogViewTools::setPointSize(qreal size)
{
    QFont font = m_view.font();
    font.setPointSizeF(qBound(kMinPointSize, size, kMaxPointSize));
    m_view.setFont(font);
    // The rows have a fixed height (the view never measures one): follow the font.
    const int height = QFontMetrics(font).height() + 4;
    QHeaderView* rows = m_view.verticalHeader();
    rows->setMinimumSectionSize(height);
    rows->setDefaultSectionSize(height);
}

void LogViewTools::zoomIn()
{
    setPointSize(fontPointSize() + 1);
}

void LogViewTools::zoomOut()
{
    setPointSize(fontPointSize() - 1);
}

void LogViewTools::resetZoom()
{
    setPointSize(m_defaultPointSize);
}

qreal LogViewTools::fontPointSize() const
{
    return m_view.font().pointSizeF();
}

} // namespace dockpulse::ui
