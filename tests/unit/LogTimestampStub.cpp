// TEMPORARY stand-in for core/docker/LogTimestamp.cpp, which another branch implements.
// Linked into tst_csvwriter and tst_runexport only while that file is missing (see
// tests/unit/CMakeLists.txt); delete this file once it is merged.
#include "LogTimestamp.h"

#include <cstdio>

namespace dockpulse::docker {

namespace {

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// "YYYY-MM-DDTHH:MM:SS" of a second since the epoch (H. Hinnant's civil_from_days).
QByteArray civil(qint64 seconds)
{
    const qint64 days = floorDiv(seconds, 86400);
    const qint64 sod = seconds - days * 86400;
    const qint64 z = days + 719468;
    const qint64 era = floorDiv(z, 146097);
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 d = doy - (153 * mp + 2) / 5 + 1;
    const qint64 m = mp < 10 ? mp + 3 : mp - 9;
    const qint64 y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[48];
    const int n = std::snprintf(buf, sizeof(buf), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld",
                                static_cast<long long>(y), static_cast<long long>(m),
                                static_cast<long long>(d), static_cast<long long>(sod / 3600),
                                static_cast<long long>(sod / 60 % 60), static_cast<long long>(sod % 60));
    return QByteArray(buf, n);
}

QByteArray fraction(qint64 value, int digits)
{
    char buf[16];
    const int n = std::snprintf(buf, sizeof(buf), ".%0*lld", digits, static_cast<long long>(value));
    return QByteArray(buf, n);
}

} // namespace

QByteArray formatRfc3339Nanos(qint64 nanosSinceEpoch)
{
    const qint64 s = floorDiv(nanosSinceEpoch, 1'000'000'000);
    return civil(s) + fraction(nanosSinceEpoch - s * 1'000'000'000, 9) + 'Z';
}

QByteArray formatIsoMillis(qint64 msecsSinceEpoch)
{
    const qint64 s = floorDiv(msecsSinceEpoch, 1000);
    return civil(s) + fraction(msecsSinceEpoch - s * 1000, 3) + 'Z';
}

} // namespace dockpulse::docker
