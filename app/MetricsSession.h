#pragma once

#include "CommandLine.h"
#include "Expected.h"
#include "MetricsEndpoint.h"
#include "MonitorEngine.h"

#include <QStringList>

#include <memory>

namespace dockpulse::cli {

// --metrics-listen, the same in both modes: the endpoint serving GET /metrics and GET /healthz
// from the engine. Started after the engine is made and before it starts (and before the store
// opens), so that an address that cannot be used ends the run before anything else happens.
struct MetricsSession
{
    std::unique_ptr<metrics::MetricsEndpoint> endpoint; // empty without --metrics-listen
    QStringList notes; // for stderr: where it serves, and a warning when that is beyond loopback

    // Nothing (and no error) without --metrics-listen. The error (exit 2) names the option, the
    // address and the cause.
    static Expected<MetricsSession, QString> start(const RunOptions& options, monitor::MonitorEngine& engine);
    // dockpulse_store_bytes from now on (once the store is open).
    void setStorePath(const QString& path);
};

} // namespace dockpulse::cli
