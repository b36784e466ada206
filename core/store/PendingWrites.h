#pragma once

#include "ContainerRef.h"
#include "LogBatch.h"
#include "Records.h"

#include <QByteArray>
#include <QHash>
#include <QList>

namespace dockpulse::store {

// What the store knows of a container besides its lines (docker inspect / the container list).
struct ContainerFacts
{
    QString name;
    QString image;
    qint64 createdNs = 0;
    qint64 seenAtMs = 0; // when the name was seen: container_names keeps names over time
};

// The work gathered between two commits; one commit writes all of it in one transaction.
struct PendingWrites
{
    struct Lines
    {
        ContainerRef container;
        docker::LogBatch batch;
    };
    struct Event
    {
        ContainerRef container;
        monitor::TaskEventRecord record;
    };
    struct Heartbeat
    {
        ContainerRef container;
        monitor::HeartbeatRecord record;
    };
    struct Engine
    {
        QString endpoint;
        QString engineId;
    };
    struct Container
    {
        ContainerRef container;
        ContainerFacts facts;
    };

    QList<Engine> engines;
    QList<Container> containers;
    QList<Lines> lines;
    // Only the newest cursor of each container is written: it covers all its lines before it.
    QHash<ContainerRef, QByteArray> latestCursors;
    QList<Event> events;
    QList<Heartbeat> heartbeats;
    QList<monitor::MetricSample> samples;
    // Containers whose cursor row goes (they are gone from their engine: nothing to resume);
    // deleted after this commit's cursors and events are written.
    QList<ContainerRef> retiredCursors;
    qsizetype lineCount = 0;
    qsizetype byteCount = 0;

    bool isEmpty() const
    {
        return engines.isEmpty() && containers.isEmpty() && lines.isEmpty() && latestCursors.isEmpty() &&
               events.isEmpty() && heartbeats.isEmpty() && samples.isEmpty() && retiredCursors.isEmpty();
    }

    // Appends newer work after this one's (a failed commit's work stays first, in order).
    void absorb(PendingWrites&& newer);
};

} // namespace dockpulse::store
