#pragma once

#include "MonitorSettings.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

class QSettings;

namespace dockpulse::ui {

// What the settings dialog edits and the dashboard keeps between runs.
struct DashboardSettings
{
    QStringList hosts;                // engine URLs; empty = resolve like the docker CLI
    monitor::MonitorSettings monitor; // every duration, strategy, threads, tail, csvRaw, log retention
    bool operator==(const DashboardSettings&) const = default;
};

// Limits of the chart window that loadSession() accepts; the charts may clamp further.
inline constexpr int kMinChartWindowMinutes = 1;
inline constexpr int kMaxChartWindowMinutes = 24 * 60;

// How the window looked and what it monitored when the user closed it.
struct SessionState
{
    QByteArray geometry;                      // QWidget::saveGeometry
    QByteArray windowState;                   // QMainWindow::saveState
    QMap<QString, QByteArray> splitters;      // QSplitter::saveState by objectName
    QMap<QString, QByteArray> headers;        // QHeaderView::saveState by objectName
    int tab = 0;                              // the selected bottom tab
    int chartWindowMinutes = 5;               // kMinChartWindowMinutes..kMaxChartWindowMinutes
    QList<QPair<QString, QString>> monitored; // (host URL, container name) monitored at exit
    bool monitorAll = false;                  // View → Monitor all was on at exit
    bool operator==(const SessionState&) const = default;
};

// Keys are versioned ("settings/v1/...", "session/v1/...") so that a later layout can move on
// without misreading this one. Loading never fails: a value that is missing, of the wrong type
// or out of range falls back to its default; a monitor set that fails validateSettings() falls
// back to MonitorSettings{} as a whole (with a qWarning), and so does a host list holding a URL
// that parseEndpoint() rejects.
DashboardSettings loadSettings(QSettings& settings);
void saveSettings(QSettings& settings, const DashboardSettings& values);

SessionState loadSession(QSettings& settings);
void saveSession(QSettings& settings, const SessionState& state);

} // namespace dockpulse::ui
