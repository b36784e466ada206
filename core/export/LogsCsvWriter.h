#pragma once

#include "CsvFile.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace dockpulse::docker {
class LogBatch;
}

namespace dockpulse::csv {

// logs.csv, written as lines arrive so that memory stays flat however long the run:
// time,host,container_name,stream,message
// time is Docker's own timestamp with 9 fraction digits; container_name and message are
// container-controlled (formula-guarded unless raw mode); message bytes are kept exactly, but
// for ANSI escape sequences, which are removed unless raw mode (stripAnsi).
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
    void append(const QString& host, const QString& containerName, const docker::LogBatch& batch);
    // Writes the rest and moves logs.csv into place.
    bool commit();
    void cancel();

    // Rows accepted so far, the header not counted.
    qint64 rows() const { return m_rows; }
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // dir/logs.csv once open() was called.
    QString path() const { return m_path; }

private:
    void setSource(const QString& host, const QString& containerName);
    void appendTime(CsvWriter& out, qint64 timestampNs);
    bool check();

    bool m_raw = false;
    std::unique_ptr<CsvFile> m_file;
    QString m_path;
    QString m_error;
    qint64 m_rows = 0;

    // "host,container_name,stdout" and ",stderr" for the current source, formatted once per
    // change of source rather than once per line.
    QString m_host;
    QString m_container;
    QByteArray m_sourceStdout;
    QByteArray m_sourceStderr;
    bool m_haveSource = false;

    // formatRfc3339Nanos of the current whole second without its fraction ("...T05:04:10."):
    // lines come in bursts within one second, so the date is formatted once per second.
    qint64 m_second = -1;
    QByteArray m_secondPrefix;
};

} // namespace dockpulse::csv
