#include "EngineStatus.h"

#include "StatusColors.h"

#include <QHBoxLayout>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

EngineProblemPanel::EngineProblemPanel(QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_details(new QLabel(this)),
      m_retry(new QPushButton(tr("Retry now"), this))
{
    setObjectName(u"engineProblemPanel"_s);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, StatusColors::background(StatusColors::Health::Danger, palette()));
    setPalette(p);

    // Our own words only, but the daemon's message may quote anything: plain text always.
    m_title->setTextFormat(Qt::PlainText);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_retry->setToolTip(tr("Try to reach the engine now instead of waiting for the next automatic retry"));
    connect(m_retry, &QPushButton::clicked, this, &EngineProblemPanel::retryRequested);

    auto* icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(32, 32));
    auto* text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_details);
    auto* row = new QHBoxLayout(this);
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addLayout(text, 1);
    row->addWidget(m_retry, 0, Qt::AlignTop);
    hide();
}

void EngineProblemPanel::setProblems(const QList<QPair<QString, docker::EngineError>>& problems)
{
    if (problems.isEmpty()) {
        hide();
        return;
    }
    m_title->setText(problems.size() == 1
                         ? tr("Cannot reach the Docker engine at %1").arg(problems.first().first)
                         : tr("Cannot reach %n Docker engines", nullptr, int(problems.size())));
    QStringList lines;
    for (const auto& [host, error] : problems) {
        QString line = problems.size() == 1 ? QString() : host + u": "_s;
        line += error.message.isEmpty() ? tr("no answer yet") : error.message;
        if (!error.remedy.isEmpty())
            line += u"\n"_s + error.remedy;
        lines << line;
    }
    lines << tr("dockpulse keeps retrying on its own; monitoring resumes where it stopped.");
    m_details->setText(lines.join(u"\n"_s));
    show();
}

EngineIndicator::EngineIndicator(QWidget* parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setToolTip(tr("The Docker engines dockpulse talks to: endpoint, API version and connection state. "
                  "\"unencrypted\": plain tcp://, readable and usable by anyone on the network path; "
                  "prefer TLS or ssh://."));
}

void EngineIndicator::setEngines(const QList<std::tuple<QString, QString, Health>>& engines)
{
    QStringList parts;
    bool allConnected = true;
    for (const auto& [host, api, health] : engines) {
        QString state;
        switch (health) {
        case Health::Connected:
            state = tr("connected");
            break;
        case Health::Connecting:
            state = tr("connecting…");
            allConnected = false;
            break;
        case Health::Reconnecting:
            state = tr("reconnecting…");
            allConnected = false;
            break;
        }
        parts << (api.isEmpty() ? u"%1 · %2"_s.arg(host, state)
                                : u"%1 · API %2 · %3"_s.arg(host, api, state));
    }
    setText(u"● "_s + parts.join(u"   ● "_s));
    QPalette p = palette();
    p.setColor(QPalette::WindowText,
               StatusColors::foreground(
                   allConnected ? StatusColors::Health::Healthy : StatusColors::Health::Warning, p));
    setPalette(p);
}

} // namespace dockpulse::ui
