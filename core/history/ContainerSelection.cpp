#include "ContainerSelection.h"

using namespace Qt::StringLiterals;

namespace dockpulse::history {

namespace {

QString knownList(const QList<store::StoredContainer>& known)
{
    if (known.isEmpty())
        return u"it holds no container yet"_s;
    QStringList names;
    for (const store::StoredContainer& c : known)
        names << u"%1 (%2)"_s.arg(c.name.isEmpty() ? u"?"_s : c.name, c.ref.containerId.left(12));
    constexpr qsizetype kShown = 10;
    QString list = names.mid(0, kShown).join(u", "_s);
    if (names.size() > kShown)
        list += u" and %1 more"_s.arg(names.size() - kShown);
    return u"it knows %1"_s.arg(list);
}

} // namespace

Expected<QList<store::StoredContainer>, QString> selectContainers(const QList<store::StoredContainer>& known,
                                                                  const QStringList& wanted,
                                                                  const QString& storePath)
{
    if (wanted.isEmpty())
        return known;
    QList<store::StoredContainer> chosen;
    const auto choose = [&chosen](const store::StoredContainer& c) {
        if (!chosen.contains(c))
            chosen.append(c);
    };
    for (const QString& typed : wanted) {
        const QString name = typed.startsWith(u'/') ? typed.mid(1) : typed;
        QList<store::StoredContainer> byName, byId;
        for (const store::StoredContainer& c : known) {
            if (c.name == name)
                byName.append(c);
            else if (!name.isEmpty() && c.ref.containerId.startsWith(name))
                byId.append(c);
        }
        if (!byName.isEmpty()) {
            for (const store::StoredContainer& c : std::as_const(byName))
                choose(c);
        } else if (byId.size() == 1) {
            choose(byId.front());
        } else if (byId.size() > 1) {
            return u"\"%1\" is the start of %2 container ids in store %3: give more of the id"_s.arg(typed)
                .arg(byId.size())
                .arg(storePath);
        } else {
            return u"store %1 has no history of container \"%2\": %3"_s.arg(storePath, typed,
                                                                            knownList(known));
        }
    }
    return chosen;
}

} // namespace dockpulse::history
