#include "SettingsStore.h"

#include "Endpoint.h"

#include <QDebug>
#include <QSettings>

#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

namespace {

const QString kSettingsGroup = u"settings/v1"_s;
const QString kSessionGroup = u"session/v1"_s;

// A hand-edited or corrupted "size" must not make us loop for a billion entries.
constexpr int kMaxArrayEntries = 1000;

// Says what was wrong with a stored value, quoting a bounded part of it.
void warnIgnored(const QSettings& s, const QString& key, const QVariant& value, const QString& why)
{
    QString shown = value.toString();
    if (shown.size() > 60)
        shown = shown.left(60) + u'…';
    const QString where = s.group().isEmpty() ? key : QString(s.group() + u'/' + key);
    qWarning().noquote() << u"dockpulse: ignoring the stored %1 (\"%2\"): %3; using the default."_s.arg(
        where, shown, why);
}

// Whole numbers only: QSettings' INI files return every number as text, so both are accepted,
// but a double or a list is not silently truncated into something else.
std::optional<qint64> toInteger(const QVariant& v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return v.toLongLong();
    case QMetaType::ULongLong: {
        bool ok = false;
        const qint64 n = v.toLongLong(&ok);
        return ok && n >= 0 ? std::optional<qint64>(n) : std::nullopt;
    }
    case QMetaType::QString: {
        bool ok = false;
        const qint64 n = v.toString().trimmed().toLongLong(&ok);
        return ok ? std::optional<qint64>(n) : std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

// Reads key (relative to the current group) as a whole number in [min, max].
template <typename T>
void readInteger(const QSettings& s, const QString& key, qint64 min, qint64 max, T* out)
{
    if (!s.contains(key))
        return;
    const QVariant v = s.value(key);
    const std::optional<qint64> n = toInteger(v);
    if (!n)
        warnIgnored(s, key, v, u"not a whole number"_s);
    else if (*n < min || *n > max)
        warnIgnored(s, key, v, u"outside %1..%2"_s.arg(min).arg(max));
    else
        *out = static_cast<T>(*n);
}

void readBool(const QSettings& s, const QString& key, bool* out)
{
    if (!s.contains(key))
        return;
    const QVariant v = s.value(key);
    if (v.typeId() == QMetaType::Bool) {
        *out = v.toBool();
        return;
    }
    // QVariant::toBool() calls any text but "false" and "0" true; a corrupted value must not
    // switch the formula guard off.
    const QString text = v.typeId() == QMetaType::QString ? v.toString().trimmed().toLower() : QString();
    if (text == u"true"_s || text == u"1"_s)
        *out = true;
    else if (text == u"false"_s || text == u"0"_s)
        *out = false;
    else
        warnIgnored(s, key, v, u"not true or false"_s);
}

std::optional<QString> toText(const QVariant& v)
{
    if (v.typeId() != QMetaType::QString)
        return std::nullopt;
    return v.toString();
}

void readBytes(const QSettings& s, const QString& key, QByteArray* out)
{
    if (!s.contains(key))
        return;
    const QVariant v = s.value(key);
    if (v.typeId() == QMetaType::QByteArray)
        *out = v.toByteArray();
    else
        warnIgnored(s, key, v, u"not a byte array"_s);
}

// The array size as stored, bounded; 0 when missing or corrupted.
int beginBoundedReadArray(QSettings& s, const QString& key)
{
    const int size = s.beginReadArray(key);
    if (size < 0 || size > kMaxArrayEntries) {
        const QString where = s.group().isEmpty() ? key : QString(s.group() + u'/' + key);
        qWarning().noquote() << u"dockpulse: ignoring the stored %1: %2 entries is not plausible."_s.arg(
            where, QString::number(size));
        return 0;
    }
    return size;
}

QStringList readHosts(QSettings& s)
{
    QStringList hosts;
    bool usable = true;
    const int size = beginBoundedReadArray(s, u"hosts"_s);
    for (int i = 0; i < size && usable; ++i) {
        s.setArrayIndex(i);
        const QVariant v = s.value(u"url"_s);
        const std::optional<QString> url = toText(v);
        if (!url) {
            warnIgnored(s, u"url"_s, v, u"not text"_s);
            usable = false;
        } else if (const auto parsed = docker::parseEndpoint(*url); !parsed) {
            warnIgnored(s, u"url"_s, v, parsed.error());
            usable = false;
        } else {
            hosts << url->trimmed();
        }
    }
    s.endArray();
    // One engine missing would change what is monitored without a word; the default (resolve
    // like the docker CLI) at least is what the user gets on a fresh install.
    return usable ? hosts : QStringList();
}

void writeHosts(QSettings& s, const QStringList& hosts)
{
    s.beginWriteArray(u"hosts"_s, int(hosts.size()));
    for (int i = 0; i < hosts.size(); ++i) {
        s.setArrayIndex(i);
        s.setValue(u"url"_s, hosts.at(i));
    }
    s.endArray();
}

QMap<QString, QByteArray> readStates(QSettings& s, const QString& key)
{
    QMap<QString, QByteArray> states;
    const int size = beginBoundedReadArray(s, key);
    for (int i = 0; i < size; ++i) {
        s.setArrayIndex(i);
        const std::optional<QString> name = toText(s.value(u"name"_s));
        const QVariant state = s.value(u"state"_s);
        if (name && !name->isEmpty() && state.typeId() == QMetaType::QByteArray)
            states.insert(*name, state.toByteArray());
        else
            warnIgnored(s, u"name"_s, s.value(u"name"_s), u"entry without a name and a byte array state"_s);
    }
    s.endArray();
    return states;
}

// Stored as an array of (name, state) rather than one key per name: an objectName may hold
// the '/' that QSettings reads as a group separator.
void writeStates(QSettings& s, const QString& key, const QMap<QString, QByteArray>& states)
{
    s.beginWriteArray(key, int(states.size()));
    int i = 0;
    for (auto it = states.cbegin(); it != states.cend(); ++it, ++i) {
        s.setArrayIndex(i);
        s.setValue(u"name"_s, it.key());
        s.setValue(u"state"_s, it.value());
    }
    s.endArray();
}

} // namespace

DashboardSettings loadSettings(QSettings& s)
{
    using namespace monitor;
    DashboardSettings out;
    s.beginGroup(kSettingsGroup);
    out.hosts = readHosts(s);

    MonitorSettings m;
    readInteger(s, u"readDeadlineMs"_s, 1, kMaxDurationMs, &m.readDeadlineMs);
    readInteger(s, u"contextTimeoutMs"_s, 1, kMaxDurationMs, &m.contextTimeoutMs);
    readInteger(s, u"heartbeatEveryMs"_s, 1, kMaxDurationMs, &m.heartbeatEveryMs);
    if (s.contains(u"strategy"_s)) {
        const QVariant v = s.value(u"strategy"_s);
        const std::optional<QString> name = toText(v);
        if (!name || !parseStrategy(*name, &m.strategy))
            warnIgnored(s, u"strategy"_s, v, u"not ticker, rotation, hybrid or none"_s);
    }
    readInteger(s, u"taskTimeoutMs"_s, 1, kMaxDurationMs, &m.taskTimeoutMs);
    readInteger(s, u"cleanupEveryMs"_s, 1, kMaxDurationMs, &m.cleanupEveryMs);
    readInteger(s, u"sampleEveryMs"_s, 1, kMaxDurationMs, &m.sampleEveryMs);
    readInteger(s, u"threads"_s, 0, kMaxThreads, &m.threads);
    readInteger(s, u"tail"_s, -1, std::numeric_limits<qint64>::max(), &m.tail);
    readBool(s, u"csvRaw"_s, &m.csvRaw);
    readInteger(s, u"logRetentionLines"_s, kMinLogRetentionLines, kMaxLogRetentionLines,
                &m.logRetentionLines);
    readInteger(s, u"logBudgetMiB"_s, kMinLogBudgetMiB, kMaxLogBudgetMiB, &m.logBudgetMiB);
    readInteger(s, u"releaseAfterMs"_s, 1, kMaxDurationMs, &m.releaseAfterMs);
    readInteger(s, u"historyBudgetMiB"_s, kMinHistoryBudgetMiB, kMaxHistoryBudgetMiB, &m.historyBudgetMiB);
    readInteger(s, u"maxLineBytes"_s, kMinMaxLineBytes, kMaxMaxLineBytes, &m.maxLineBytes);
    s.endGroup();

    // Each value may be fine alone and the set still unusable (context timeout <= read deadline).
    if (const QStringList problems = validateSettings(m); !problems.isEmpty()) {
        for (const QString& p : problems)
            qWarning().noquote() << u"dockpulse: the stored settings are not usable: %1"_s.arg(p);
        qWarning().noquote() << u"dockpulse: using the default settings instead."_s;
        m = MonitorSettings{};
    }
    out.monitor = m;
    return out;
}

void saveSettings(QSettings& s, const DashboardSettings& values)
{
    const monitor::MonitorSettings& m = values.monitor;
    s.beginGroup(kSettingsGroup);
    s.remove(QString()); // drop keys a former layout of this version may have left
    writeHosts(s, values.hosts);
    s.setValue(u"readDeadlineMs"_s, m.readDeadlineMs);
    s.setValue(u"contextTimeoutMs"_s, m.contextTimeoutMs);
    s.setValue(u"heartbeatEveryMs"_s, m.heartbeatEveryMs);
    s.setValue(u"strategy"_s, monitor::strategyName(m.strategy));
    s.setValue(u"taskTimeoutMs"_s, m.taskTimeoutMs);
    s.setValue(u"cleanupEveryMs"_s, m.cleanupEveryMs);
    s.setValue(u"sampleEveryMs"_s, m.sampleEveryMs);
    s.setValue(u"threads"_s, m.threads);
    s.setValue(u"tail"_s, m.tail);
    s.setValue(u"csvRaw"_s, m.csvRaw);
    s.setValue(u"logRetentionLines"_s, m.logRetentionLines);
    s.setValue(u"logBudgetMiB"_s, m.logBudgetMiB);
    s.setValue(u"releaseAfterMs"_s, m.releaseAfterMs);
    s.setValue(u"historyBudgetMiB"_s, m.historyBudgetMiB);
    s.setValue(u"maxLineBytes"_s, m.maxLineBytes);
    s.endGroup();
}

SessionState loadSession(QSettings& s)
{
    SessionState out;
    s.beginGroup(kSessionGroup);
    readBytes(s, u"geometry"_s, &out.geometry);
    readBytes(s, u"windowState"_s, &out.windowState);
    out.splitters = readStates(s, u"splitters"_s);
    out.headers = readStates(s, u"headers"_s);
    readInteger(s, u"tab"_s, 0, kMaxArrayEntries, &out.tab);
    readInteger(s, u"chartWindowMinutes"_s, kMinChartWindowMinutes, kMaxChartWindowMinutes,
                &out.chartWindowMinutes);
    readBool(s, u"monitorAll"_s, &out.monitorAll);

    const int size = beginBoundedReadArray(s, u"monitored"_s);
    for (int i = 0; i < size; ++i) {
        s.setArrayIndex(i);
        const std::optional<QString> host = toText(s.value(u"host"_s));
        const std::optional<QString> container = toText(s.value(u"container"_s));
        if (host && container && !host->isEmpty() && !container->isEmpty())
            out.monitored.append({*host, *container});
        else
            warnIgnored(s, u"container"_s, s.value(u"container"_s),
                        u"entry without a host and a container"_s);
    }
    s.endArray();
    s.endGroup();
    return out;
}

void saveSession(QSettings& s, const SessionState& state)
{
    s.beginGroup(kSessionGroup);
    s.remove(QString());
    s.setValue(u"geometry"_s, state.geometry);
    s.setValue(u"windowState"_s, state.windowState);
    writeStates(s, u"splitters"_s, state.splitters);
    writeStates(s, u"headers"_s, state.headers);
    s.setValue(u"tab"_s, state.tab);
    s.setValue(u"chartWindowMinutes"_s, state.chartWindowMinutes);
    s.setValue(u"monitorAll"_s, state.monitorAll);
    s.beginWriteArray(u"monitored"_s, int(state.monitored.size()));
    for (int i = 0; i < state.monitored.size(); ++i) {
        s.setArrayIndex(i);
        s.setValue(u"host"_s, state.monitored.at(i).first);
        s.setValue(u"container"_s, state.monitored.at(i).second);
    }
    s.endArray();
    s.endGroup();
}

} // namespace dockpulse::ui
