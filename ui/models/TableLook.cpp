#include "TableLook.h"

#include <QAbstractItemView>
#include <QHeaderView>
#include <QPainter>
#include <QStyle>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

void FocusRowDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    paintFocusFrame(painter, option, index);
}

void FocusRowDelegate::paintFocusFrame(QPainter* painter, const QStyleOptionViewItem& option,
                                       const QModelIndex& index)
{
    const auto* view = qobject_cast<const QAbstractItemView*>(option.widget);
    if (!view || !view->hasFocus() || view->currentIndex().row() != index.row() ||
        view->currentIndex().parent() != index.parent())
        return;
    const QHeaderView* header = nullptr;
    if (const auto* table = qobject_cast<const QTableView*>(view))
        header = table->horizontalHeader();
    // The row's visual ends: its first and last visible columns.
    bool first = true, last = true;
    if (header) {
        const int visual = header->visualIndex(index.column());
        for (int v = 0; v < visual && first; ++v)
            first = header->isSectionHidden(header->logicalIndex(v));
        for (int v = visual + 1; v < header->count() && last; ++v)
            last = header->isSectionHidden(header->logicalIndex(v));
    }
    painter->save();
    QPen pen(option.palette.color(QPalette::Active, QPalette::Highlight).darker(130), 2);
    painter->setPen(pen);
    const QRectF r = QRectF(option.rect).adjusted(1, 1, -1, -1);
    painter->drawLine(r.topLeft(), r.topRight());
    painter->drawLine(r.bottomLeft(), r.bottomRight());
    if (first)
        painter->drawLine(r.topLeft(), r.bottomLeft());
    if (last)
        painter->drawLine(r.topRight(), r.bottomRight());
    painter->restore();
}

namespace TableLook {

void fitColumns(QTableView& view, const QList<QPair<int, QStringList>>& samples, int maxChars)
{
    view.setTextElideMode(Qt::ElideMiddle);
    view.resizeColumnsToContents();
    const QFontMetrics fm(view.font());
    const int padding = 2 * view.style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, &view) + 12;
    for (const auto& [column, values] : samples) {
        int width = view.columnWidth(column);
        for (const QString& v : values)
            width = std::max(width, fm.horizontalAdvance(v) + padding);
        view.setColumnWidth(column, width);
    }
    const int cap = fm.averageCharWidth() * maxChars;
    for (int c = 0; c < (view.model() ? view.model()->columnCount() : 0); ++c) {
        if (view.columnWidth(c) > cap)
            view.setColumnWidth(c, cap);
    }
}

void keepRowsInView(QTableView& view, int rows)
{
    const QStyle* style = view.style();
    const int scrollBar = style->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, &view);
    const int header = view.horizontalHeader()->isHidden() ? 0 : view.horizontalHeader()->sizeHint().height();
    view.setMinimumHeight(2 * view.frameWidth() + header +
                          rows * view.verticalHeader()->defaultSectionSize() + scrollBar);
}

QTableView* makeTable(QAbstractItemModel* model, const QString& objectName, QWidget* parent,
                      const TableOptions& options)
{
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSortingEnabled(options.sorting);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + options.rowPadding);
    if (options.minRowsInView > 0)
        keepRowsInView(*view, options.minRowsInView);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setObjectName(objectName + u"Header"_s);
    view->setWordWrap(false);
    view->setItemDelegate(new FocusRowDelegate(view)); // a visible current row for the keyboard
    return view;
}

} // namespace TableLook

} // namespace dockpulse::ui
