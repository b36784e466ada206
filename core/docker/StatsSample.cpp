#include "StatsSample.h"

#include "LogTimestamp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace dockpulse::docker {

namespace {

// Counters are JSON numbers (doubles: exact up to 2^53, far beyond any nanosecond or byte count
// here); a negative, missing or NaN one is 0, and one beyond 64 bits (a damaged answer: converting
// it would be undefined behaviour, as the fuzzer found) is the largest.
quint64 counter(const QJsonValue& value)
{
    const double d = value.toDouble(0);
    if (!(d > 0))
        return 0;
    if (d >= 18446744073709551616.0) // 2^64
        return std::numeric_limits<quint64>::max();
    return quint64(d);
}

std::optional<quint64> optionalCounter(const QJsonObject& object, QLatin1StringView key)
{
    const auto it = object.constFind(key);
    if (it == object.constEnd() || !it->isDouble())
        return std::nullopt;
    return counter(*it);
}

// More than any machine has; a larger figure is a damaged answer.
constexpr quint64 kMaxCpus = 1 << 16;

CpuCounters cpuCounters(const QJsonObject& stats)
{
    const QJsonObject usage = stats.value("cpu_usage"_L1).toObject();
    CpuCounters c;
    c.totalNs = counter(usage.value("total_usage"_L1));
    c.systemNs = counter(stats.value("system_cpu_usage"_L1));
    c.onlineCpus = int(std::min<quint64>(counter(stats.value("online_cpus"_L1)), kMaxCpus));
    if (c.onlineCpus == 0) // engines before API 1.27, and cgroup v1 hosts that leave it out
        c.onlineCpus = int(usage.value("percpu_usage"_L1).toArray().size());
    return c;
}

// The sections a sample is made of: each an object where present (blkio's lists may be null).
std::optional<QString> wrongSection(const QJsonObject& root)
{
    for (const auto key : {"cpu_stats"_L1, "precpu_stats"_L1, "memory_stats"_L1, "blkio_stats"_L1,
                           "pids_stats"_L1, "networks"_L1}) {
        const QJsonValue v = root.value(key);
        if (!v.isUndefined() && !v.isNull() && !v.isObject())
            return u"\"%1\" is not an object"_s.arg(key);
    }
    return std::nullopt;
}

} // namespace

Expected<StatsSample, QString> parseStatsSample(QByteArrayView json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return u"the engine's stats are not valid JSON (%1 at offset %2)"_s.arg(error.errorString())
            .arg(error.offset);
    if (!doc.isObject())
        return u"the engine's stats are not a JSON object"_s;
    const QJsonObject root = doc.object();
    if (const auto wrong = wrongSection(root))
        return u"the engine's stats are malformed: %1"_s.arg(*wrong);

    StatsSample s;
    const QByteArray read = root.value("read"_L1).toString().toLatin1();
    // A container that is not running answers with Go's zero time and empty counters.
    if (read.isEmpty() || read.startsWith("0001-01-01"))
        return s;
    const std::optional<qint64> readNs = parseRfc3339Nanos(read);
    if (!readNs)
        return u"the engine's stats have an unreadable time: \"%1\""_s.arg(QString::fromLatin1(read));
    s.running = true;
    s.readNs = *readNs;
    s.cpu = cpuCounters(root.value("cpu_stats"_L1).toObject());
    s.preCpu = cpuCounters(root.value("precpu_stats"_L1).toObject());

    const QJsonObject memory = root.value("memory_stats"_L1).toObject();
    const QJsonObject memoryStats = memory.value("stats"_L1).toObject();
    s.memUsage = counter(memory.value("usage"_L1));
    s.memLimit = counter(memory.value("limit"_L1));
    s.totalInactiveFile = optionalCounter(memoryStats, "total_inactive_file"_L1);
    s.inactiveFile = optionalCounter(memoryStats, "inactive_file"_L1);

    const QJsonObject networks = root.value("networks"_L1).toObject();
    for (auto it = networks.constBegin(); it != networks.constEnd(); ++it) {
        const QJsonObject network = it->toObject();
        s.netRxBytes += counter(network.value("rx_bytes"_L1));
        s.netTxBytes += counter(network.value("tx_bytes"_L1));
    }
    // "Read"/"Write" on cgroup v1, "read"/"write" on v2; other operations (sync, async, total,
    // discard) are not counted.
    const QJsonArray io =
        root.value("blkio_stats"_L1).toObject().value("io_service_bytes_recursive"_L1).toArray();
    for (const QJsonValue& entry : io) {
        const QJsonObject e = entry.toObject();
        const QString op = e.value("op"_L1).toString().toLower();
        if (op == u"read"_s)
            s.blockReadBytes += counter(e.value("value"_L1));
        else if (op == u"write"_s)
            s.blockWriteBytes += counter(e.value("value"_L1));
    }
    s.pids = qint64(std::min<quint64>(counter(root.value("pids_stats"_L1).toObject().value("current"_L1)),
                                      quint64(std::numeric_limits<qint64>::max())));
    return s;
}

} // namespace dockpulse::docker
