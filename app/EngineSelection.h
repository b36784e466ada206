#pragma once

#include "Expected.h"
#include "MonitorEngine.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace dockpulse::cli {

// The engines of this run: each -H URL, or, with none, the one the docker CLI would use
// (DOCKER_HOST, DOCKER_CONTEXT, the current context, the default socket). A URL that cannot be
// used is an error naming it (exit 2).
Expected<QList<monitor::MonitorEngine::EngineSpec>, QString>
selectEngines(const QStringList& hosts, const QProcessEnvironment& env, const QString& home);

} // namespace dockpulse::cli
