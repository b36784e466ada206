#pragma once

#include <QStyledItemDelegate>

namespace dockpulse::ui {

class LogSearch;

// Paints log rows cheaply and safely: every cell is drawn as plain text (never rich text), the
// message with its ANSI colours and the search matches highlighted, only as much of a long line
// as fits the cell, and stderr rows in StatusColors::stderrText. Tooltips are escaped.
class LogItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit LogItemDelegate(const LogSearch& search, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

    // Horizontal padding inside a cell.
    static constexpr int kMargin = 4;

private:
    void paintMessage(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index,
                      const QRect& rect, bool selected) const;

    const LogSearch& m_search;
};

// Container text for a tooltip: HTML-escaped inside a pre-wrap paragraph, so that Qt's rich-text
// guess can neither interpret it nor show the escapes literally.
QString plainTextToolTip(const QString& text);

} // namespace dockpulse::ui
