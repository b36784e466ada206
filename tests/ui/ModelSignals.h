#pragma once

#include <QAbstractItemModel>
#include <QList>
#include <QMetaObject>
#include <QMetaType>
#include <QString>

namespace dockpulse::test {

// Records what a model announced, so a test can say "one dataChanged over rows 2-4 of column 3,
// no removals, no reset" in one comparison.
class ModelSignals
{
public:
    struct Range
    {
        int top = 0;
        int left = 0;
        int bottom = 0;
        int right = 0;
        bool operator==(const Range&) const = default;
    };

    explicit ModelSignals(QAbstractItemModel* model)
    {
        m_connections = {
            QObject::connect(model, &QAbstractItemModel::dataChanged,
                             [this](const QModelIndex& tl, const QModelIndex& br) {
                                 changed.append({tl.row(), tl.column(), br.row(), br.column()});
                             }),
            QObject::connect(model, &QAbstractItemModel::rowsInserted,
                             [this](const QModelIndex&, int first, int last) {
                                 inserted.append({first, last});
                             }),
            QObject::connect(model, &QAbstractItemModel::rowsRemoved,
                             [this](const QModelIndex&, int first, int last) {
                                 removed.append({first, last});
                             }),
            QObject::connect(model, &QAbstractItemModel::modelReset, [this] { ++resets; }),
            QObject::connect(model, &QAbstractItemModel::layoutChanged, [this] { ++layoutChanges; }),
            QObject::connect(model, &QAbstractItemModel::rowsMoved, [this] { ++moves; }),
        };
    }
    ~ModelSignals()
    {
        for (const auto& c : m_connections)
            QObject::disconnect(c);
    }
    Q_DISABLE_COPY_MOVE(ModelSignals)

    // No row was inserted, removed or moved and the model was not reset.
    bool structureUntouched() const
    {
        return inserted.isEmpty() && removed.isEmpty() && resets == 0 && layoutChanges == 0 && moves == 0;
    }
    // Whether some dataChanged range covers the cell.
    bool covers(int row, int column) const
    {
        for (const Range& r : changed) {
            if (row >= r.top && row <= r.bottom && column >= r.left && column <= r.right)
                return true;
        }
        return false;
    }
    void clear()
    {
        changed.clear();
        inserted.clear();
        removed.clear();
        resets = layoutChanges = moves = 0;
    }

    QList<Range> changed;
    QList<std::pair<int, int>> inserted;
    QList<std::pair<int, int>> removed;
    int resets = 0;
    int layoutChanges = 0;
    int moves = 0;

private:
    QList<QMetaObject::Connection> m_connections;
};

inline char* toString(const ModelSignals::Range& r)
{
    return qstrdup(QString::asprintf("rows %d-%d, columns %d-%d", r.top, r.bottom, r.left, r.right)
                       .toUtf8()
                       .constData());
}

} // namespace dockpulse::test

Q_DECLARE_METATYPE(dockpulse::test::ModelSignals::Range)
