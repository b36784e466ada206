#pragma once

#include "Expected.h"
#include "MonitorEngine.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace dockpulse::cli {

// The engines of this run: each -H URL (tcp:// with TLS as DOCKER_TLS_VERIFY, DOCKER_TLS and
// DOCKER_CERT_PATH say, as the docker CLI reads them), or, with none, the one the docker CLI
// would use (DOCKER_HOST, DOCKER_CONTEXT, the current context, the default socket). A URL that
// cannot be used is an error naming it (exit 2).
Expected<QList<monitor::MonitorEngine::EngineSpec>, QString>
selectEngines(const QStringList& hosts, const QProcessEnvironment& env, const QString& home);

// One line per engine reached over plain tcp://: anyone on the path can read or drive it.
QStringList plainTcpWarnings(const QList<monitor::MonitorEngine::EngineSpec>& engines);

} // namespace dockpulse::cli
