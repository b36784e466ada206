#include "LogSearchBar.h"

#include "MonitorSettings.h"
#include "StatusColors.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

namespace {

QToolButton* toolButton(QWidget* parent, const QString& text, const QString& toolTip, bool checkable)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(toolTip);
    b->setCheckable(checkable);
    b->setAutoRaise(true);
    return b;
}

} // namespace

LogSearchBar::LogSearchBar(QWidget* parent) : QWidget(parent)
{
    m_edit = new QLineEdit(this);
    m_edit->setPlaceholderText(tr("Find in log"));
    m_edit->setToolTip(tr("Text to find in the messages (Ctrl+F). Enter: next match, Shift+Enter: previous, "
                          "Escape: clear"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    m_edit->setObjectName(u"logSearch"_s);

    m_case = toolButton(this, u"Aa"_s, tr("Match case"), true);
    m_regex = toolButton(this, u".*"_s, tr("Regular expression (Perl-compatible)"), true);
    m_previous = toolButton(this, {}, tr("Previous match (Shift+Enter, Shift+F3)"), false);
    m_previous->setIcon(style()->standardIcon(QStyle::SP_ArrowUp));
    m_next = toolButton(this, {}, tr("Next match (Enter, F3)"), false);
    m_next->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    m_case->setObjectName(u"logMatchCase"_s);
    m_regex->setObjectName(u"logRegex"_s);
    m_previous->setObjectName(u"logPrevious"_s);
    m_next->setObjectName(u"logNext"_s);

    // Plain text: the labels never interpret what they show.
    m_status = new QLabel(this);
    m_status->setObjectName(u"searchCount"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setToolTip(tr("The current match and how many lines match"));
    // Exactly as wide as the widest text it can show (a view holds at most the largest retention,
    // every line a match): the buttons beside it stay where they are, and no count is cut.
    const QString most = QLocale().toString(monitor::kMaxLogRetentionLines);
    int widest = 0;
    for (const QString& text : {tr("%1 of %2").arg(most, most + u"…"_s), tr("%1 matches").arg(most + u"…"_s),
                                tr("No matches"), tr("Searching… %1%").arg(100)})
        widest = std::max(widest, m_status->fontMetrics().horizontalAdvance(text));
    m_status->setFixedWidth(widest + m_status->contentsMargins().left() +
                            m_status->contentsMargins().right() + 2 * m_status->margin());
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_error = new QLabel(this);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setToolTip(tr("Why the regular expression cannot be used"));
    updateErrorColor();
    m_error->hide();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_case);
    layout->addWidget(m_regex);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_status);
    layout->addWidget(m_error, 1);

    connect(m_edit, &QLineEdit::textChanged, this, &LogSearchBar::queryChanged);
    connect(m_case, &QToolButton::toggled, this, &LogSearchBar::queryChanged);
    connect(m_regex, &QToolButton::toggled, this, &LogSearchBar::queryChanged);
    connect(m_previous, &QToolButton::clicked, this, &LogSearchBar::previousRequested);
    connect(m_next, &QToolButton::clicked, this, &LogSearchBar::nextRequested);
}

void LogSearchBar::updateErrorColor()
{
    QPalette errorPalette = palette();
    errorPalette.setColor(QPalette::WindowText,
                          StatusColors::foreground(StatusColors::Health::Danger, palette()));
    m_error->setPalette(errorPalette);
}

void LogSearchBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        updateErrorColor(); // light/dark switch while running
    QWidget::changeEvent(event);
}

QString LogSearchBar::pattern() const
{
    return m_edit->text();
}

bool LogSearchBar::isRegex() const
{
    return m_regex->isChecked();
}

bool LogSearchBar::isCaseSensitive() const
{
    return m_case->isChecked();
}

void LogSearchBar::setQuery(const QString& pattern, bool regex, bool caseSensitive)
{
    {
        const QSignalBlocker b1(m_edit), b2(m_case), b3(m_regex);
        m_edit->setText(pattern);
        m_regex->setChecked(regex);
        m_case->setChecked(caseSensitive);
    }
    Q_EMIT queryChanged();
}

void LogSearchBar::focusSearch()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void LogSearchBar::setStatus(qsizetype current, qsizetype count, bool scanning, bool active,
                             const QString& error)
{
    const QLocale locale;
    QString status;
    if (active) {
        const QString total = locale.toString(count) + (scanning ? u"…"_s : QString());
        if (count == 0 && !scanning)
            status = tr("No matches");
        else if (current >= 0)
            status = tr("%1 of %2").arg(locale.toString(current + 1), total);
        else
            status = tr("%1 matches").arg(total);
    }
    m_status->setText(status);
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_previous->setEnabled(count > 0);
    m_next->setEnabled(count > 0);
}

void LogSearchBar::showSearching(int percent)
{
    m_status->setText(tr("Searching… %1%").arg(percent));
}

QString LogSearchBar::statusText() const
{
    return m_status->text();
}

QString LogSearchBar::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

bool LogSearchBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                Q_EMIT previousRequested();
            else
                Q_EMIT nextRequested();
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_edit->text().isEmpty()) {
            m_edit->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace dockpulse::ui
