#pragma once

#include "CsvWriter.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryFile>

#include <vector>

namespace dockpulse::csv {

// The logs.csv rows of one source (one task's lines), formatted as they arrive and kept on disk
// in a temporary file until the end of the export, when LogsCsvWriter merges every source's rows
// by time. Memory stays flat (one block per source) however long the run.
//
// On disk: blocks of [rows: quint32][rows × (time: qint64, length: quint32)][the rows' bytes],
// native byte order (the file is ours and lives only as long as this object). The temporary
// file is removed when the object goes, committed or not.
class LogSpill
{
public:
    static constexpr qsizetype kBlockSize = qsizetype(64) << 10;

    explicit LogSpill(bool rawMode) : m_writer(rawMode) {}
    Q_DISABLE_COPY_MOVE(LogSpill)

    // Creates the temporary file in dir. False on failure, with reason().
    bool open(const QString& dir);

    // Writing: format one row into writer() (its line end included), then endRow() with its time.
    CsvWriter& writer() { return m_writer; }
    void endRow(qint64 timestampNs);
    // Writes the rows so far to disk once they fill a block. False on failure, with reason().
    bool flushIfFull() { return m_writer.size() < kBlockSize || flush(); }

    // Reading back, after the last row was written: rewind() once, then next() until it is false
    // (the end, or a failure: see hasError()).
    bool rewind();
    bool next();
    qint64 timestamp() const { return m_rows[m_row].timestampNs; }
    // The current row with its line end; valid until the next call of next().
    QByteArrayView row() const;

    bool hasError() const { return !m_reason.isEmpty(); }
    // The OS reason of the first failure ("No space left on device").
    const QString& reason() const { return m_reason; }

private:
    struct Row
    {
        qint64 timestampNs;
        quint32 length;
    };
    // The rows of the block being written, or of the block being read.
    bool flush();
    bool readBlock();
    bool writeAll(const char* data, qsizetype size);
    bool readExactly(char* data, qsizetype size);
    bool fail(const QString& reason);
    bool writeBlock();

    class File : public QTemporaryFile
    {
    public:
        // Unbuffered: a write error surfaces at write(), not at a later implicit flush.
        bool openUnbuffered() { return open(QIODevice::ReadWrite | QIODevice::Unbuffered); }
    };

    File m_file;
    CsvWriter m_writer;
    std::vector<Row> m_rows;
    qsizetype m_rowStart = 0; // written: where the next row begins in m_writer
    QByteArray m_block;       // read: the current block's bytes
    std::size_t m_row = 0;    // read: the current row in m_rows
    qsizetype m_offset = 0;   // read: where the current row begins in m_block
    bool m_reading = false;
    QString m_reason;
};

} // namespace dockpulse::csv
