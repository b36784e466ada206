#pragma once

#include "Records.h"

#include <QColor>
#include <QFont>
#include <QHash>
#include <QObject>
#include <QPalette>
#include <QString>

#include <optional>

namespace dockpulse::docker {
struct ContainerEvent;
}
namespace dockpulse::monitor {
class MonitorEngine;
}

namespace dockpulse::ui {

class LogStore;

// Container restarts in the log view: a separator row in the task's log where its container
// stopped ("── stopped (exit code 137) · 12:03:04 ──") and where it started again
// ("── started again · 12:03:05 ──"), from the engine's container_exited and container_started
// events. The exit code comes from the engine's die event for that container, which Docker sends
// before our reader sees the end of the log; without one the row says only "stopped".
class RestartSeparators : public QObject
{
    Q_OBJECT
public:
    RestartSeparators(monitor::MonitorEngine& engine, LogStore& store, QObject* parent = nullptr);

    void addEvent(const monitor::TaskEventRecord& event);
    // Remembers a die event's exit code for the container's task.
    void addContainerEvent(const docker::ContainerEvent& event);

    // The row's text for a container_exited or container_started event; empty for any other.
    static QString text(const monitor::TaskEventRecord& event, std::optional<int> exitCode);

private:
    LogStore& m_store;
    // Task → the exit code of its container's last die event. Task names are per engine; two
    // engines' containers sharing the first 12 hex digits of their id are not told apart here.
    QHash<QString, int> m_exitCodes;
};

// How a separator row looks: dimmer than the lines' text, italic.
QColor separatorColor(const QPalette& palette, QPalette::ColorGroup group);
QFont separatorFont(QFont font);

} // namespace dockpulse::ui
