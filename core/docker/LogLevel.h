#pragma once

#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

namespace dockpulse::docker {

// The severity a log line states about itself, as the common loggers write it. Ordered, so that
// "warn and worse" is a comparison. Unknown: the line names no level (most lines of many programs).
enum class LogLevel : quint8
{
    Unknown = 0,
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
};
constexpr int kLogLevelCount = 7;

// Recognises, in the first kLogLevelScanBytes of a line (bytes as the engine sent them; ANSI
// colour codes around the level are skipped):
//   logfmt            level=warn  lvl=ERROR  severity="info"   (a key of its own, not "errors=0")
//   JSON              {"level":"error"}  "severity":"WARNING"  "log.level"  "lvl"; pino/bunyan numbers 10..60
//   bracketed         [ERROR]  [warn]  <error>  (any case), nginx's [crit] [emerg] [notice]
//   a leading word    INFO  WARN  WARNING  ERROR  DEBUG  TRACE  FATAL (upper case), or any case with a
//                     colon ("Error:", "warning:"); also after a timestamp, a pid, a [thread] or a
//                     time zone, as log4j, logback, Spring Boot, zap, env_logger, MySQL and Postgres write
//   klog / glog       I0102 15:04:05.000000 ... (the I/W/E/F letter)
// A word must match whole: "information" and "errors" are not levels (but "Information" as the
// value of a level key is, as Serilog writes it). Pure: no state, no allocation.
LogLevel detectLogLevel(QByteArrayView line);

constexpr qsizetype kLogLevelScanBytes = 512;

// "trace", "debug", "info", "warn", "error", "fatal", or "" for Unknown.
QString logLevelName(LogLevel level);

} // namespace dockpulse::docker
