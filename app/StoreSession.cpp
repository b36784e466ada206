#include "StoreSession.h"

#include "StoreReader.h"

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

store::StoreWriterSettings StoreSession::settingsFor(const RunOptions& options)
{
    store::StoreWriterSettings settings;
    if (options.storeMaxBytes)
        settings.maxStoreBytes = *options.storeMaxBytes;
    if (options.storeMaxAgeMs)
        settings.maxAgeMs = *options.storeMaxAgeMs;
    return settings;
}

Expected<StoreSession, store::StoreError> StoreSession::open(const QString& path,
                                                             monitor::MonitorEngine& engine,
                                                             const store::StoreWriterSettings& settings)
{
    auto writer = store::StoreWriter::open(path, settings);
    if (!writer)
        return writer.error();
    auto reader = store::StoreReader::open(path);
    if (!reader)
        return reader.error();
    auto resumed = monitor::StoreFeed::resume(**reader, engine);
    if (!resumed)
        return resumed.error();
    StoreSession session;
    for (const QString& refused : resumed->refused)
        session.notes << u"store %1: cannot resume %2; its log is read as new"_s.arg(path, refused);
    if (resumed->containers > 0)
        session.notes << u"store %1 knows where %2 read up to: each continues from there when "
                         u"monitored (its started event says \"continuing from its cursor\")"_s.arg(path)
                             .arg(resumed->containers == 1 ? u"1 container"_s
                                                           : u"%1 containers"_s.arg(resumed->containers));
    session.writer = std::move(writer).value();
    session.feed = std::make_unique<monitor::StoreFeed>(engine, *session.writer);
    session.feed->watchForRemoved(resumed->stored);
    return session;
}

QString StoreSession::trouble() const
{
    if (!writer)
        return {};
    const store::StoreWriteStatus status = writer->status();
    if (status.failing)
        return u"the store could not write its last %1 lines: %2"_s.arg(status.retainedLines)
            .arg(status.error);
    if (status.droppedLines > 0)
        return u"the store %1 dropped %2 lines while it could not write (each range is a gap event)"_s
            .arg(writer->path())
            .arg(status.droppedLines);
    return {};
}

} // namespace dockpulse::cli
