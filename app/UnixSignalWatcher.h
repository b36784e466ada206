#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace dockpulse::cli {

// Turns SIGINT and SIGTERM into a Qt signal in the main thread (self-pipe: the handler only
// writes one byte, which is all a signal handler may safely do).
class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject* parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace dockpulse::cli
