#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringEncoder>
#include <QStringView>

#include <memory>

namespace dockpulse::csv {

// Whether a field's first byte would make a spreadsheet run it as a formula: = + - @ TAB CR.
bool needsFormulaGuard(QByteArrayView field);

// Appends RFC 4180 rows to an in-memory buffer; CsvFile and LogsCsvWriter move it to disk.
//
// Quoting: a field is wrapped in "..." (inner " doubled) when it holds , " CR or LF, and also
// when it begins or ends with a space or TAB, so that readers which trim unquoted fields still
// get it back exactly. Everything else is written bare; an empty field is written as nothing.
// Rows end with CRLF. Bytes are copied exactly (NUL and invalid UTF-8 included).
//
// Formula guard: only text a container controls (its name, log messages, event details and
// errors quoting them) goes through guardedField(): when it begins with = + - @ TAB or CR it
// gets a leading ' unless raw mode is on. Our own fields (task names, states, times, integers
// such as -1) are never altered: they are not attacker-chosen, and a number must stay a number.
class CsvWriter
{
public:
    explicit CsvWriter(bool rawMode = false) : m_raw(rawMode) {}

    void setRawMode(bool raw) { m_raw = raw; }
    bool rawMode() const { return m_raw; }

    // Our own text: quoted when needed, never guarded.
    void field(QByteArrayView utf8);
    void field(QStringView text);
    // Text a container controls: quoted when needed and formula-guarded unless raw mode.
    void guardedField(QByteArrayView bytes);
    void guardedField(QStringView text);
    // A decimal integer, no locale (no group separators, ASCII '-').
    void integer(qint64 value);
    // Fields that are already valid CSV (e.g. the output of another CsvWriter without its line end,
    // or a timestamp): copied as they are, after the separator.
    void formattedFields(QByteArrayView csv);
    void endRow();
    // Whole rows that are already valid CSV, line ends included (another CsvWriter's output).
    void formattedRows(QByteArrayView csv);

    // What was written so far; valid until the next write.
    QByteArrayView buffer() const { return QByteArrayView(m_data.get(), m_size); }
    qsizetype size() const { return m_size; }
    // Forgets the content but keeps the capacity, so a flushed buffer is reused without allocating.
    void clear()
    {
        m_size = 0;
        m_inRow = false;
    }
    void reserve(qsizetype bytes)
    {
        if (bytes > m_capacity)
            grow(bytes - m_size);
    }

private:
    // Room for n more bytes at the end, returned for writing; m_size is the caller's to advance.
    char* room(qsizetype n)
    {
        if (m_capacity - m_size < n)
            grow(n);
        return m_data.get() + m_size;
    }
    void put(char c)
    {
        *room(1) = c;
        ++m_size;
    }
    void put(const char* bytes, qsizetype n);
    void grow(qsizetype n);
    void separator()
    {
        if (m_inRow)
            put(',');
        m_inRow = true;
    }
    void append(QByteArrayView bytes, bool guard);
    QByteArrayView utf8(QStringView text);

    // A plain array rather than a QByteArray: writes go through a raw pointer, with no detach
    // check or terminating NUL per append, which matters at millions of fields per second.
    std::unique_ptr<char[]> m_data;
    qsizetype m_size = 0;
    qsizetype m_capacity = 0;
    QByteArray m_scratch; // UTF-8 of the last QString field; reused so fields do not allocate
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
    bool m_raw = false;
    bool m_inRow = false;
};

} // namespace dockpulse::csv
