#include "LogsCsvWriter.h"

#include "AnsiStrip.h"

#include "LogBatch.h"
#include "LogTimestamp.h"
#include "RunExport.h"

#include <QDir>

#include <cstring>

using namespace Qt::StringLiterals;

namespace dockpulse::csv {

namespace {

constexpr qint64 kNanosPerSecond = 1'000'000'000;
constexpr QByteArrayView kZeroFraction = ".000000000Z";

} // namespace

LogsCsvWriter::LogsCsvWriter(bool rawMode) : m_raw(rawMode) {}

LogsCsvWriter::~LogsCsvWriter() = default;

bool LogsCsvWriter::open(const QString& dir)
{
    if (m_file) {
        m_error = u"logs.csv is already open: %1"_s.arg(m_path);
        return false;
    }
    m_path = QDir(dir).filePath(csvFileName(CsvKind::Logs));
    if (const QString error = makeFolder(dir); !error.isEmpty()) {
        m_error = error;
        return false;
    }
    m_file = std::make_unique<CsvFile>(m_path, m_raw);
    if (!m_file->open())
        return check();
    CsvWriter& out = m_file->writer();
    out.formattedFields(csvHeader(CsvKind::Logs));
    out.endRow();
    return true;
}

void LogsCsvWriter::append(const QString& host, const QString& containerName, const docker::LogBatch& batch)
{
    if (hasError() || batch.isEmpty())
        return;
    if (!m_file) {
        m_error = u"cannot write logs.csv: it was not opened"_s;
        return;
    }
    setSource(host, containerName);
    CsvWriter& out = m_file->writer();
    for (qsizetype i = 0, n = batch.size(); i < n; ++i) {
        const docker::LogBatch::Entry& e = batch.entry(i);
        appendTime(out, e.timestampNs);
        out.formattedFields(e.stream == docker::LogStreamKind::Stderr ? m_sourceStderr : m_sourceStdout);
        // Colour codes are noise in a spreadsheet; --csv-raw keeps every byte.
        const QByteArrayView text = batch.text(i);
        if (!m_raw && text.contains('\x1b'))
            out.guardedField(stripAnsi(text));
        else
            out.guardedField(text);
        out.endRow();
        ++m_rows;
        // Per row, not per batch: one batch can be large, and memory must stay within a block.
        if (!m_file->flushIfFull()) {
            check();
            return;
        }
    }
}

bool LogsCsvWriter::commit()
{
    if (hasError()) {
        cancel();
        return false;
    }
    if (!m_file) {
        m_error = u"cannot write logs.csv: it was not opened"_s;
        return false;
    }
    const bool ok = m_file->commit();
    check();
    m_file.reset();
    return ok;
}

void LogsCsvWriter::cancel()
{
    m_file.reset(); // CsvFile removes its temporary file
}

void LogsCsvWriter::setSource(const QString& host, const QString& containerName)
{
    if (m_haveSource && host == m_host && containerName == m_container)
        return;
    CsvWriter w(m_raw);
    w.field(host);
    w.guardedField(containerName);
    w.field(QByteArrayView("stdout"));
    m_sourceStdout = w.buffer().toByteArray();
    m_sourceStderr = m_sourceStdout;
    m_sourceStderr.chop(6);
    m_sourceStderr.append("stderr");
    m_host = host;
    m_container = containerName;
    m_haveSource = true;
}

void LogsCsvWriter::appendTime(CsvWriter& out, qint64 timestampNs)
{
    if (timestampNs >= 0) {
        const qint64 second = timestampNs / kNanosPerSecond;
        if (second != m_second) {
            // Take the date from the real formatter; only the fraction is ours. If its output is
            // not the expected shape, every line goes through the formatter instead.
            m_second = second;
            const QByteArray whole = docker::formatRfc3339Nanos(second * kNanosPerSecond);
            m_secondPrefix = whole.endsWith(kZeroFraction) && whole.size() < 64
                                 ? whole.chopped(kZeroFraction.size() - 1)
                                 : QByteArray();
        }
        if (!m_secondPrefix.isEmpty()) {
            char text[80];
            const qsizetype prefix = m_secondPrefix.size();
            std::memcpy(text, m_secondPrefix.constData(), static_cast<size_t>(prefix));
            // Below 10^9, so 32-bit arithmetic: cheaper divisions in the hottest loop of the export.
            auto fraction = static_cast<quint32>(timestampNs - second * kNanosPerSecond);
            for (qsizetype i = prefix + 8; i >= prefix; --i) {
                text[i] = static_cast<char>('0' + fraction % 10);
                fraction /= 10;
            }
            text[prefix + 9] = 'Z';
            out.formattedFields(QByteArrayView(text, prefix + 10));
            return;
        }
    }
    out.formattedFields(docker::formatRfc3339Nanos(timestampNs));
}

bool LogsCsvWriter::check()
{
    if (m_file && m_file->hasError() && m_error.isEmpty())
        m_error = m_file->errorString();
    return m_error.isEmpty();
}

} // namespace dockpulse::csv
