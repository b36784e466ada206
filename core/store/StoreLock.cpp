#include "StoreLock.h"

#include <QByteArray>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace dockpulse::store {

namespace {

QByteArray readHolderPid(int fd)
{
    char buffer[32] = {};
    const ssize_t got = pread(fd, buffer, sizeof buffer - 1, 0);
    return got > 0 ? QByteArray(buffer, int(got)).trimmed() : QByteArray();
}

} // namespace

Expected<StoreLock, StoreError> StoreLock::acquire(const QString& storePath)
{
    const QString lockPath = lockPathFor(storePath);
    // O_CLOEXEC: a program the process starts (ssh, a helper) must not inherit the lock.
    const int fd = ::open(lockPath.toLocal8Bit().constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        const int err = errno;
        return StoreError{err == EROFS || err == EACCES ? StoreErrorKind::ReadOnly
                                                        : StoreErrorKind::CannotOpen,
                          QStringLiteral("store %1: cannot create its lock file %2: %3")
                              .arg(storePath, lockPath, QString::fromLocal8Bit(std::strerror(err)))};
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        const QByteArray holder = readHolderPid(fd);
        ::close(fd);
        if (err == EWOULDBLOCK) {
            return StoreError{
                StoreErrorKind::InUse,
                QStringLiteral("store %1 is in use by process %2 (it holds %3); one process per store")
                    .arg(storePath,
                         holder.isEmpty() ? QStringLiteral("(pid not written yet)")
                                          : QString::fromLatin1(holder),
                         lockPath)};
        }
        return StoreError{StoreErrorKind::Io,
                          QStringLiteral("store %1: cannot lock %2: %3")
                              .arg(storePath, lockPath, QString::fromLocal8Bit(std::strerror(err)))};
    }
    const QByteArray pid = QByteArray::number(qint64(getpid())) + '\n';
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid.constData(), size_t(pid.size()), 0) != pid.size()) {
        // The lock is held all the same; only the holder's name in a second process's message is lost.
    }
    return StoreLock(fd);
}

StoreLock::StoreLock(StoreLock&& other) noexcept : m_fd(other.m_fd)
{
    other.m_fd = -1;
}

StoreLock& StoreLock::operator=(StoreLock&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

StoreLock::~StoreLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // closing the last descriptor releases the flock
}

} // namespace dockpulse::store
