#include "StoreFeed.h"

#include "MonitorEngine.h"
#include "ResumePoint.h"
#include "StoreReader.h"
#include "StoreWriter.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace dockpulse::monitor {

namespace {

store::ContainerRef refOf(const TaskSnapshot& task)
{
    return store::ContainerRef{task.host, task.containerId};
}

} // namespace

StoreFeed::StoreFeed(MonitorEngine& engine, store::StoreWriter& writer, QObject* parent)
    : QObject(parent), m_engine(engine), m_writer(writer)
{
    TaskManager& tasks = engine.tasks();
    tasks.setResumePoints(true);
    connect(&tasks, &TaskManager::linesResumable, this,
            [this](const ContainerKey& key, const docker::LogBatch& batch, const QByteArray& resume) {
                m_writer.append(store::ContainerRef{key.host, key.containerId}, batch, resume);
            });
    // Events and heartbeats name their task; the task its container. A task's records arrive
    // while it is listed (it is released later, after releaseAfterMs).
    connect(&tasks, &TaskManager::eventRecorded, this, [this](const TaskEventRecord& record) {
        if (m_engine.tasks().contains(record.task))
            m_writer.appendEvent(refOf(m_engine.tasks().snapshot(record.task)), record);
    });
    connect(&tasks, &TaskManager::heartbeatRecorded, this, [this](const HeartbeatRecord& record) {
        if (m_engine.tasks().contains(record.task))
            m_writer.appendHeartbeat(refOf(m_engine.tasks().snapshot(record.task)), record);
    });
    connect(&tasks, &TaskManager::taskAdded, this, &StoreFeed::recordContainer);
    connect(&tasks, &TaskManager::taskChanged, this, &StoreFeed::recordContainer);
    connect(&tasks, &TaskManager::taskReleased, this,
            [this](const TaskSnapshot& last) { m_recordedNames.remove(last.task); });
    for (const EngineWatcher* watcher : engine.engines()) {
        // The ID comes with the first /info; a row without one would only blank a stored ID.
        if (!watcher->engineId().isEmpty())
            m_writer.recordEngine(watcher->host(), watcher->engineId());
        connect(watcher, &EngineWatcher::engineIdentified, this,
                [this, host = watcher->host()](const QString& id) { m_writer.recordEngine(host, id); });
    }
}

void StoreFeed::recordContainer(const QString& task)
{
    if (!m_engine.tasks().contains(task))
        return;
    const TaskSnapshot snapshot = m_engine.tasks().snapshot(task);
    const auto recorded = m_recordedNames.constFind(task);
    if (recorded != m_recordedNames.cend() && *recorded == snapshot.containerName)
        return;
    m_recordedNames.insert(task, snapshot.containerName);
    store::ContainerFacts facts{snapshot.containerName, {}, 0, QDateTime::currentMSecsSinceEpoch()};
    if (const EngineWatcher* watcher = m_engine.engine(snapshot.host)) {
        const auto it = watcher->containers().constFind(snapshot.containerId);
        if (it != watcher->containers().cend()) {
            facts.image = it->image;
            facts.createdNs = it->createdSecs * 1'000'000'000;
        }
    }
    m_writer.recordContainer(refOf(snapshot), facts);
}

Expected<StoreFeed::Resumed, store::StoreError> StoreFeed::resume(store::StoreReader& reader,
                                                                  MonitorEngine& engine)
{
    auto stored = reader.cursors();
    if (!stored)
        return stored.error();
    Resumed resumed;
    for (const store::ContainerCursor& c : *stored) {
        QString why;
        const std::optional<ResumePoint> point = ResumePoint::restore(c.stored.cursor, &why);
        if (!point) {
            // Its next task reads the container's log as a new one would (--tail): said, not silent.
            resumed.refused.append(
                u"container %1 on %2: %3"_s.arg(c.container.containerId.left(12), c.container.host, why));
            continue;
        }
        engine.tasks().seedResumePoint(ContainerKey{c.container.host, c.container.containerId}, *point);
        ++resumed.containers;
    }
    return resumed;
}

} // namespace dockpulse::monitor
