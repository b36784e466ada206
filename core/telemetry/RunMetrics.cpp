#include "RunMetrics.h"

#include <QHash>

#include <functional>

using namespace Qt::StringLiterals;

namespace dockpulse::telemetry {

namespace {

using monitor::TaskSnapshot;
using monitor::TaskState;

constexpr TaskState kStates[] = {TaskState::Starting, TaskState::Streaming, TaskState::Stalled,
                                 TaskState::Exited,   TaskState::Stopped,   TaskState::TimedOut,
                                 TaskState::Failed};

MetricFamily single(const QString& name, MetricType type, const QString& help, double value,
                    const QString& unit = {})
{
    return MetricFamily{name, type, help, unit, {MetricPoint{{}, value}}};
}

QList<MetricLabel> taskLabels(const TaskSnapshot& t)
{
    return {{u"host"_s, t.host}, {u"container"_s, t.containerName}};
}

// The tasks to export: one per (host, container name), the newest (the last listed).
QList<TaskSnapshot> newestPerName(const QList<TaskSnapshot>& tasks)
{
    QList<TaskSnapshot> out;
    QHash<QString, qsizetype> at; // "host\ncontainer" -> index in out
    for (const TaskSnapshot& t : tasks) {
        const QString key = t.host + u'\n' + t.containerName;
        if (const auto it = at.constFind(key); it != at.cend()) {
            out[*it] = t;
        } else {
            at.insert(key, out.size());
            out.append(t);
        }
    }
    return out;
}

struct TaskFigure
{
    const char16_t* name;
    MetricType type;
    const char16_t* unit;
    const char16_t* help;
    std::function<double(const TaskSnapshot&)> value;
};

} // namespace

QList<MetricFamily> runMetricFamilies(const ScrapeSnapshot& scrape)
{
    QList<MetricFamily> out{
        single(u"dockpulse_readers"_s, MetricType::Gauge, u"Log readers alive."_s, scrape.sample.readers),
        single(u"dockpulse_threads"_s, MetricType::Gauge,
               u"OS threads of the process, as the kernel counts them."_s, scrape.sample.threads),
        single(u"dockpulse_monitored_tasks"_s, MetricType::Gauge,
               u"Tasks not stopped, timed out or failed."_s, scrape.sample.monitored),
    };

    const QList<TaskSnapshot> tasks = newestPerName(scrape.tasks);
    const TaskFigure figures[] = {
        {u"dockpulse_task_heartbeat_age_seconds", MetricType::Gauge, u"seconds",
         u"Time since the task's last heartbeat (for a task that is over: when it ended).",
         [](const TaskSnapshot& t) {
             return double(t.heartbeatAgeMs) / 1000.0;
         }},
        {u"dockpulse_task_rotations", MetricType::Counter, u"", u"Log streams the task's reader rotated.",
         [](const TaskSnapshot& t) {
             return double(t.rotations);
         }},
        {u"dockpulse_task_lines", MetricType::Counter, u"", u"Log lines the task delivered.",
         [](const TaskSnapshot& t) {
             return double(t.lines);
         }},
        {u"dockpulse_task_bytes", MetricType::Counter, u"bytes",
         u"Bytes of the log lines the task delivered.",
         [](const TaskSnapshot& t) {
             return double(t.bytes);
         }},
        {u"dockpulse_task_heartbeats", MetricType::Counter, u"", u"Heartbeats of the task.",
         [](const TaskSnapshot& t) {
             return double(t.heartbeats);
         }},
        {u"dockpulse_task_errors", MetricType::Counter, u"", u"Errors, stalls and gaps of the task.",
         [](const TaskSnapshot& t) {
             return double(t.errors);
         }},
    };
    for (const TaskFigure& figure : figures) {
        MetricFamily f{QString::fromUtf16(figure.name),
                       figure.type,
                       QString::fromUtf16(figure.help),
                       QString::fromUtf16(figure.unit),
                       {}};
        for (const TaskSnapshot& t : tasks)
            f.points.append(MetricPoint{taskLabels(t), figure.value(t)});
        out.append(std::move(f));
    }

    MetricFamily states{u"dockpulse_task_state"_s,
                        MetricType::Gauge,
                        u"The task's state: 1 for the current one, 0 for the others."_s,
                        {},
                        {}};
    for (const TaskSnapshot& t : tasks) {
        for (const TaskState state : kStates) {
            QList<MetricLabel> labels = taskLabels(t);
            labels.append({u"state"_s, monitor::taskStateName(state)});
            states.points.append(MetricPoint{std::move(labels), t.state == state ? 1.0 : 0.0});
        }
    }
    out.append(std::move(states));

    out.append(single(u"dockpulse_safety_net"_s, MetricType::Counter,
                      u"Log streams torn down by the context timeout because their reader had not ended."_s,
                      double(scrape.safetyNets)));
    MetricFamily engines{u"dockpulse_engine_up"_s,
                         MetricType::Gauge,
                         u"1 while the Docker engine answers, 0 while it is being (re)connected."_s,
                         {},
                         {}};
    for (const EngineStatus& e : scrape.engines)
        engines.points.append(MetricPoint{{{u"host"_s, e.host}}, e.up ? 1.0 : 0.0});
    out.append(std::move(engines));
    if (scrape.storeBytes)
        out.append(single(u"dockpulse_store_bytes"_s, MetricType::Gauge,
                          u"Size of the store's files on disk (the SQLite file and its write-ahead log)."_s,
                          double(*scrape.storeBytes), u"bytes"_s));
    return out;
}

} // namespace dockpulse::telemetry
