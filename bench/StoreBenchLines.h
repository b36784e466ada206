#pragma once

#include <QByteArray>

// The log lines of the store benchmarks (store_ingest_bench, store_qtsql_bench), the same in both.
// ~75 bytes that vary the way a service's log does: a level, a path, an id, a duration.
inline QByteArray logLine(qint64 n)
{
    static const char* const levels[] = {"info", "info", "info", "debug", "warn", "error"};
    static const char* const paths[] = {"/api/v1/items", "/api/v1/users/me", "/healthz", "/api/v2/orders"};
    QByteArray line = "svc=api level=";
    line += levels[n % 6];
    line += " msg=\"request served\" path=";
    line += paths[(n / 7) % 4];
    line += " id=";
    line += QByteArray::number(n * 2654435761LL % 100000000, 16);
    line += " ms=";
    line += QByteArray::number((n * 37) % 900);
    return line;
}
