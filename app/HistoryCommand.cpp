#include "HistoryCommand.h"

#include "StatusLine.h"

#include "ContainerSelection.h"
#include "CsvWriter.h"
#include "HistoryExport.h"
#include "HistorySearch.h"
#include "LogTimestamp.h"
#include "LogsCsvRow.h"
#include "RunExport.h"
#include "StoreReader.h"
#include "Utf8Bytes.h"

using namespace Qt::StringLiterals;

namespace dockpulse::cli {

namespace {

void print(std::FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
}

history::TimeRange rangeOf(const HistoryOptions& o)
{
    history::TimeRange range;
    if (o.sinceNs)
        range.sinceNs = *o.sinceNs;
    if (o.untilNs)
        range.untilNs = *o.untilNs;
    return range;
}

QByteArrayView streamName(docker::LogStreamKind stream)
{
    return stream == docker::LogStreamKind::Stderr ? "stderr" : "stdout";
}

// Prints each hit as TIME CONTAINER STREAM MESSAGE, or as a logs.csv row, buffered.
class HitPrinter
{
public:
    HitPrinter(std::FILE* out, bool csv, bool raw) : m_out(out), m_csv(csv), m_rows(raw)
    {
        if (m_csv) {
            m_rows.formattedFields(csv::csvHeader(csv::CsvKind::Logs));
            m_rows.endRow();
        }
    }
    ~HitPrinter() { flush(); }

    bool print(const history::SearchHit& hit)
    {
        const store::StoredLine& l = hit.line;
        const QString name =
            hit.container->name.isEmpty() ? hit.container->ref.containerId.left(12) : hit.container->name;
        if (m_csv) {
            m_rows.formattedFields(docker::formatRfc3339Nanos(l.timestampNs));
            m_rows.field(hit.container->ref.host);
            m_rows.guardedField(name);
            m_rows.formattedFields(streamName(l.stream));
            csv::writeLogMessageFields(m_rows, l.bytes, l.piece, m_rows.rawMode(), m_scratch);
            m_rows.endRow();
        } else {
            // The terminal's form: bytes that are not UTF-8 as \xHH, control characters as \xNN.
            QByteArray text;
            if (docker::utf8::isValid(l.bytes))
                text = l.bytes;
            else
                docker::utf8::appendEscaped(text, l.bytes);
            m_text += docker::formatRfc3339Nanos(l.timestampNs);
            m_text += ' ';
            m_text += terminalSafe(name).toUtf8();
            m_text += ' ';
            m_text += streamName(l.stream);
            m_text += ' ';
            m_text += terminalSafe(QString::fromUtf8(text)).toUtf8();
            m_text += '\n';
        }
        return m_rows.size() + m_text.size() < (1 << 16) || flush();
    }

    bool flush()
    {
        const QByteArrayView bytes = m_csv ? m_rows.buffer() : QByteArrayView(m_text);
        // Nothing to write is no call: an empty buffer's data() may be null, which fwrite must not get.
        const bool ok = bytes.isEmpty() || std::fwrite(bytes.data(), 1, std::size_t(bytes.size()), m_out) ==
                                               std::size_t(bytes.size());
        m_rows.clear();
        m_text.resize(0);
        return ok && std::fflush(m_out) == 0;
    }

private:
    std::FILE* m_out;
    bool m_csv;
    csv::CsvWriter m_rows; // --csv
    QByteArray m_text;     // the terminal's lines
    QByteArray m_scratch;
};

int runSearch(store::StoreReader& reader, const QList<store::StoredContainer>& containers,
              const HistoryOptions& o, std::FILE* out, std::FILE* err)
{
    const auto matcher = history::LineMatcher::create(
        o.query, o.regex ? history::LineMatcher::Kind::Regex : history::LineMatcher::Kind::Substring,
        o.ignoreCase, o.words);
    if (!matcher) {
        print(err, u"dockpulse search: "_s + matcher.error() + u'\n');
        return 2;
    }
    std::optional<docker::LogStreamKind> stream;
    if (!o.stream.isEmpty())
        stream = o.stream == u"stderr"_s ? docker::LogStreamKind::Stderr : docker::LogStreamKind::Stdout;
    HitPrinter printer(out, o.csv, o.csvRaw);
    const history::SearchResult result =
        history::searchHistory(reader, containers, rangeOf(o), stream, *matcher,
                               [&printer](const history::SearchHit& hit) { return printer.print(hit); });
    printer.flush();
    if (result.usedIndex && result.unindexedLines > 0) {
        // The writer indexes in its idle time: at an engine's peak the index lags behind.
        print(err, u"dockpulse search: the search index is %1 lines behind: those were scanned\n"_s.arg(
                       result.unindexedLines));
    }
    if (!result.error.isEmpty()) {
        print(err, u"dockpulse search: "_s + result.error + u'\n');
        return kExitStoreUnusable;
    }
    return 0;
}

int runExport(store::StoreReader& reader, const QList<store::StoredContainer>& containers,
              const HistoryOptions& o, std::FILE* out, std::FILE* err)
{
    const history::HistoryExportResult result =
        history::exportHistory(reader, containers, o.containers.isEmpty(), rangeOf(o), o.exportDir, o.csvRaw);
    if (!result.error.isEmpty()) {
        for (const QString& line : result.error.split(u'\n'))
            print(err, u"dockpulse export: "_s + line + u'\n');
        return kExitStoreUnusable;
    }
    print(out, u"dockpulse export: %1 lines, %2 events, %3 heartbeats of %4 tasks written to %5\n"_s
                   .arg(result.lines)
                   .arg(result.events)
                   .arg(result.heartbeats)
                   .arg(result.tasks)
                   .arg(o.exportDir));
    return 0;
}

} // namespace

int runHistoryCommand(const HistoryOptions& o, std::FILE* out, std::FILE* err)
{
    const QString prefix =
        o.command == HistoryOptions::Command::Export ? u"dockpulse export: "_s : u"dockpulse search: "_s;
    auto opened = store::StoreReader::open(o.storePath);
    if (!opened) {
        print(err, prefix + opened.error().message + u'\n');
        return kExitStoreUnusable;
    }
    store::StoreReader& reader = *opened.value();
    auto known = reader.containers();
    if (!known) {
        print(err, prefix + known.error().message + u'\n');
        return kExitStoreUnusable;
    }
    const auto chosen = history::selectContainers(*known, o.containers, o.storePath);
    if (!chosen) {
        print(err, prefix + chosen.error() + u'\n');
        return kExitUnknownContainer;
    }
    return o.command == HistoryOptions::Command::Export ? runExport(reader, *chosen, o, out, err)
                                                        : runSearch(reader, *chosen, o, out, err);
}

} // namespace dockpulse::cli
