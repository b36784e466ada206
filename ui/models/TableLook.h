#pragma once

#include <QList>
#include <QPair>
#include <QStringList>
#include <QStyledItemDelegate>

class QAbstractItemModel;
class QTableView;

namespace dockpulse::ui {

// Draws each cell as QStyledItemDelegate does, then a frame around the current row while the
// view has the keyboard focus: where the keys act must be visible (Fusion and the offscreen
// style draw none for whole-row selection).
class FocusRowDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    // The frame's part in one cell (top and bottom edges, the row's ends at its first and last
    // columns), for delegates of their own.
    static void paintFocusFrame(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index);
};

namespace TableLook {

// First-launch widths: each column fits its contents and header, at least as wide as the
// widest of `samples` (values a column will take later, e.g. every task state), at most
// `maxChars` average characters; long text is elided in the middle (names differ at their ends).
void fitColumns(QTableView& view, const QList<QPair<int, QStringList>>& samples = {}, int maxChars = 40);

// A table never squeezed below `rows` whole rows of its current row height (header, frame and a
// horizontal scroll bar counted): at the window's smallest size it still shows that many.
void keepRowsInView(QTableView& view, int rows);
inline constexpr int kMinRowsInView = 4;

struct TableOptions
{
    bool sorting = true;                // the user sorts by a header click
    int rowPadding = 8;                 // row height: the font's height plus this
    int minRowsInView = kMinRowsInView; // keepRowsInView(); 0: no such floor
};
// A dashboard table over `model`: whole-row selection, alternating rows, no row numbers, the last
// column stretched, no word wrap, the current row framed for the keyboard (FocusRowDelegate);
// the header is named objectName + "Header".
QTableView* makeTable(QAbstractItemModel* model, const QString& objectName, QWidget* parent,
                      const TableOptions& options = {});

} // namespace TableLook

} // namespace dockpulse::ui
