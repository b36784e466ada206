#pragma once

#include "StoreReader.h"
#include "StoreWriter.h"

#include <QByteArray>
#include <QList>
#include <QtTest>

namespace storetest {

using namespace dockpulse;

inline const store::ContainerRef kContainer{QStringLiteral("unix:///var/run/docker.sock"),
                                            QStringLiteral("0123456789abcdef0123456789abcdef")};

// Settings without retention: the numbered lines are stamped from 2025-12-02 on, and the
// default age budget (30 days) would prune them at the writer's first age check.
inline store::StoreWriterSettings keepAll()
{
    store::StoreWriterSettings settings;
    settings.maxStoreBytes = 0;
    settings.maxAgeMs = 0;
    return settings;
}

// Line n of a numbered sequence, ~75 bytes like a typical log line; its timestamp grows with n
// (several lines share each microsecond, as at a busy writer's rate).
inline QByteArray numberedLine(qint64 n)
{
    return QByteArray("line ") + QByteArray::number(n).rightJustified(10, '0') +
           QByteArray(" level=info msg=\"request served\" path=/api/v1/items status=200");
}

inline qint64 numberedTimestampNs(qint64 n)
{
    return 1'764'633'600'000'000'000LL + (n / 4) * 1000;
}

inline docker::LogBatch numberedBatch(qint64 first, qint64 count)
{
    docker::LogBatch batch;
    batch.reserve(count, count * 80);
    for (qint64 n = first; n < first + count; ++n)
        batch.append(numberedTimestampNs(n), docker::LogStreamKind::Stdout, numberedLine(n));
    return batch;
}

// "3 17 17 40": figures of a test's rounds, for its log.
inline QString joined(const QList<qint64>& figures)
{
    QStringList s;
    for (qint64 n : figures)
        s << QString::number(n);
    return s.join(u' ');
}

// Every line of the container after position, oldest first, in pages of pageSize.
inline QList<store::StoredLine> readLines(store::StoreReader& reader, const store::ContainerRef& container,
                                          store::LinePosition after = {}, int pageSize = 10'000)
{
    QList<store::StoredLine> all;
    for (;;) {
        auto page = reader.lines(container, after, pageSize);
        if (!page) {
            qWarning("%s", qPrintable(page.error().message));
            return all;
        }
        if (page.value().isEmpty())
            return all;
        after = page.value().constLast().position();
        all.append(page.value());
    }
}

} // namespace storetest
