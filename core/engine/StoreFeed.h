#pragma once

#include "ContainerRef.h"
#include "Expected.h"
#include "StoreError.h"

#include <QHash>
#include <QObject>
#include <QStringList>

namespace dockpulse::store {
class StoreReader;
class StoreWriter;
} // namespace dockpulse::store

namespace dockpulse::monitor {

class EngineWatcher;
class MonitorEngine;

// Hands what the run gathers to the durable store: each batch of lines with the resume point
// after it (committed together, docs/STORE.md), every task event and heartbeat, and the
// containers' names and images. And, before the run starts, gives the task manager the resume
// points an earlier run stored, so that each container continues exactly where it stopped.
class StoreFeed : public QObject
{
    Q_OBJECT
public:
    // A container an earlier run monitored, as the store knows it.
    struct StoredContainer
    {
        store::ContainerRef ref;
        QString name;
        QString engineId;      // of the engine it was on, empty if unknown
        qint64 lastLineNs = 0; // the newest line its cursor delivered, 0 before any
    };
    // What resume() found.
    struct Resumed
    {
        int containers = 0;            // resume points handed to the task manager
        QStringList refused;           // stored points that could not be read, with the reason each
        QList<StoredContainer> stored; // every container with a readable resume point
    };

    // Connects the engine's tasks to the writer (which must outlive this feed).
    StoreFeed(MonitorEngine& engine, store::StoreWriter& writer, QObject* parent = nullptr);

    // Seeds the engine's task manager with every resume point stored in the reader's store.
    static Expected<Resumed, store::StoreError> resume(store::StoreReader& reader, MonitorEngine& engine);

    // When each engine is first listed, finds the stored containers it no longer has (removed
    // while dockpulse was closed: what they wrote after their cursor is gone with them): a gap
    // event for each, its cursor retired in the same commit, and removedWhileClosed(). A
    // container on an endpoint whose engine now has another ID is left alone (another engine).
    void watchForRemoved(const QList<StoredContainer>& stored);

Q_SIGNALS:
    // A line for the user: which container, and from when its lines are lost.
    void removedWhileClosed(const QString& message);

private:
    void recordContainer(const QString& task);
    void checkRemoved(const EngineWatcher& watcher);

    MonitorEngine& m_engine;
    store::StoreWriter& m_writer;
    QHash<QString, QString> m_recordedNames;            // task -> the name last handed to the store
    QHash<QString, QList<StoredContainer>> m_unchecked; // by host: stored, not yet checked against its engine
};

} // namespace dockpulse::monitor
