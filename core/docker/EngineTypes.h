#pragma once

#include "ApiVersion.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockpulse::docker {

struct PingResult
{
    ApiVersion daemonApiVersion;
    QString osType;
    QString server; // the Server header, e.g. "Docker/20.10.24 (linux)"
};

// What dockpulse reads of GET /info.
struct EngineInfo
{
    qint64 systemTimeNs = 0; // the engine's own clock
    QString id;              // the engine's own ID ("W42R:DHN3:..." for dockerd); empty if it gives none
    QString name;            // its host name
};

struct EngineVersion
{
    QString version;
    QString apiVersion;
    QString minApiVersion;
    QString os;
    QString arch;
    QString kernelVersion;
};

// One row of GET /containers/json.
struct ContainerSummary
{
    QString id;
    QStringList names; // without the leading '/'
    QString image;
    QString state;  // created, running, paused, restarting, removing, exited, dead
    QString status; // "Up 5 minutes", "Exited (0) 2 seconds ago"
    qint64 createdSecs = 0;
    qint64 startedAtNs = 0; // filled by the engine watcher from inspect; 0 when unknown
    QMap<QString, QString> labels;

    QString name() const { return names.isEmpty() ? id.left(12) : names.first(); }
};

// What GET /containers/{id}/json says that the monitor needs.
struct ContainerDetails
{
    QString id;
    QString name; // without the leading '/'
    QString image;
    bool tty = false;
    QString status; // State.Status
    bool running = false;
    bool paused = false;
    bool restarting = false;
    qint64 startedAtNs = 0;  // 0 when never started
    qint64 finishedAtNs = 0; // 0 when never finished
    int exitCode = 0;
    int restartCount = 0;
    QString logDriver; // HostConfig.LogConfig.Type
};

// One container event from GET /events.
struct ContainerEvent
{
    QString action; // start, die, stop, restart, destroy, pause, unpause, rename, ...
    QString id;
    QString name;    // Actor.Attributes.name (the new name for rename)
    QString oldName; // rename only, without the leading '/'
    QString image;
    qint64 timeNs = 0;
    std::optional<int> exitCode; // die only
};

// What a user can do to a container from the dashboard (besides removing it).
enum class ContainerAction
{
    Start,
    Stop,
    Restart,
    Pause,
    Unpause,
};
// The API verb: "start", "stop", ...
QByteArray containerActionVerb(ContainerAction action);

// Options of GET /containers/{id}/logs.
struct LogRequest
{
    bool follow = true;
    bool stdoutStream = true;
    bool stderrStream = true;
    bool timestamps = true;
    std::optional<qint64> sinceNs; // inclusive
    qint64 tail = -1;              // -1: all
};

} // namespace dockpulse::docker
