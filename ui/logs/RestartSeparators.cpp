#include "RestartSeparators.h"

#include "EngineTypes.h"
#include "LogStore.h"
#include "MonitorEngine.h"
#include "TaskManager.h"

#include <QDateTime>
#include <QTimer>

#include <limits>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

RestartSeparators::RestartSeparators(monitor::MonitorEngine& engine, LogStore& store, QObject* parent)
    : QObject(parent), m_store(store)
{
    connect(&engine, &monitor::MonitorEngine::eventRecorded, this, &RestartSeparators::addEvent);
    // What was seen of a container is kept while it exists and its task is listed, not forever.
    connect(&engine, &monitor::MonitorEngine::taskReleased, this,
            [this](const monitor::TaskSnapshot& last) { m_seen.remove(last.task); });
    for (monitor::EngineWatcher* watcher : engine.engines())
        connect(watcher, &monitor::EngineWatcher::containerEvent, this,
                &RestartSeparators::addContainerEvent);
}

void RestartSeparators::addContainerEvent(const docker::ContainerEvent& event)
{
    const QString task = monitor::TaskManager::taskName(event.id);
    if (event.action == u"destroy"_s) {
        m_seen.remove(task); // its id never comes back
        return;
    }
    if (event.action == u"die"_s) {
        Seen& seen = m_seen[task];
        seen.exitCode = event.exitCode;
        seen.diedNs = event.timeNs;
        if (m_waiting.contains(task))
            addWaitingRow(task); // the row that waited for this event
    } else if (event.action == u"start"_s) {
        m_seen[task].startedNs = event.timeNs;
    }
}

void RestartSeparators::addEvent(const monitor::TaskEventRecord& event)
{
    const bool exited = event.event == u"container_exited"_s;
    if (!exited && event.event != u"container_started"_s)
        return;
    if (exited && m_seen.value(event.task).diedNs == 0) {
        // Our reader may see the end of the log before the events stream brings the die event
        // with its exit code: wait for it a little.
        auto* timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, task = event.task] { addWaitingRow(task); });
        if (m_waiting.contains(event.task))
            addWaitingRow(event.task);
        m_waiting.insert(event.task, Waiting{event, timer});
        timer->start(kDieWaitMs);
        return;
    }
    if (m_waiting.contains(event.task))
        addWaitingRow(event.task); // the stop comes before the start
    addRow(event);
}

void RestartSeparators::addWaitingRow(const QString& task)
{
    const Waiting waiting = m_waiting.take(task);
    waiting.timer->deleteLater();
    addRow(waiting.event);
}

void RestartSeparators::addRow(const monitor::TaskEventRecord& event)
{
    const bool exited = event.event == u"container_exited"_s;
    const Seen seen = m_seen.value(event.task);
    // Docker's time of it, when its event was seen: rows and lines then share one clock.
    const qint64 dockerNs = exited ? seen.diedNs : seen.startedNs;
    const qint64 timeNs = dockerNs > 0 ? dockerNs : event.wallMs * 1'000'000;
    const QString row =
        text(event, exited && seen.diedNs > 0 ? seen.exitCode : std::nullopt, timeNs / 1'000'000);
    if (exited)
        m_seen[event.task].diedNs = 0; // the next stop has a code and a time of its own
    m_store.appendSeparator(event.task, event.containerName, row, timeNs,
                            dockerNs > 0 ? dockerNs : std::numeric_limits<qint64>::max());
}

QString RestartSeparators::text(const monitor::TaskEventRecord& event, std::optional<int> exitCode,
                                qint64 whenMs)
{
    const QString when = QDateTime::fromMSecsSinceEpoch(whenMs).toString(u"HH:mm:ss"_s);
    if (event.event == u"container_started"_s)
        return u"── started again · %1 ──"_s.arg(when);
    if (event.event != u"container_exited"_s)
        return {};
    const QString code = exitCode ? u"exit code %1"_s.arg(*exitCode) : QString();
    QString what = code.isEmpty() ? u"stopped"_s : u"stopped (%1)"_s.arg(code);
    if (event.detail == u"restarted"_s) // docker restart: stopped and started before we looked
        what = u"restarted: "_s + what;
    else if (event.detail.contains(u"removal"_s)) // the engine's 409 "marked for removal"
        what = u"stopped: being removed"_s;
    return u"── %1 · %2 ──"_s.arg(what, when);
}

QColor separatorColor(const QPalette& palette, QPalette::ColorGroup group)
{
    // Halfway from the text to the background: readable, and plainly not a line.
    const QColor text = palette.color(group, QPalette::Text);
    const QColor base = palette.color(group, QPalette::Base);
    return QColor((text.red() + base.red()) / 2, (text.green() + base.green()) / 2,
                  (text.blue() + base.blue()) / 2);
}

QFont separatorFont(QFont font)
{
    font.setItalic(true);
    return font;
}

} // namespace dockpulse::ui
