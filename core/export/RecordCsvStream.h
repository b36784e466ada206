#pragma once

#include "CsvFile.h"
#include "RunExport.h"

#include <QDir>

namespace dockpulse::csv {

// heartbeats.csv, events.csv or metrics.csv written as records arrive, as logs.csv is: a
// headless run of any length keeps flat memory and exports every record, not only the newest
// ones a bounded history would keep. Safe like CsvFile: nothing appears under the final name
// before commit(); after a failure nothing more is written and the first error is kept.
template <typename Record>
class RecordCsvStream
{
public:
    // dir must exist (LogsCsvWriter::open creates it).
    RecordCsvStream(const QString& dir, bool rawMode)
        : m_file(QDir(dir).filePath(csvFileName(csvKindOf(static_cast<const Record*>(nullptr)))), rawMode)
    {}

    bool open()
    {
        if (!m_file.open())
            return false;
        m_file.writer().formattedFields(csvHeader(csvKindOf(static_cast<const Record*>(nullptr))));
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
