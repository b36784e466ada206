#pragma once

#include "CsvWriter.h"

#include <QSaveFile>
#include <QString>

namespace dockpulse::csv {

// Creates dir and its parents if missing. Returns empty on success, else a message naming the
// folder and the OS reason ("cannot create folder /x/out: Not a directory").
QString makeFolder(const QString& dir);

// Writes all of data, retrying after a partial write: a full disk may first accept part of a
// block, and the retry then fails with the reason (file.errorString()). False on that failure.
bool writeFully(QIODevice& file, const char* data, qsizetype size);

// One CSV file written safely: rows go to a temporary file beside the target (QSaveFile), and
// only commit() renames it into place. A failed, cancelled or abandoned export therefore never
// leaves a file under the final name that looks complete (an older file there stays untouched).
//
// Output is buffered in the writer and reaches the disk in blocks of kBlockSize. The first
// failure (open, write, flush, sync or rename) is kept: later writes are dropped, memory stays
// flat, and commit() returns false with a message naming the path and the OS reason, e.g.
// "cannot write /x/logs.csv: No space left on device".
class CsvFile
{
public:
    static constexpr qsizetype kBlockSize = qsizetype(1) << 20;

    explicit CsvFile(const QString& path, bool rawMode = false);
    ~CsvFile(); // not committed: the temporary file is removed
    Q_DISABLE_COPY_MOVE(CsvFile)

    // Opens the temporary file in the target's folder, which must exist.
    bool open();
    CsvWriter& writer() { return m_writer; }
    // Writes the buffer to disk once it holds a block; call after each row or batch.
    bool flushIfFull() { return m_writer.size() < kBlockSize || flush(); }
    bool flush();
    // Writes what is left, syncs, and renames into place. False (and errorString()) on any failure.
    bool commit();
    // Drops everything written so far; the final name is not touched.
    void cancel();

    bool isOpen() const { return m_file.isOpen(); }
    bool hasError() const { return !m_error.isEmpty(); }
    const QString& errorString() const { return m_error; }
    const QString& path() const { return m_path; }

private:
    bool fail(const char* what, const QString& reason);

    QString m_path;
    QSaveFile m_file;
    CsvWriter m_writer;
    QString m_error;
};

} // namespace dockpulse::csv
