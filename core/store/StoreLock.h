#pragma once

#include "Expected.h"
#include "StoreError.h"

#include <QString>

namespace dockpulse::store {

// One process per store: an exclusive flock() on "<store>.lock", which holds the holder's pid so
// that a second process can say who holds it. The kernel drops the lock when the holder dies,
// kill -9 included, so a crash never leaves a store locked. The lock file stays behind (removing
// it would race with a newcomer locking it).
class StoreLock
{
public:
    static Expected<StoreLock, StoreError> acquire(const QString& storePath);

    StoreLock(StoreLock&& other) noexcept;
    StoreLock& operator=(StoreLock&& other) noexcept;
    StoreLock(const StoreLock&) = delete;
    StoreLock& operator=(const StoreLock&) = delete;
    ~StoreLock();

    static QString lockPathFor(const QString& storePath) { return storePath + QStringLiteral(".lock"); }

private:
    explicit StoreLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace dockpulse::store
