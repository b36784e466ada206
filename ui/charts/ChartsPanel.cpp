#include "ChartsPanel.h"

#include "ChartHistory.h"
#include "HeartbeatAgeChart.h"
#include "HeartbeatTimelineChart.h"
#include "ReadersThreadsChart.h"

#include <QComboBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <array>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

namespace {

constexpr std::array<int, 4> kWindows = {1, 5, 15, 60};

} // namespace

ChartsPanel::ChartsPanel(QWidget* parent)
    : QWidget(parent), m_history(std::make_unique<ChartHistory>()), m_readers(new ReadersThreadsChart),
      m_ages(new HeartbeatAgeChart), m_timeline(new HeartbeatTimelineChart), m_window(new QComboBox),
      m_resetZoom(new QPushButton(u"Reset zoom"_s)), m_timer(new QTimer(this))
{
    m_window->setObjectName(u"chartWindow"_s);
    m_resetZoom->setObjectName(u"resetZoom"_s);
    m_readers->setObjectName(u"readersThreadsChart"_s);
    m_ages->setObjectName(u"heartbeatAgeChart"_s);
    m_timeline->setObjectName(u"heartbeatTimeline"_s);
    for (int minutes : kWindows)
        m_window->addItem(u"last %1 min"_s.arg(minutes), minutes);
    m_window->setItemData(0, u"Show the last minute: single heartbeats and rotations"_s, Qt::ToolTipRole);
    m_window->setItemData(1, u"Show the last 5 minutes: a whole task timeout at the default 300 s"_s,
                          Qt::ToolTipRole);
    m_window->setItemData(2, u"Show the last 15 minutes"_s, Qt::ToolTipRole);
    m_window->setItemData(3, u"Show the last hour (as far as the charts keep data)"_s, Qt::ToolTipRole);
    m_window->setCurrentIndex(1);
    m_window->setToolTip(u"How much time the three charts show, ending at the newest sample"_s);
    auto* windowLabel = new QLabel(u"&Time window:"_s);
    windowLabel->setTextFormat(Qt::PlainText);
    windowLabel->setBuddy(m_window);

    m_resetZoom->setToolTip(u"Return the heartbeat timeline to the live window (Escape or a double click "
                            u"on the timeline does the same)"_s);
    m_resetZoom->setEnabled(false);

    auto* bar = new QHBoxLayout;
    bar->addWidget(windowLabel);
    bar->addWidget(m_window);
    bar->addStretch(1);
    bar->addWidget(m_resetZoom);

    // Counts and ages side by side share the top; the timeline gets the full width, as its rows
    // and single beats need it most.
    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(m_readers);
    top->addWidget(m_ages);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 3);
    // The timeline's keys and gestures on a line of their own under it: as its tooltip they
    // covered the rows they explain.
    auto* timelinePane = new QWidget;
    auto* timelineLayout = new QVBoxLayout(timelinePane);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->setSpacing(0);
    auto* hint = new QLabel(HeartbeatTimelineChart::helpText());
    hint->setObjectName(u"timelineHelp"_s);
    hint->setTextFormat(Qt::PlainText);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    timelineLayout->addWidget(m_timeline, 1);
    timelineLayout->addWidget(hint);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(timelinePane);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    // Small enough for a 633 px window to show both rows of charts, large enough for a plot.
    for (QWidget* w : std::initializer_list<QWidget*>{m_readers, m_ages, m_timeline})
        w->setMinimumSize(240, 150);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this](int index) { setWindowMinutes(m_window->itemData(index).toInt()); });
    connect(m_resetZoom, &QPushButton::clicked, m_timeline, &HeartbeatTimelineChart::resetZoom);
    connect(m_timeline, &HeartbeatTimelineChart::followingChanged, this, [this](bool following) {
        m_resetZoom->setEnabled(!following);
        if (following)
            refresh(); // back to the window at once, not at the next tick
    });
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_dirty)
            refresh();
    });
    m_timer->start(kRefreshMs);
}

ChartsPanel::~ChartsPanel() = default;

void ChartsPanel::setThresholds(qint64 heartbeatEveryMs, qint64 taskTimeoutMs)
{
    m_ages->setThresholds(heartbeatEveryMs, taskTimeoutMs);
    markDirty();
}

void ChartsPanel::addSample(const monitor::MetricSample& sample)
{
    m_history->addSample(sample);
    markDirty();
}

void ChartsPanel::addHeartbeat(const monitor::HeartbeatRecord& heartbeat)
{
    m_history->addHeartbeat(heartbeat);
    markDirty();
}

void ChartsPanel::setWindowMinutes(int minutes)
{
    int best = 0;
    for (int i = 1; i < int(kWindows.size()); ++i) {
        if (std::abs(kWindows[std::size_t(i)] - minutes) < std::abs(kWindows[std::size_t(best)] - minutes))
            best = i;
    }
    if (m_window->currentIndex() != best)
        m_window->setCurrentIndex(best); // comes back here through currentIndexChanged
    markDirty();
}

int ChartsPanel::windowMinutes() const
{
    return m_window->currentData().toInt();
}

void ChartsPanel::refresh()
{
    QElapsedTimer cost;
    cost.start();
    m_dirty = false;
    const qint64 toMs =
        m_history->latestMs() > 0 ? m_history->latestMs() : QDateTime::currentMSecsSinceEpoch();
    const qint64 fromMs = toMs - qint64(windowMinutes()) * 60'000;
    m_readers->redraw(*m_history, fromMs, toMs);
    m_ages->redraw(*m_history, fromMs, toMs);
    m_timeline->redraw(*m_history, fromMs, toMs);
    // A slow redraw (tens of tasks over 60 minutes: thousands of markers, each a graphics item in
    // Qt Charts) stretches the tick, so that redrawing takes at most about a fifth of the UI thread.
    m_timer->setInterval(int(std::clamp<qint64>(cost.elapsed() * 5, kRefreshMs, kMaxRefreshMs)));
}

void ChartsPanel::markDirty()
{
    m_dirty = true;
}

QChartView* ChartsPanel::readersThreadsView() const
{
    return m_readers;
}

QChartView* ChartsPanel::heartbeatAgeView() const
{
    return m_ages;
}

QChartView* ChartsPanel::heartbeatTimelineView() const
{
    return m_timeline;
}

void ChartsPanel::setTaskLabels(const QHash<QString, QString>& labels)
{
    m_history->setLabels(labels);
}

} // namespace dockpulse::ui
