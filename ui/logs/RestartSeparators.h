#pragma once

#include "Records.h"

#include <QColor>
#include <QFont>
#include <QHash>
#include <QObject>
#include <QPalette>
#include <QString>

class QTimer;

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
// events. The exit code and the time come from Docker's die and start events for that container
// (Docker's clock, as the lines' times): a `docker restart` is recorded only when its start event
// arrives, by when the new run's first lines may be in, and the row goes before those. Without a
// die event the row says only "stopped", at the time the engine recorded it; as our reader may
// see the end of the log before the die event comes, a stop's row waits for it up to kDieWaitMs.
class RestartSeparators : public QObject
{
    Q_OBJECT
public:
    // How long a container_exited row waits for its die event (and exit code) at most.
    static constexpr int kDieWaitMs = 1500;

    RestartSeparators(monitor::MonitorEngine& engine, LogStore& store, QObject* parent = nullptr);

    void addEvent(const monitor::TaskEventRecord& event);
    // Remembers a die event's exit code and time, and a start event's time, for the task.
    void addContainerEvent(const docker::ContainerEvent& event);

    // The row's text for a container_exited or container_started event at local time `when`
    // (ms since the epoch); empty for any other event.
    static QString text(const monitor::TaskEventRecord& event, std::optional<int> exitCode, qint64 whenMs);

private:
    void addRow(const monitor::TaskEventRecord& event);
    void addWaitingRow(const QString& task);

    LogStore& m_store;
    // What Docker said last about a task's container. Task names are per engine; two engines'
    // containers sharing the first 12 hex digits of their id are not told apart here.
    struct Seen
    {
        std::optional<int> exitCode;
        qint64 diedNs = 0; // 0: no die event since the last start
        qint64 startedNs = 0;
    };
    QHash<QString, Seen> m_seen;
    struct Waiting
    {
        monitor::TaskEventRecord event;
        QTimer* timer = nullptr;
    };
    QHash<QString, Waiting> m_waiting; // container_exited rows waiting for their die event
};

// How a separator row looks: dimmer than the lines' text, italic.
QColor separatorColor(const QPalette& palette, QPalette::ColorGroup group);
QFont separatorFont(QFont font);

} // namespace dockpulse::ui
