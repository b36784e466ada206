#pragma once

#include "CsvFile.h"
#include "RunExport.h"

#include <QDir>

#include <memory>

namespace dockpulse::csv {

// A record file (tasks.csv, heartbeats.csv, events.csv, metrics.csv) written row by row: a whole
// export writes its list through it, and headless runs stream records as they arrive, as
// logs.csv is, so that a
// run of any length keeps flat memory and exports every record, not only the newest ones a
// bounded history would keep. Safe like CsvFile: nothing appears under the final name
// before commit(); after a failure nothing more is written and the first error is kept.
template <typename Record>
class RecordCsvStream
{
public:
    // The folder of `path` must exist (LogsCsvWriter::open creates the export folder).
    RecordCsvStream(const QString& path, bool rawMode) : m_file(path, rawMode) {}

    static constexpr CsvKind kind() { return csvKindOf(static_cast<const Record*>(nullptr)); }
    // The file under its contract name in an export folder.
    static std::unique_ptr<RecordCsvStream> inFolder(const QString& dir, bool rawMode)
    {
        return std::make_unique<RecordCsvStream>(QDir(dir).filePath(csvFileName(kind())), rawMode);
    }

    bool open()
    {
        if (!m_file.open())
            return false;
        m_file.writer().formattedFields(csvHeader(kind()));
        m_file.writer().endRow();
        return true;
    }
    void append(const Record& record)
    {
        if (m_file.hasError() || !m_file.isOpen())
            return;
        writeRow(m_file.writer(), record);
        m_file.writer().endRow();
        m_file.flushIfFull();
    }
    bool commit() { return m_file.commit(); }
    const QString& errorString() const { return m_file.errorString(); }

private:
    CsvFile m_file;
};

} // namespace dockpulse::csv
