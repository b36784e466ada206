#include "EventsPanel.h"

#include "EmptyState.h"
#include "EventsFilter.h"
#include "EventsModel.h"
#include "TableLook.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

EventsPanel::EventsPanel(QWidget* parent)
    : QWidget(parent), m_model(new EventsModel(EventsModel::kDefaultCapacity, this)),
      m_filter(new EventsFilter(this))
{
    setObjectName(u"eventsPanel"_s);
    m_filter->setSourceModel(m_model);

    m_containerText = new QLineEdit(this);
    m_containerText->setObjectName(u"eventsContainerFilter"_s);
    m_containerText->setPlaceholderText(tr("Filter by container"));
    m_containerText->setClearButtonEnabled(true);
    m_containerText->setToolTip(tr("Shows only events of containers whose name contains this text"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(u"eventsKind"_s);
    m_kind->setToolTip(tr("Shows all events, only those that need attention, or one kind"));
    m_kind->addItem(tr("All events"), EventsFilter::kAllKinds);
    m_kind->addItem(tr("Problems: timeouts, safety nets, stalls, errors"), EventsFilter::kProblems);
    m_kind->insertSeparator(m_kind->count());

    // Arrival order (newest at the bottom), rows a little tighter than the other tables'.
    m_view = TableLook::makeTable(m_filter, u"eventsView"_s, this,
                                  {.sorting = false, .rowPadding = 6, .minRowsInView = 0});
    m_view->setColumnWidth(EventsModel::Time, m_view->fontMetrics().horizontalAdvance(u"00 m 00 s ago__"_s));
    // Compose-style names in full; longer ones keep both ends ("…-web-1" and "…-worker-1" differ).
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setColumnWidth(EventsModel::Container, m_view->fontMetrics().averageCharWidth() * 32 + 16);
    m_view->setColumnWidth(EventsModel::Event,
                           m_view->fontMetrics().horizontalAdvance(u"heartbeat_timeout___"_s));
    m_view->setToolTip(tr("What each task's monitor did and when; the tasks selected above, or all"));
    m_empty = new EmptyState(m_view, [this] { return emptyReason(); });

    connect(m_containerText, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setContainerText(text);
        m_empty->refresh();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setKind(m_kind->currentData().toString());
        m_empty->refresh();
    });

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_containerText, 1);
    bar->addWidget(m_kind);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
}

void EventsPanel::addKind(const QString& event)
{
    if (m_kind->findData(event) < 0)
        m_kind->addItem(event, event);
}

void EventsPanel::addEvent(const monitor::TaskEventRecord& record)
{
    QScrollBar* bar = m_view->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    addKind(record.event);
    m_model->append(record);
    if (atBottom)
        m_view->scrollToBottom();
}

void EventsPanel::setTasks(const QStringList& tasks)
{
    m_filter->setTasks(QSet<QString>(tasks.begin(), tasks.end()));
    m_empty->refresh();
}

void EventsPanel::setNow(qint64 wallMs)
{
    m_model->setNow(wallMs);
}

QString EventsPanel::emptyReason() const
{
    if (m_model->rowCount() == 0)
        return tr("No events yet: monitor a container (tick it in the Containers table)");
    return tr("No events match: the selected tasks, the container filter or the kind hide them all");
}

} // namespace dockpulse::ui
