#pragma once

#include "LogBatch.h"

#include <QByteArray>
#include <QList>

// Batches for the log view tests: lines "<prefix><n>" with timestamps n * 1 ms after a fixed time.
namespace dockpulse::test {

inline constexpr qint64 kBaseNs = 1'764'392'650'206'123'456; // 2025-11-29T05:04:10.206123456Z

inline docker::LogBatch batchOf(const QList<QByteArray>& lines,
                                docker::LogStreamKind stream = docker::LogStreamKind::Stdout,
                                qint64 ns = kBaseNs)
{
    docker::LogBatch batch;
    for (const QByteArray& line : lines)
        batch.append(ns++, stream, line);
    return batch;
}

// Lines prefix+first .. prefix+(first+count-1).
inline docker::LogBatch numbered(const QByteArray& prefix, qint64 first, qint64 count,
                                 docker::LogStreamKind stream = docker::LogStreamKind::Stdout)
{
    docker::LogBatch batch;
    batch.reserve(count, count * (prefix.size() + 8));
    for (qint64 i = first; i < first + count; ++i)
        batch.append(kBaseNs + i * 1'000'000, stream, QByteArray(prefix + QByteArray::number(i)));
    return batch;
}

} // namespace dockpulse::test
