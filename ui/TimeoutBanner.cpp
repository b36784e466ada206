#include "TimeoutBanner.h"

#include "StatusColors.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

TimeoutBanner::TimeoutBanner(QWidget* parent) : QFrame(parent)
{
    setObjectName(u"timeoutBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, StatusColors::background(StatusColors::Health::Danger, palette()));
    setPalette(p);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    auto* head = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(u"timeoutTitle"_s);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_dismiss = new QPushButton(tr("Dismiss"), this);
    m_dismiss->setObjectName(u"dismissTimeouts"_s);
    m_dismiss->setToolTip(tr("Hide this message (the tasks stay timed out)"));
    connect(m_dismiss, &QPushButton::clicked, this, &TimeoutBanner::dismiss);
    head->addWidget(m_title, 1);
    head->addWidget(m_dismiss);
    layout->addLayout(head);
    m_rows = new QVBoxLayout;
    layout->addLayout(m_rows);
    hide();
}

void TimeoutBanner::addTimeout(const Timeout& timeout)
{
    for (qsizetype i = 0; i < m_timeouts.size(); ++i)
        if (m_timeouts[i].task == timeout.task)
            m_timeouts.removeAt(i--);
    m_timeouts.prepend(timeout);
    rebuild();
}

void TimeoutBanner::removeTask(const QString& task)
{
    const qsizetype before = m_timeouts.size();
    m_timeouts.removeIf([&task](const Timeout& t) { return t.task == task; });
    if (m_timeouts.size() != before)
        rebuild();
}

bool TimeoutBanner::contains(const QString& task) const
{
    return std::any_of(m_timeouts.cbegin(), m_timeouts.cend(),
                       [&task](const Timeout& t) { return t.task == task; });
}

void TimeoutBanner::dismiss()
{
    m_timeouts.clear();
    rebuild();
}

void TimeoutBanner::rebuild()
{
    // deleteLater: rebuild() may run from a row's own button.
    const auto drop = [](QWidget* w) {
        if (w) {
            w->hide();
            w->deleteLater();
        }
    };
    while (QLayoutItem* item = m_rows->takeAt(0)) {
        if (QLayout* row = item->layout())
            while (QLayoutItem* inner = row->takeAt(0)) {
                drop(inner->widget());
                delete inner;
            }
        drop(item->widget());
        delete item;
    }
    setVisible(!m_timeouts.isEmpty());
    if (m_timeouts.isEmpty())
        return;
    m_title->setText(m_timeouts.size() == 1
                         ? tr("Monitoring stopped: a task timed out (no heartbeat within the task timeout)")
                         : tr("Monitoring stopped: %1 tasks timed out (no heartbeat within the task timeout)")
                               .arg(m_timeouts.size()));
    QWidget* previous = m_dismiss; // Tab goes down the rows from here
    for (qsizetype i = 0; i < std::min<qsizetype>(m_timeouts.size(), kRowsShown); ++i) {
        const Timeout t = m_timeouts[i];
        auto* row = new QHBoxLayout;
        auto* text = new QLabel(this);
        text->setTextFormat(Qt::PlainText); // container names are not markup
        text->setText(tr("%1 at %2: %3")
                          .arg(t.containerName,
                               QDateTime::fromMSecsSinceEpoch(t.wallMs).toString(u"hh:mm:ss"_s), t.reason));
        text->setToolTip(t.task + u" · "_s + t.host);
        auto* again = new QPushButton(tr("Monitor again"), this);
        again->setObjectName(u"monitorAgain"_s);
        again->setProperty("containerName", t.containerName);
        again->setToolTip(tr("Start a new task for %1").arg(t.containerName));
        connect(again, &QPushButton::clicked, this, [this, t] { Q_EMIT monitorAgainRequested(t); });
        row->addWidget(text, 1);
        row->addWidget(again);
        QWidget::setTabOrder(previous, again);
        previous = again;
        m_rows->addLayout(row);
    }
    if (m_timeouts.size() > kRowsShown)
        m_rows->addWidget(
            new QLabel(tr("… and %1 more (see the Tasks table)").arg(m_timeouts.size() - kRowsShown), this));
}

} // namespace dockpulse::ui
