#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace dockpulse::docker {

enum class LogStreamKind : quint8
{
    Stdout = 1,
    Stderr = 2
};

// One log message as the engine sends it: a timestamp and a piece of text from one stream.
// A line longer than the daemon's 16 KiB buffer arrives as several messages that share a
// timestamp; all but the last have endsLine == false.
struct LogMessage
{
    qint64 timestampNs = 0;
    LogStreamKind stream = LogStreamKind::Stdout;
    QByteArrayView content; // without the timestamp prefix and the trailing '\n'; valid during the call
    bool endsLine = true;
};

class LogMessageSink
{
public:
    virtual ~LogMessageSink() = default;
    virtual void onLogMessage(const LogMessage& message) = 0;
    // Stream 3 of the multiplexed format: the daemon reports an error in-band.
    virtual void onDaemonError(QByteArrayView message) = 0;
};

} // namespace dockpulse::docker
