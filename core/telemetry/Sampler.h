#pragma once

#include "Records.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace dockpulse::telemetry {

// Takes a metrics sample every --sample-every: OS threads (as the kernel counts them), live log
// readers, monitored tasks and each one's heartbeat age.
class Sampler : public QObject
{
    Q_OBJECT
public:
    struct Sources
    {
        std::function<int()> readers;
        std::function<int()> lateReaders;
        std::function<int()> monitored;
        std::function<QList<monitor::MetricSample::TaskAge>()> ages;
    };

    Sampler(Sources sources, qint64 periodMs, QObject* parent = nullptr);

    void start();
    void setPeriod(qint64 periodMs);
    monitor::MetricSample sampleNow() const;

Q_SIGNALS:
    void sampled(const dockpulse::monitor::MetricSample& sample);

private:
    Sources m_sources;
    QTimer m_timer;
};

} // namespace dockpulse::telemetry
