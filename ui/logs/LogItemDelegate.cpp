#include "LogItemDelegate.h"

#include "AnsiColors.h"
#include "LogLevelColors.h"
#include "LogMessage.h"
#include "LogModel.h"
#include "LogSearch.h"
#include "RestartSeparators.h"
#include "StatusColors.h"
#include "TableLook.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QTextLayout>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

namespace {

constexpr int kToolTipChars = 4000;

QPalette::ColorGroup colorGroup(const QStyleOptionViewItem& option)
{
    if (!(option.state & QStyle::State_Enabled))
        return QPalette::Disabled;
    return option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
}

QTextOption singleLineOption(const QFontMetrics& fm)
{
    QTextOption to(Qt::AlignLeft | Qt::AlignVCenter);
    to.setWrapMode(QTextOption::NoWrap);
    to.setTabStopDistance(fm.horizontalAdvance(QLatin1Char(' ')) * 8);
    return to;
}

QTextOption wrapOption(const QFontMetrics& fm)
{
    QTextOption to = singleLineOption(fm);
    to.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    return to;
}

// Lays `layout` out in lines of `width`, at most `maxLines`; returns the lines made.
int layOutWrapped(QTextLayout& layout, qreal width, int maxLines)
{
    layout.beginLayout();
    int lines = 0;
    qreal y = 0;
    while (lines < maxLines) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
        ++lines;
    }
    layout.endLayout();
    return std::max(1, lines);
}

} // namespace

QString plainTextToolTip(const QString& text)
{
    return u"<p style='white-space:pre-wrap'>"_s + text.toHtmlEscaped() + u"</p>"_s;
}

LogItemDelegate::LogItemDelegate(const LogSearch& search, QObject* parent)
    : QStyledItemDelegate(parent), m_search(search)
{}

void LogItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    // No initStyleOption(): it would fetch every role of every cell on every paint.
    const QWidget* widget = option.widget;
    const QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    if (index.data(LogModel::SeparatorRole).toBool()) {
        paintSeparator(painter, option, index, selected);
        FocusRowDelegate::paintFocusFrame(painter, option, index);
        return;
    }
    const bool isStderr = index.data(LogModel::StreamRole).toInt() == int(docker::LogStreamKind::Stderr);
    const QPalette::ColorGroup group = colorGroup(option);
    QColor color = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    if (isStderr && !selected)
        color = StatusColors::stderrText(option.palette);
    const auto level = docker::LogLevel(index.data(LogModel::LevelRole).toInt());
    if (const QColor c = LogLevelColors::text(level, option.palette); c.isValid() && !selected)
        color = c; // the line's own level says more than its stream

    painter->save();
    painter->setClipRect(option.rect, Qt::IntersectClip); // combining-mark floods stay in their cell
    painter->setPen(color);
    painter->setFont(option.font);
    const QRect rect = option.rect.adjusted(kMargin, 0, -kMargin, 0);
    if (index.column() == LogModel::MessageColumn) {
        if (const QColor mark = LogLevelColors::marker(level, option.palette); mark.isValid())
            painter->fillRect(QRect(option.rect.left(), option.rect.top() + 1, LogLevelColors::kMarkerWidth,
                                    option.rect.height() - 2),
                              mark);
        paintMessage(painter, option, index, rect, selected);
    } else {
        if (index.column() == LogModel::ContainerColumn && !selected) {
            if (const QVariant c = index.data(Qt::ForegroundRole); c.canConvert<QColor>())
                painter->setPen(c.value<QColor>()); // the container's colour, as in the charts
        }
        QString text = index.data(Qt::DisplayRole).toString();
        // Measuring is as dear as drawing: elide only what may not fit.
        if (text.size() * option.fontMetrics.maxWidth() > rect.width())
            text = option.fontMetrics.elidedText(
                text, index.column() == LogModel::ContainerColumn ? Qt::ElideMiddle : Qt::ElideRight,
                rect.width());
        painter->drawText(QRectF(rect), text, singleLineOption(option.fontMetrics));
    }
    painter->restore();
    FocusRowDelegate::paintFocusFrame(painter, option, index);
}

// A container restart's row: dim italic text, centred in the message column, so that it reads as a
// mark between the lines rather than as one of them.
void LogItemDelegate::paintSeparator(QPainter* painter, const QStyleOptionViewItem& option,
                                     const QModelIndex& index, bool selected) const
{
    const QPalette::ColorGroup group = colorGroup(option);
    painter->save();
    painter->setClipRect(option.rect, Qt::IntersectClip);
    painter->setPen(selected ? option.palette.color(group, QPalette::HighlightedText)
                             : separatorColor(option.palette, group));
    const QFont font = separatorFont(option.font);
    painter->setFont(font);
    const QFontMetrics fm(font);
    const QRect rect = option.rect.adjusted(kMargin, 0, -kMargin, 0);
    const bool message = index.column() == LogModel::MessageColumn;
    const QString text = fm.elidedText(index.data(Qt::DisplayRole).toString(),
                                       message ? Qt::ElideMiddle : Qt::ElideRight, rect.width());
    painter->drawText(rect, int(message ? Qt::AlignCenter : Qt::AlignLeft | Qt::AlignVCenter), text);
    painter->restore();
}

void LogItemDelegate::paintMessage(QPainter* painter, const QStyleOptionViewItem& option,
                                   const QModelIndex& index, const QRect& rect, bool selected) const
{
    const auto line = qvariant_cast<DisplayLine>(index.data(LogModel::DisplayLineRole));
    // Only what can be seen: laying out a 100 KB line to show 150 characters would stall every
    // paint. The font is fixed-width; the slack covers combining marks.
    const QFontMetrics& fm = option.fontMetrics;
    const qsizetype visibleChars =
        (rect.width() / qMax(1, fm.averageCharWidth()) + 32) * (m_wrap ? kMaxWrapLines : 1);
    const QString text = line.text.left(visibleChars);
    const QList<LogSearch::Range> hits =
        m_search.isActive() ? m_search.matchRanges(text) : QList<LogSearch::Range>{};
    if (line.spans.isEmpty() && hits.isEmpty() && !m_wrap) {
        painter->drawText(QRectF(rect), text, singleLineOption(fm));
        return;
    }

    QList<QTextLayout::FormatRange> formats;
    const int length = int(text.size());
    for (const StyledSpan& span : line.spans) {
        if (span.start >= length)
            break;
        QTextCharFormat format;
        if (!selected) {
            if (const QColor c = ansiColor(span.style, option.palette); c.isValid())
                format.setForeground(c);
        }
        // A byte that is not UTF-8, shown as \xHH: in the danger colour and underlined, so that it is
        // not taken for those four characters written by the container.
        if (span.style.invalidByte && !selected)
            format.setForeground(StatusColors::foreground(StatusColors::Health::Danger, option.palette));
        if (span.style.bold)
            format.setFontWeight(QFont::Bold);
        format.setFontItalic(span.style.italic);
        format.setFontUnderline(span.style.underline || span.style.invalidByte);
        formats.append({span.start, qMin(span.length, length - span.start), format});
    }
    const bool currentRow = m_search.currentRow() == index.row();
    QColor hitColor = StatusColors::foreground(StatusColors::Health::Warning, option.palette);
    if (!currentRow)
        hitColor.setAlpha(StatusColors::isDark(option.palette) ? 110 : 90);
    for (const LogSearch::Range& hit : hits) {
        QTextCharFormat format;
        format.setBackground(hitColor);
        if (currentRow)
            format.setForeground(option.palette.color(QPalette::Base));
        formats.append({hit.start, hit.length, format});
    }

    QTextLayout layout(text, option.font, painter->device());
    layout.setFormats(formats);
    if (m_wrap) {
        layout.setTextOption(wrapOption(fm));
        layOutWrapped(layout, rect.width(), kMaxWrapLines);
        layout.draw(painter, QPointF(rect.left(), rect.top() + 2));
        return;
    }
    layout.setTextOption(singleLineOption(fm));
    layout.beginLayout();
    QTextLine textLine = layout.createLine();
    textLine.setLineWidth(1e6);
    layout.endLayout();
    const qreal y = rect.top() + (rect.height() - textLine.height()) / 2;
    layout.draw(painter, QPointF(rect.left(), y));
}

int LogItemDelegate::wrappedLineCount(const QString& text, const QFont& font, int width)
{
    if (width <= 0 || text.isEmpty())
        return 1;
    const QFontMetrics fm(font);
    // Short enough for one line: no layout needed.
    if (text.size() * fm.maxWidth() <= width)
        return 1;
    QTextLayout layout(text.left((width / qMax(1, fm.averageCharWidth()) + 32) * kMaxWrapLines), font);
    layout.setTextOption(wrapOption(fm));
    return layOutWrapped(layout, width, kMaxWrapLines);
}

QSize LogItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    Q_UNUSED(index)
    return {option.fontMetrics.averageCharWidth() * 20, option.fontMetrics.height() + 4};
}

bool LogItemDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view,
                                const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (!event || !view || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    QString tip;
    if (index.column() == LogModel::MessageColumn) {
        // The full line, only when the cell cuts it.
        const QString text = index.data(Qt::DisplayRole).toString();
        const int available = option.rect.width() - 2 * kMargin;
        // More characters than pixels is cut for sure; otherwise the text is short to measure.
        if (text.size() > available || option.fontMetrics.horizontalAdvance(text) > available)
            tip = text.size() > kToolTipChars ? text.left(kToolTipChars) + u"…"_s : text;
    } else {
        tip = index.data(Qt::ToolTipRole).toString();
    }
    if (tip.isEmpty()) {
        QToolTip::hideText();
        return true;
    }
    QToolTip::showText(event->globalPos(), plainTextToolTip(tip), view->viewport(), option.rect);
    return true;
}

} // namespace dockpulse::ui
