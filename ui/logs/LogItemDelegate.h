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
    // Wrapped messages show at most this many lines (the detail pane shows the whole line).
    static constexpr int kMaxWrapLines = 20;

    // Wrap mode: messages wrap to the cell's width (LogWrapRows gives the rows their height).
    void setWrap(bool wrap) { m_wrap = wrap; }
    bool wraps() const { return m_wrap; }
    // The lines `text` takes when wrapped at `width` pixels (1 to kMaxWrapLines).
    static int wrappedLineCount(const QString& text, const QFont& font, int width);

private:
    void paintMessage(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index,
                      const QRect& rect, bool selected) const;
    void paintSeparator(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index,
                        bool selected) const;

    const LogSearch& m_search;
    bool m_wrap = false;
};

// Container text for a tooltip: HTML-escaped inside a pre-wrap paragraph, so that Qt's rich-text
// guess can neither interpret it nor show the escapes literally.
QString plainTextToolTip(const QString& text);

} // namespace dockpulse::ui
