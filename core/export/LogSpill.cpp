#include "LogSpill.h"

#include "CsvFile.h"

#include <QDir>

#include <cstring>

using namespace Qt::StringLiterals;

namespace dockpulse::csv {

bool LogSpill::open(const QString& dir)
{
    m_file.setFileTemplate(QDir(dir).filePath(u".logs.csv.source-XXXXXX"_s));
    if (!m_file.openUnbuffered())
        return fail(m_file.errorString());
    m_writer.reserve(kBlockSize + kBlockSize / 4);
    return true;
}

void LogSpill::endRow(qint64 timestampNs)
{
    m_rows.push_back(Row{timestampNs, quint32(m_writer.size() - m_rowStart)});
    m_rowStart = m_writer.size();
}

bool LogSpill::flush()
{
    const bool ok = hasError() || m_rows.empty() ? !hasError() : writeBlock();
    m_writer.clear();
    m_rows.clear();
    m_rowStart = 0;
    return ok;
}

// One block: the row count, each row's time and length, then the rows' bytes.
bool LogSpill::writeBlock()
{
    const auto count = quint32(m_rows.size());
    QByteArray header(qsizetype(sizeof count + m_rows.size() * (sizeof(qint64) + sizeof(quint32))),
                      Qt::Uninitialized);
    char* p = header.data();
    std::memcpy(p, &count, sizeof count);
    p += sizeof count;
    for (const Row& row : m_rows) {
        std::memcpy(p, &row.timestampNs, sizeof row.timestampNs);
        p += sizeof row.timestampNs;
        std::memcpy(p, &row.length, sizeof row.length);
        p += sizeof row.length;
    }
    return writeAll(header.constData(), header.size()) &&
           writeAll(m_writer.buffer().constData(), m_writer.size());
}

bool LogSpill::rewind()
{
    if (!flush())
        return false;
    if (!m_file.seek(0))
        return fail(m_file.errorString());
    m_reading = true;
    m_row = 0;
    m_offset = 0;
    return true;
}

bool LogSpill::next()
{
    if (!m_reading || hasError())
        return false;
    if (m_row < m_rows.size()) {
        m_offset += qsizetype(m_rows[m_row].length);
        if (++m_row < m_rows.size())
            return true;
    }
    return readBlock();
}

QByteArrayView LogSpill::row() const
{
    return QByteArrayView(m_block.constData() + m_offset, qsizetype(m_rows[m_row].length));
}

bool LogSpill::readBlock()
{
    m_rows.clear();
    m_row = 0;
    m_offset = 0;
    if (m_file.atEnd())
        return false;
    quint32 count = 0;
    if (!readExactly(reinterpret_cast<char*>(&count), sizeof count))
        return false;
    // The row table in one read (the file is unbuffered: a read per row would be a syscall each).
    constexpr qsizetype kEntry = sizeof(qint64) + sizeof(quint32);
    m_block.resize(qsizetype(count) * kEntry);
    if (!readExactly(m_block.data(), m_block.size()))
        return false;
    m_rows.resize(count);
    qsizetype bytes = 0;
    const char* p = m_block.constData();
    for (Row& row : m_rows) {
        std::memcpy(&row.timestampNs, p, sizeof row.timestampNs);
        std::memcpy(&row.length, p + sizeof row.timestampNs, sizeof row.length);
        p += kEntry;
        bytes += qsizetype(row.length);
    }
    m_block.resize(bytes);
    return readExactly(m_block.data(), bytes) && !m_rows.empty();
}

bool LogSpill::writeAll(const char* data, qsizetype size)
{
    return writeFully(m_file, data, size) || fail(m_file.errorString());
}

bool LogSpill::readExactly(char* data, qsizetype size)
{
    while (size > 0) {
        const qint64 n = m_file.read(data, size);
        if (n <= 0)
            return fail(n < 0 ? m_file.errorString() : u"the temporary file ended early"_s);
        data += n;
        size -= n;
    }
    return true;
}

bool LogSpill::fail(const QString& reason)
{
    if (m_reason.isEmpty())
        m_reason = reason.isEmpty() ? u"unknown error"_s : reason;
    m_writer.clear();
    return false;
}

} // namespace dockpulse::csv
