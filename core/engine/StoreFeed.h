#pragma once

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

class MonitorEngine;

// Hands what the run gathers to the durable store: each batch of lines with the resume point
// after it (committed together, docs/STORE.md), every task event and heartbeat, and the
// containers' names and images. And, before the run starts, gives the task manager the resume
// points an earlier run stored, so that each container continues exactly where it stopped.
class StoreFeed : public QObject
{
    Q_OBJECT
public:
    // What resume() found.
    struct Resumed
    {
        int containers = 0;  // resume points handed to the task manager
        QStringList refused; // stored points that could not be read, with the reason each
    };

    // Connects the engine's tasks to the writer (which must outlive this feed).
    StoreFeed(MonitorEngine& engine, store::StoreWriter& writer, QObject* parent = nullptr);

    // Seeds the engine's task manager with every resume point stored in the reader's store.
    static Expected<Resumed, store::StoreError> resume(store::StoreReader& reader, MonitorEngine& engine);

private:
    void recordContainer(const QString& task);

    MonitorEngine& m_engine;
    store::StoreWriter& m_writer;
    QHash<QString, QString> m_recordedNames; // task -> the name last handed to the store
};

} // namespace dockpulse::monitor
