#pragma once

#include "CommandLine.h"
#include "Expected.h"
#include "MonitorEngine.h"
#include "StoreError.h"
#include "StoreFeed.h"
#include "StoreWriter.h"

#include <QStringList>

#include <memory>

namespace dockpulse::cli {

// One run's durable store, the same in both modes: the writer, and the feed that hands it what
// the engine gathers. Opened before the engine starts, so that each container monitored by an
// earlier run resumes from its stored cursor.
struct StoreSession
{
    std::unique_ptr<store::StoreWriter> writer;
    std::unique_ptr<monitor::StoreFeed> feed; // after the writer: it goes first
    QStringList notes; // for stderr: how many containers resume, resume points that could not be read

    // The store at path for that engine; an unusable one is a StoreError whose message names
    // the file (exit 5).
    static Expected<StoreSession, store::StoreError> open(const QString& path, monitor::MonitorEngine& engine,
                                                          const store::StoreWriterSettings& settings = {});
    // The writer's settings for a run: the store's defaults with --store-max-size and
    // --store-max-age applied.
    static store::StoreWriterSettings settingsFor(const RunOptions& options);
    // After the run's last flush(): why the store does not hold every line, or empty.
    QString trouble() const;
};

} // namespace dockpulse::cli
