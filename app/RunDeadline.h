#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace dockpulse::cli {

// The end of a headless run by --duration: reached() once, when durationMs have passed since
// start(), never earlier. QTimer holds its interval in an int of milliseconds (24.8 days; a
// longer one wraps around: `--duration 4300000` ended after 84 minutes), so the timer is armed
// for at most chunkMs at a time and re-armed against a monotonic clock until the whole
// duration has passed.
class RunDeadline : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultChunkMs = qint64(24) * 3600 * 1000;

    explicit RunDeadline(QObject* parent = nullptr, qint64 chunkMs = kDefaultChunkMs);

    // (Re)starts the deadline; durationMs >= 1.
    void start(qint64 durationMs);
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    // Milliseconds until reached(); -1 when not active.
    qint64 remainingMs() const;
    // The interval the underlying timer is armed with now.
    qint64 armedMs() const { return m_timer.interval(); }

Q_SIGNALS:
    void reached();

private:
    void armOrReach();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_durationMs = 0;
    qint64 m_chunkMs;
};

} // namespace dockpulse::cli
