#include "EngineJson.h"

#include "LogTimestamp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <limits>

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

namespace {

Expected<QJsonDocument, QString> parseDocument(QByteArrayView json, const QString& what)
{
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return u"the engine's %1 is not valid JSON (%2 at offset %3)"_s.arg(what, error.errorString())
            .arg(error.offset);
    return doc;
}

QString stripSlash(QString name)
{
    if (name.startsWith(u'/'))
        name.remove(0, 1);
    return name;
}

// Docker writes "0001-01-01T00:00:00Z" for "never"; that and anything unparsable is 0.
qint64 timeField(const QJsonValue& value)
{
    const QByteArray text = value.toString().toUtf8();
    if (text.isEmpty() || text.startsWith("0001-"))
        return 0;
    return parseRfc3339Nanos(text).value_or(0);
}

ContainerSummary summaryFrom(const QJsonObject& o)
{
    ContainerSummary c;
    c.id = o.value(u"Id"_s).toString();
    for (const QJsonValue& n : o.value(u"Names"_s).toArray())
        c.names.append(stripSlash(n.toString()));
    c.image = o.value(u"Image"_s).toString();
    c.state = o.value(u"State"_s).toString();
    c.status = o.value(u"Status"_s).toString();
    c.createdSecs = qint64(o.value(u"Created"_s).toDouble());
    const QJsonObject labels = o.value(u"Labels"_s).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        c.labels.insert(it.key(), it.value().toString());
    return c;
}

} // namespace

Expected<EngineVersion, QString> parseEngineVersion(const QByteArray& json)
{
    auto doc = parseDocument(json, u"version answer"_s);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return u"the engine's version answer is not a JSON object"_s;
    const QJsonObject o = doc->object();
    EngineVersion v;
    v.version = o.value(u"Version"_s).toString();
    v.apiVersion = o.value(u"ApiVersion"_s).toString();
    v.minApiVersion = o.value(u"MinAPIVersion"_s).toString();
    v.os = o.value(u"Os"_s).toString();
    v.arch = o.value(u"Arch"_s).toString();
    v.kernelVersion = o.value(u"KernelVersion"_s).toString();
    return v;
}

Expected<QList<ContainerSummary>, QString> parseContainerList(const QByteArray& json)
{
    auto doc = parseDocument(json, u"container list"_s);
    if (!doc)
        return doc.error();
    if (!doc->isArray())
        return u"the engine's container list is not a JSON array"_s;
    QList<ContainerSummary> out;
    const QJsonArray array = doc->array();
    out.reserve(array.size());
    for (const QJsonValue& v : array) {
        if (!v.isObject())
            return u"the engine's container list holds something that is not an object"_s;
        ContainerSummary c = summaryFrom(v.toObject());
        if (c.id.isEmpty())
            return u"the engine's container list holds a container without an Id"_s;
        out.append(std::move(c));
    }
    return out;
}

Expected<ContainerDetails, QString> parseContainerDetails(const QByteArray& json)
{
    auto doc = parseDocument(json, u"container details"_s);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return u"the engine's container details are not a JSON object"_s;
    const QJsonObject o = doc->object();
    ContainerDetails d;
    d.id = o.value(u"Id"_s).toString();
    if (d.id.isEmpty())
        return u"the engine's container details have no Id"_s;
    d.name = stripSlash(o.value(u"Name"_s).toString());
    const QJsonObject config = o.value(u"Config"_s).toObject();
    d.image = config.value(u"Image"_s).toString();
    d.tty = config.value(u"Tty"_s).toBool();
    const QJsonObject state = o.value(u"State"_s).toObject();
    d.status = state.value(u"Status"_s).toString();
    d.running = state.value(u"Running"_s).toBool();
    d.paused = state.value(u"Paused"_s).toBool();
    d.restarting = state.value(u"Restarting"_s).toBool();
    d.startedAtNs = timeField(state.value(u"StartedAt"_s));
    d.finishedAtNs = timeField(state.value(u"FinishedAt"_s));
    d.exitCode = state.value(u"ExitCode"_s).toInt();
    d.restartCount = o.value(u"RestartCount"_s).toInt();
    d.logDriver =
        o.value(u"HostConfig"_s).toObject().value(u"LogConfig"_s).toObject().value(u"Type"_s).toString();
    return d;
}

Expected<EngineInfo, QString> parseEngineInfo(const QByteArray& json)
{
    auto doc = parseDocument(json, u"system info"_s);
    if (!doc)
        return doc.error();
    const QJsonObject o = doc->object();
    const QByteArray text = o.value(u"SystemTime"_s).toString().toUtf8();
    const auto ns = parseRfc3339Nanos(text);
    if (!ns)
        return u"the engine's system info has no usable SystemTime (\"%1\")"_s.arg(
            QString::fromUtf8(text.left(64)));
    return EngineInfo{*ns, o.value(u"ID"_s).toString(), o.value(u"Name"_s).toString()};
}

Expected<std::optional<ContainerEvent>, QString> parseContainerEvent(QByteArrayView jsonLine)
{
    auto doc = parseDocument(jsonLine, u"event"_s);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return u"an event from the engine is not a JSON object"_s;
    const QJsonObject o = doc->object();
    if (o.value(u"Type"_s).toString() != u"container"_s)
        return std::optional<ContainerEvent>();
    ContainerEvent e;
    e.action = o.value(u"Action"_s).toString();
    // Exec events come as "exec_start: sh -c ..."; health as "health_status: healthy".
    const qsizetype colon = e.action.indexOf(u':');
    if (colon > 0)
        e.action.truncate(colon);
    const QJsonObject actor = o.value(u"Actor"_s).toObject();
    e.id = actor.value(u"ID"_s).toString();
    const QJsonObject attributes = actor.value(u"Attributes"_s).toObject();
    e.name = stripSlash(attributes.value(u"name"_s).toString());
    e.oldName = stripSlash(attributes.value(u"oldName"_s).toString());
    e.image = attributes.value(u"image"_s).toString();
    if (attributes.contains(u"exitCode"_s))
        e.exitCode = attributes.value(u"exitCode"_s).toString().toInt();
    e.timeNs = o.value(u"timeNano"_s).toInteger();
    if (e.timeNs == 0) {
        // Seconds only (older engines): a value that does not fit in nanoseconds is no time at all.
        constexpr qint64 kNsPerS = 1000000000LL;
        const qint64 seconds = o.value(u"time"_s).toInteger();
        if (seconds > 0 && seconds <= std::numeric_limits<qint64>::max() / kNsPerS)
            e.timeNs = seconds * kNsPerS;
    }
    if (e.id.isEmpty())
        return u"a container event from the engine has no Actor.ID"_s;
    return std::optional<ContainerEvent>(std::move(e));
}

} // namespace dockpulse::docker
