#pragma once

#include "CsvFile.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>
#include <vector>

namespace dockpulse::docker {
class LogBatch;
}

namespace dockpulse::csv {

// logs.csv, with memory flat however long the run (rows wait on disk, see below):
// time,host,container_name,stream,message,continued,escaped
// time is Docker's own timestamp with 9 fraction digits; container_name and message are
// container-controlled (formula-guarded unless raw mode); message bytes are kept exactly, but
// for ANSI escape sequences, which are removed unless raw mode (stripAnsi), and bytes that are
// not UTF-8: unless raw mode, such a message is written escaped (utf8::appendEscaped) with
// escaped = 1. continued = 1: the row is a piece of a line cut at the line cap
// (docker::LinePiece) and the next row of its container and stream continues it.
//
// Rows are in time order across sources (CONTRACT.md): each source's rows wait in a temporary
// file beside logs.csv (LogSpill), and commit() merges them by Docker's timestamp, stably: a
// source's own order is kept, and equal times go to the source that delivered first. A source is
// one host, task and container name (the task may be empty); its lines must come in its own
// order, as a task's reader delivers them. The disk holds logs.csv twice while the
// merge runs.
//
// After a failure it writes nothing more and keeps the first error: hasError() says so at once,
// and commit() returns false with errorString(). Nothing is ever dropped silently.
class LogsCsvWriter
{
public:
    explicit LogsCsvWriter(bool rawMode = false);
    ~LogsCsvWriter(); // not committed: nothing appears under logs.csv
    Q_DISABLE_COPY_MOVE(LogsCsvWriter)

    // Creates dir if missing and starts dir/logs.csv (under a temporary name) with its header.
    bool open(const QString& dir);
    void append(const QString& host, const QString& containerName, const docker::LogBatch& batch,
                const QString& task = {});
    // Merges every source's rows into logs.csv by time and moves it into place.
    bool commit();
    void cancel();

    // Rows accepted so far, the header not counted.
    qint64 rows() const { return m_rows; }
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // dir/logs.csv once open() was called.
    QString path() const { return m_path; }

private:
    struct Source;
    Source* source(const QString& host, const QString& containerName, const QString& task);
    bool merge();
    void appendTime(CsvWriter& out, qint64 timestampNs);
    bool check();
    bool spillFailed(const Source& source);

    bool m_raw = false;
    std::unique_ptr<CsvFile> m_file;
    QString m_path;
    QString m_error;
    qint64 m_rows = 0;

    // In the order they first delivered lines, which decides ties; looked up by source key.
    std::vector<std::unique_ptr<Source>> m_sources;
    QHash<QString, std::size_t> m_sourceIndex;

    // formatRfc3339Nanos of the current whole second without its fraction ("...T05:04:10."):
    // lines come in bursts within one second, so the date is formatted once per second.
    qint64 m_second = -1;
    QByteArray m_secondPrefix;
    QByteArray m_escaped; // the escaped form of the current message, reused across rows
};

} // namespace dockpulse::csv
