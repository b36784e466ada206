#pragma once

#include "LogFilter.h"

#include <QWidget>

class QTableView;
class QToolButton;

namespace dockpulse::ui {

class LogModel;
class LogSearchBar;
class LogStore;

// The log view's everyday tools, as every peer has them: filter by level and by stream, show only
// the lines matching the find pattern, clear the view (the store keeps the lines for export), save
// the selected containers' logs to a text file, and the font size (Ctrl +, Ctrl −, Ctrl 0).
class LogViewTools : public QWidget
{
    Q_OBJECT
public:
    LogViewTools(LogStore& store, LogModel& model, QTableView& view, LogSearchBar& searchBar,
                 QWidget* parent = nullptr);

    void setLevelShown(docker::LogLevel level, bool shown);
    void setStreamShown(docker::LogStreamKind stream, bool shown);
    void setOnlyMatching(bool only);
    bool isOnlyMatching() const;
    // Hides every line received so far; new lines show as they come.
    void clearView();
    // Shows the lines hidden by clearView() again.
    void restoreCleared();
    // Writes the retained lines of the model's tasks; the error, or empty.
    QString saveTo(const QString& path);
    void saveWithDialog();

    void zoomIn();
    void zoomOut();
    void resetZoom();
    qreal fontPointSize() const;

    QToolButton* levelsButton() const { return m_levels; }
    QToolButton* streamsButton() const { return m_streams; }

Q_SIGNALS:
    void message(const QString& text);

private:
    void applyFilter();
    void setPointSize(qreal size);

    LogStore& m_store;
    LogModel& m_model;
    QTableView& m_view;
    LogSearchBar& m_searchBar;
    LogFilter m_filter;
    qreal m_defaultPointSize;
    QToolButton* m_levels;
    QToolButton* m_streams;
    QToolButton* m_onlyMatching;
};

} // namespace dockpulse::ui
