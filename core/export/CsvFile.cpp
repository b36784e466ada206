#include "CsvFile.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace dockpulse::csv {

bool writeFully(QIODevice& file, const char* data, qsizetype size)
{
    while (size > 0) {
        const qint64 n = file.write(data, size);
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

QString makeFolder(const QString& dir)
{
    errno = 0;
    if (QDir().mkpath(dir))
        return {};
    // mkpath says only "no"; the errno of its last mkdir says why.
    const int err = errno;
    QString reason;
    const QFileInfo info(dir);
    if (info.exists() && !info.isDir())
        reason = u"a file is in the way"_s;
    else
        reason = err != 0 ? qt_error_string(err) : u"unknown error"_s;
    return u"cannot create folder %1: %2"_s.arg(dir, reason);
}

CsvFile::CsvFile(const QString& path, bool rawMode) : m_path(path), m_file(path), m_writer(rawMode)
{
    // Never write in place: a failed export must not leave a truncated file under the final name.
    m_file.setDirectWriteFallback(false);
}

CsvFile::~CsvFile()
{
    cancel();
}

bool CsvFile::open()
{
    if (hasError())
        return false;
    // Unbuffered: our own buffer already batches the writes, and a write error then surfaces at
    // write() instead of at an implicit flush inside commit(), where QSaveFile may not see it.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        m_error = u"cannot create %1: %2"_s.arg(m_path, m_file.errorString());
        return false;
    }
    m_writer.reserve(kBlockSize + kBlockSize / 4);
    return true;
}

bool CsvFile::flush()
{
    if (hasError()) {
        m_writer.clear();
        return false;
    }
    if (!m_file.isOpen())
        return fail("write", u"the file is not open"_s);
    if (!writeFully(m_file, m_writer.buffer().constData(), m_writer.size()))
        return fail("write", m_file.errorString());
    m_writer.clear();
    return true;
}

bool CsvFile::commit()
{
    if (!flush()) {
        cancel();
        return false;
    }
#ifdef Q_OS_UNIX
    // QSaveFile syncs too but ignores the result; a delayed write error (NFS, thin storage)
    // would otherwise be lost here.
    if (::fsync(m_file.handle()) != 0) {
        const int err = errno;
        fail("write", qt_error_string(err));
        cancel();
        return false;
    }
#endif
    if (!m_file.commit()) {
        const QString reason = m_file.errorString();
        return fail("write", reason.isEmpty() ? u"cannot move the file into place"_s : reason);
    }
    return true;
}

void CsvFile::cancel()
{
    m_writer.clear();
    if (!m_file.isOpen())
        return;
    // commit() after cancelWriting() removes the temporary file and never renames.
    m_file.cancelWriting();
    m_file.commit();
}

bool CsvFile::fail(const char* what, const QString& reason)
{
    if (m_error.isEmpty())
        m_error = u"cannot %1 %2: %3"_s.arg(QLatin1StringView(what), m_path, reason);
    m_writer.clear();
    return false;
}

} // namespace dockpulse::csv
