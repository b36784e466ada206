#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

namespace dockpulse::ui {

// Which events the Events tab shows: of the tasks selected above (none selected: every task),
// whose container name contains the filter text, of one kind (all, the ones that matter, or
// one event name).
class EventsFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    static inline const QString kAllKinds = QString();
    static inline const QString kProblems = QStringLiteral("!problems"); // EventsModel::isImportant

    explicit EventsFilter(QObject* parent = nullptr);

    void setTasks(const QSet<QString>& tasks);
    void setContainerText(const QString& text);
    void setKind(const QString& kind);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QSet<QString> m_tasks;
    QString m_containerText;
    QString m_kind;
};

} // namespace dockpulse::ui
