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
    connect(&engine, &MonitorEngine::sampled, this,
            [this](const MetricSample& sample) { m_writer.appendSample(sample); });
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

void StoreFeed::watchForRemoved(const QList<StoredContainer>& stored)
{
    for (const StoredContainer& c : stored)
        m_unchecked[c.ref.host].append(c);
    for (const EngineWatcher* watcher : m_engine.engines()) {
        if (!m_unchecked.contains(watcher->host()))
            continue;
        if (watcher->hasConnectedOnce())
            checkRemoved(*watcher);
        else
            connect(watcher, &EngineWatcher::connected, this, [this, watcher] { checkRemoved(*watcher); });
    }
}

void StoreFeed::checkRemoved(const EngineWatcher& watcher)
{
    // Once per host: the first listing after start is what the engine kept while we were closed.
    const QList<StoredContainer> stored = m_unchecked.take(watcher.host());
    for (const StoredContainer& c : stored) {
        if (watcher.containers().contains(c.ref.containerId))
            continue;
        if (!c.engineId.isEmpty() && c.engineId != watcher.engineId())
            continue; // the endpoint now reaches another engine: this one never had the container
        const QString since = c.lastLineNs > 0
                                  ? QDateTime::fromMSecsSinceEpoch(c.lastLineNs / 1'000'000, Qt::UTC)
                                        .toString(Qt::ISODateWithMs)
                                  : u"its start"_s;
        const QString what = u"was removed while dockpulse was closed: lines it wrote after %1 (the last "
                             u"stored) are lost with it"_s.arg(since);
        TaskEventRecord gap;
        gap.wallMs = QDateTime::currentMSecsSinceEpoch();
        gap.task = store::taskNameOf(c.ref);
        gap.event = u"gap"_s;
        gap.detail = u"the container "_s + what;
        gap.containerName = c.name;
        m_writer.retireCursor(c.ref, gap);
        Q_EMIT removedWhileClosed(u"container %1 (%2) on %3 %4"_s.arg(
            c.name.isEmpty() ? u"?"_s : c.name, c.ref.containerId.left(12), c.ref.host, what));
    }
}

Expected<StoreFeed::Resumed, store::StoreError> StoreFeed::resume(store::StoreReader& reader,
                                                                  MonitorEngine& engine)
{
    auto stored = reader.cursors();
    if (!stored)
        return stored.error();
    auto containers = reader.containers();
    if (!containers)
        return containers.error();
    auto engineIds = reader.engineIds();
    if (!engineIds)
        return engineIds.error();
    QHash<store::ContainerRef, QString> names;
    for (const store::StoredContainer& c : std::as_const(containers.value()))
        names.insert(c.ref, c.name);
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
        resumed.stored.append(StoredContainer{c.container, names.value(c.container),
                                              engineIds->value(c.container.host), point->cursor.newestNs()});
    }
    return resumed;
}

} // namespace dockpulse::monitor
