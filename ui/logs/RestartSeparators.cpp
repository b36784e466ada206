#include "RestartSeparators.h"

#include "EngineTypes.h"
#include "LogStore.h"
#include "MonitorEngine.h"
#include "TaskManager.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

RestartSeparators::RestartSeparators(monitor::MonitorEngine& engine, LogStore& store, QObject* parent)
    : QObject(parent), m_store(store)
{
    connect(&engine, &monitor::MonitorEngine::eventRecorded, this, &RestartSeparators::addEvent);
    for (monitor::EngineWatcher* watcher : engine.engines())
        connect(watcher, &monitor::EngineWatcher::containerEvent, this,
                &RestartSeparators::addContainerEvent);
}

void RestartSeparators::addContainerEvent(const docker::ContainerEvent& event)
{
    if (event.action == u"die"_s && event.exitCode)
        m_exitCodes.insert(monitor::TaskManager::taskName(event.id), *event.exitCode);
}

void RestartSeparators::addEvent(const monitor::TaskEventRecord& event)
{
    const auto code = m_exitCodes.constFind(event.task);
    const QString row = text(event, code == m_exitCodes.cend() ? std::nullopt : std::optional<int>(*code));
    if (row.isEmpty())
        return;
    if (event.event == u"container_started"_s)
        m_exitCodes.remove(event.task); // the next stop has a code of its own
    m_store.appendSeparator(event.task, event.containerName, row, event.wallMs * 1'000'000);
}

QString RestartSeparators::text(const monitor::TaskEventRecord& event, std::optional<int> exitCode)
{
    const QString when = QDateTime::fromMSecsSinceEpoch(event.wallMs).toString(u"HH:mm:ss"_s);
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
