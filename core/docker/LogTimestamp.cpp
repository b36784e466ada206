#include "LogTimestamp.h"

namespace dockpulse::docker {

namespace {

constexpr qint64 kNanosPerSecond = 1'000'000'000;
constexpr qint64 kSecondsPerDay = 86'400;
constexpr qint64 kPow10[10] = {1,       10,        100,        1'000,       10'000,
                               100'000, 1'000'000, 10'000'000, 100'000'000, 1'000'000'000};

// Howard Hinnant's days_from_civil: days since 1970-01-01 in the proleptic Gregorian calendar,
// with integers only (no QDate: this runs for every log line).
constexpr qint64 daysFromCivil(qint64 year, unsigned month, unsigned day)
{
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const auto yearOfEra = static_cast<unsigned>(year - era * 400);
    const unsigned dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146'097 + static_cast<qint64>(dayOfEra) - 719'468;
}

struct Civil
{
    qint64 year;
    unsigned month;
    unsigned day;
};

// The inverse, civil_from_days.
constexpr Civil civilFromDays(qint64 days)
{
    days += 719'468;
    const qint64 era = (days >= 0 ? days : days - 146'096) / 146'097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146'097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36'524 - dayOfEra / 146'096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned mp = (5 * dayOfYear + 2) / 153;
    const unsigned day = dayOfYear - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<qint64>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

static_assert(daysFromCivil(1970, 1, 1) == 0);
static_assert(daysFromCivil(2000, 3, 1) == 11'017);
static_assert(civilFromDays(11'016).month == 2 && civilFromDays(11'016).day == 29);

constexpr unsigned daysInMonth(unsigned year, unsigned month)
{
    constexpr unsigned char kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2 && leap ? 29 : kDays[month - 1];
}

inline unsigned digitValue(char c)
{
    return static_cast<unsigned>(static_cast<unsigned char>(c)) - unsigned{'0'};
}

// Reads exactly `count` ASCII digits; false if any is not one.
inline bool readDigits(const char* p, int count, unsigned& out)
{
    unsigned value = 0;
    for (int i = 0; i < count; ++i) {
        const unsigned d = digitValue(p[i]);
        if (d > 9)
            return false;
        value = value * 10 + d;
    }
    out = value;
    return true;
}

inline void put2(char* p, unsigned value)
{
    p[0] = static_cast<char>('0' + value / 10);
    p[1] = static_cast<char>('0' + value % 10);
}

inline void putDigits(char* p, int count, qint64 value)
{
    for (int i = count - 1; i >= 0; --i) {
        p[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

// Floor division, so that times before 1970 get a fraction counted forward from a whole second.
inline void splitFloor(qint64 value, qint64 divisor, qint64& quotient, qint64& remainder)
{
    quotient = value / divisor;
    remainder = value % divisor;
    if (remainder < 0) {
        remainder += divisor;
        --quotient;
    }
}

// "YYYY-MM-DDTHH:MM:SS" for a count of seconds since the epoch. Years outside 0..9999 only come
// from millisecond values no log has; they are written as plain numbers rather than clipped.
QByteArray formatDateTime(qint64 secondsSinceEpoch)
{
    qint64 days = 0;
    qint64 secondOfDay = 0;
    splitFloor(secondsSinceEpoch, kSecondsPerDay, days, secondOfDay);
    const Civil civil = civilFromDays(days);
    char buf[15];
    buf[0] = '-';
    put2(buf + 1, civil.month);
    buf[3] = '-';
    put2(buf + 4, civil.day);
    buf[6] = 'T';
    put2(buf + 7, static_cast<unsigned>(secondOfDay / 3600));
    buf[9] = ':';
    put2(buf + 10, static_cast<unsigned>(secondOfDay / 60 % 60));
    buf[12] = ':';
    put2(buf + 13, static_cast<unsigned>(secondOfDay % 60));

    QByteArray out;
    out.reserve(32);
    if (civil.year >= 0 && civil.year <= 9999) {
        char year[4];
        putDigits(year, 4, civil.year);
        out.append(year, 4);
    } else {
        out.append(QByteArray::number(civil.year));
    }
    out.append(buf, sizeof buf);
    return out;
}

} // namespace

// Accepted: "YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|+hh:mm|-hh:mm)", 'T' and 'Z' in either case. Rejected:
// second 60 (Go's time, and so the engine, never writes a leap second, and a linear nanosecond
// count cannot hold one), more than 9 fraction digits (they would be silently rounded), and
// times outside what qint64 nanoseconds hold (1677-09-21 to 2262-04-11).
std::optional<qint64> parseRfc3339Nanos(QByteArrayView text)
{
    const char* p = text.data();
    const qsizetype n = text.size();
    if (n < 20) // "YYYY-MM-DDTHH:MM:SSZ"
        return std::nullopt;
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(p, 4, year) || p[4] != '-' || !readDigits(p + 5, 2, month) || p[7] != '-' ||
        !readDigits(p + 8, 2, day) || (p[10] != 'T' && p[10] != 't') || !readDigits(p + 11, 2, hour) ||
        p[13] != ':' || !readDigits(p + 14, 2, minute) || p[16] != ':' || !readDigits(p + 17, 2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 ||
        second > 59)
        return std::nullopt;

    qsizetype i = 19;
    qint64 fraction = 0;
    if (p[i] == '.') {
        const qsizetype start = ++i;
        // One digit past the nine allowed is enough to reject.
        while (i < n && i - start < 10) {
            const unsigned d = digitValue(p[i]);
            if (d > 9)
                break;
            fraction = fraction * 10 + d;
            ++i;
        }
        const qsizetype count = i - start;
        if (count == 0 || count > 9)
            return std::nullopt;
        fraction *= kPow10[9 - count];
    }

    if (i >= n)
        return std::nullopt;
    qint64 offsetSeconds = 0;
    if (p[i] == 'Z' || p[i] == 'z') {
        ++i;
    } else if (p[i] == '+' || p[i] == '-') {
        unsigned offsetHours = 0, offsetMinutes = 0;
        if (n - i < 6 || !readDigits(p + i + 1, 2, offsetHours) || p[i + 3] != ':' ||
            !readDigits(p + i + 4, 2, offsetMinutes) || offsetHours > 23 || offsetMinutes > 59)
            return std::nullopt;
        offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
        if (p[i] == '-')
            offsetSeconds = -offsetSeconds;
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != n)
        return std::nullopt;

    qint64 seconds =
        daysFromCivil(year, month, day) * kSecondsPerDay + hour * 3600 + minute * 60 + second - offsetSeconds;
    // Give seconds and fraction the same sign so that the earliest representable time does not
    // overflow on the way (its whole seconds alone are below INT64_MIN nanoseconds).
    if (seconds < 0 && fraction > 0) {
        ++seconds;
        fraction -= kNanosPerSecond;
    }
    qint64 nanos = 0;
    if (__builtin_mul_overflow(seconds, kNanosPerSecond, &nanos) ||
        __builtin_add_overflow(nanos, fraction, &nanos))
        return std::nullopt;
    return nanos;
}

QByteArray formatRfc3339Nanos(qint64 nanosSinceEpoch)
{
    qint64 seconds = 0;
    qint64 fraction = 0;
    splitFloor(nanosSinceEpoch, kNanosPerSecond, seconds, fraction);
    QByteArray out = formatDateTime(seconds);
    char tail[11];
    tail[0] = '.';
    putDigits(tail + 1, 9, fraction);
    tail[10] = 'Z';
    out.append(tail, sizeof tail);
    return out;
}

// The engine reads "<s>.<n>" as s seconds plus n nanoseconds, so before 1970 the seconds are
// floored and the fraction counts forward: -1.5 s is "-2.500000000".
QByteArray formatUnixNanosParam(qint64 nanosSinceEpoch)
{
    qint64 seconds = 0;
    qint64 fraction = 0;
    splitFloor(nanosSinceEpoch, kNanosPerSecond, seconds, fraction);
    QByteArray out = QByteArray::number(seconds);
    char tail[10];
    tail[0] = '.';
    putDigits(tail + 1, 9, fraction);
    out.append(tail, sizeof tail);
    return out;
}

QByteArray formatIsoMillis(qint64 msecsSinceEpoch)
{
    qint64 seconds = 0;
    qint64 millis = 0;
    splitFloor(msecsSinceEpoch, 1000, seconds, millis);
    QByteArray out = formatDateTime(seconds);
    char tail[5];
    tail[0] = '.';
    putDigits(tail + 1, 3, millis);
    tail[4] = 'Z';
    out.append(tail, sizeof tail);
    return out;
}

} // namespace dockpulse::docker
