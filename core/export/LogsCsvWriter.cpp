#include "LogsCsvWriter.h"

#include "KWayHeads.h"
#include "LogSpill.h"
#include "LogsCsvRow.h"

#include "LogBatch.h"
#include "LogTimestamp.h"
#include "RunExport.h"

#include <QDir>
#include <QFileInfo>

#include <cstring>

using namespace Qt::StringLiterals;

namespace dockpulse::csv {

namespace {

constexpr qint64 kNanosPerSecond = 1'000'000'000;
constexpr QByteArrayView kZeroFraction = ".000000000Z";

} // namespace

// One source's spilled rows, with "host,container_name,stdout" and ",stderr" formatted once.
struct LogsCsvWriter::Source
{
    explicit Source(bool raw) : spill(raw) {}
    LogSpill spill;
    QByteArray stdoutFields;
    QByteArray stderrFields;
};

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

void LogsCsvWriter::append(const QString& host, const QString& containerName, const docker::LogBatch& batch,
                           const QString& task)
{
    if (hasError() || batch.isEmpty())
        return;
    if (!m_file) {
        m_error = u"cannot write logs.csv: it was not opened"_s;
        return;
    }
    Source* from = source(host, containerName, task);
    if (!from)
        return;
    CsvWriter& out = from->spill.writer();
    for (qsizetype i = 0, n = batch.size(); i < n; ++i) {
        const docker::LogBatch::Entry& e = batch.entry(i);
        appendTime(out, e.timestampNs);
        out.formattedFields(e.stream == docker::LogStreamKind::Stderr ? from->stderrFields
                                                                      : from->stdoutFields);
        writeLogMessageFields(out, batch.text(i), e.piece, m_raw, m_escaped);
        out.endRow();
        from->spill.endRow(e.timestampNs);
        ++m_rows;
        // Per row, not per batch: one batch can be large, and memory must stay within a block.
        if (!from->spill.flushIfFull()) {
            spillFailed(*from);
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
    if (!merge()) {
        cancel();
        return false;
    }
    const bool ok = m_file->commit();
    check();
    cancel(); // the file is in place: what remains are the emptied sources
    return ok;
}

void LogsCsvWriter::cancel()
{
    m_file.reset();    // CsvFile removes its temporary file
    m_sources.clear(); // and each LogSpill its own
    m_sourceIndex.clear();
}

LogsCsvWriter::Source* LogsCsvWriter::source(const QString& host, const QString& containerName,
                                             const QString& task)
{
    // A renamed container's later rows carry the new name: a source of their own, in order too.
    const QString key = host + u'\n' + task + u'\n' + containerName;
    if (const auto found = m_sourceIndex.constFind(key); found != m_sourceIndex.cend())
        return m_sources[*found].get();
    auto fresh = std::make_unique<Source>(m_raw);
    if (!fresh->spill.open(QFileInfo(m_path).path())) {
        spillFailed(*fresh);
        return nullptr;
    }
    CsvWriter w(m_raw);
    w.field(host);
    w.guardedField(containerName);
    w.field(QByteArrayView("stdout"));
    fresh->stdoutFields = w.buffer().toByteArray();
    fresh->stderrFields = fresh->stdoutFields;
    fresh->stderrFields.chop(6);
    fresh->stderrFields.append("stderr");
    m_sourceIndex.insert(key, m_sources.size());
    m_sources.push_back(std::move(fresh));
    return m_sources.back().get();
}

bool LogsCsvWriter::merge()
{
    // Oldest first; equal times go to the lower source number, the one that delivered first.
    KWayHeads<qint64> heads;
    heads.reserve(m_sources.size());
    for (std::size_t s = 0; s < m_sources.size(); ++s) {
        LogSpill& spill = m_sources[s]->spill;
        if (!spill.rewind())
            return spillFailed(*m_sources[s]);
        if (spill.next())
            heads.push({spill.timestamp(), int(s), 0});
        else if (spill.hasError())
            return spillFailed(*m_sources[s]);
    }
    CsvWriter& out = m_file->writer();
    while (!heads.empty()) {
        const auto head = heads.pop();
        Source& from = *m_sources[std::size_t(head.source)];
        out.formattedRows(from.spill.row());
        if (!m_file->flushIfFull())
            return check();
        if (from.spill.next())
            heads.push({from.spill.timestamp(), head.source, 0});
        else if (from.spill.hasError())
            return spillFailed(from);
    }
    return true;
}

bool LogsCsvWriter::spillFailed(const Source& source)
{
    // The temporary file is logs.csv's: the user is told about logs.csv and the OS reason.
    if (m_error.isEmpty())
        m_error = u"cannot write %1: %2"_s.arg(m_path, source.spill.reason());
    return false;
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
