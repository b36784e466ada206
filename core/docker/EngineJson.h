#pragma once

#include "EngineTypes.h"
#include "Expected.h"

#include <QByteArray>
#include <QList>

namespace dockpulse::docker {

// Decoders of the engine's JSON answers. A malformed answer is an error naming what was wrong,
// never a crash; fields the engine left out get their defaults.
Expected<EngineVersion, QString> parseEngineVersion(const QByteArray& json);
Expected<QList<ContainerSummary>, QString> parseContainerList(const QByteArray& json);
Expected<ContainerDetails, QString> parseContainerDetails(const QByteArray& json);
// /info: SystemTime (the engine's own clock, required), ID and Name (may be missing).
Expected<EngineInfo, QString> parseEngineInfo(const QByteArray& json);
// One line of the events stream; std::nullopt for events that are not about a container.
Expected<std::optional<ContainerEvent>, QString> parseContainerEvent(QByteArrayView jsonLine);

} // namespace dockpulse::docker
