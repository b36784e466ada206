#include "RetentionBudget.h"

namespace dockpulse::store {

namespace {

// The largest unit that divides the value exactly, so a budget reads as it was set.
QString inUnits(qint64 value, std::initializer_list<std::pair<qint64, const char*>> units, const char* rest)
{
    for (const auto& [size, name] : units) {
        if (value >= size && value % size == 0)
            return QStringLiteral("%1 %2").arg(value / size).arg(QLatin1String(name));
    }
    return QStringLiteral("%1 %2").arg(value).arg(QLatin1String(rest));
}

} // namespace

QString describeBytes(qint64 bytes)
{
    return inUnits(bytes, {{qint64(1) << 30, "GiB"}, {qint64(1) << 20, "MiB"}, {qint64(1) << 10, "KiB"}},
                   "bytes");
}

QString describeAge(qint64 ms)
{
    constexpr qint64 second = 1000, minute = 60 * second, hour = 60 * minute, day = 24 * hour;
    for (const auto& [size, one, many] :
         {std::tuple{day, "day", "days"}, std::tuple{hour, "hour", "hours"},
          std::tuple{minute, "minute", "minutes"}, std::tuple{second, "second", "seconds"}}) {
        if (ms >= size && ms % size == 0)
            return QStringLiteral("%1 %2").arg(ms / size).arg(QLatin1String(ms == size ? one : many));
    }
    return QStringLiteral("%1 ms").arg(ms);
}

} // namespace dockpulse::store
