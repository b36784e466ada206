#pragma once

#include "Expected.h"
#include "StoreReader.h"

#include <QList>
#include <QStringList>

namespace dockpulse::history {

// The containers of a store that -m NAME|ID names, as `docker logs` would find them: a name with
// or without its leading /, a full id or a prefix of one. A name picks every container that
// last had it (a container re-created under that name is another container, each with its own
// history); an id prefix must pick exactly one. No names: every container of the store.
// What picks none, or an id prefix that picks several, is an error that names it and says what
// the store does know.
Expected<QList<store::StoredContainer>, QString> selectContainers(const QList<store::StoredContainer>& known,
                                                                  const QStringList& wanted,
                                                                  const QString& storePath);

} // namespace dockpulse::history
