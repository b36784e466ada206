#include "LogWrapRows.h"

#include "LogItemDelegate.h"
#include "LogModel.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

namespace dockpulse::ui {

LogWrapRows::LogWrapRows(QTableView& view, LogItemDelegate& delegate, int messageColumn, QObject* parent)
    : QObject(parent), m_view(view), m_delegate(delegate), m_column(messageColumn)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &LogWrapRows::fitVisibleRows);
    connect(m_view.verticalScrollBar(), &QScrollBar::valueChanged, this, &LogWrapRows::schedule);
    connect(m_view.horizontalHeader(), &QHeaderView::sectionResized, this, &LogWrapRows::schedule);
    connect(m_view.model(), &QAbstractItemModel::rowsInserted, this, &LogWrapRows::schedule);
    connect(m_view.model(), &QAbstractItemModel::rowsRemoved, this, [this] {
        m_sized.clear(); // rows moved up: sized again as they come into view
        schedule();
    });
    connect(m_view.model(), &QAbstractItemModel::modelReset, this, [this] {
        m_sized.clear();
        schedule();
    });
}

void LogWrapRows::setEnabled(bool on)
{
    if (m_enabled == on)
        return;
    m_enabled = on;
    m_delegate.setWrap(on);
    // Horizontal scrolling makes no sense for wrapped lines; the message column fills the view.
    m_view.setHorizontalScrollBarPolicy(on ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    if (on) {
        fitVisibleRows();
    } else {
        QHeaderView* rows = m_view.verticalHeader();
        const int one = rows->defaultSectionSize();
        for (int row : std::as_const(m_sized))
            if (row < rows->count())
                rows->resizeSection(row, one);
        m_sized.clear();
    }
    m_view.viewport()->update();
}

void LogWrapRows::schedule()
{
    if (m_enabled)
        m_timer.start();
}

void LogWrapRows::fitVisibleRows()
{
    if (!m_enabled || !m_view.model())
        return;
    QHeaderView* rows = m_view.verticalHeader();
    const int one = rows->defaultSectionSize();
    const int lineHeight = m_view.fontMetrics().lineSpacing();
    const int width = m_view.columnWidth(m_column) - 2 * LogItemDelegate::kMargin;
    const int first = std::max(0, m_view.rowAt(0));
    const int count = m_view.model()->rowCount();
    // As many rows as one-line rows could fill the viewport: sizing them may push later ones out.
    const int last = std::min(count - 1, first + m_view.viewport()->height() / std::max(1, one) + 1);
    for (int row = first; row <= last; ++row) {
        // The shown start of the line (2048 characters at most), as the delegate paints it.
        const QString text =
            qvariant_cast<DisplayLine>(m_view.model()->index(row, m_column).data(LogModel::DisplayLineRole))
                .text;
        const int lines = LogItemDelegate::wrappedLineCount(text, m_view.font(), width);
        const int height = std::max(one, lines * lineHeight + 4);
        if (rows->sectionSize(row) != height)
            rows->resizeSection(row, height);
        if (lines > 1)
            m_sized.insert(row);
    }
}

} // namespace dockpulse::ui
