#include "EngineListEditor.h"

#include "Endpoint.h"
#include "EndpointResolver.h"
#include "InvalidMarks.h"
#include "SettingsTexts.h"
#include "StatusColors.h"

#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

using settings_text::plainToolTip;

namespace {

constexpr int kVisibleRows = 4;

QString itemToolTip()
{
    return plainToolTip(u"An engine to monitor. Double-click to edit; Delete removes it."_s);
}

} // namespace

EngineListEditor::EngineListEditor(const QStringList& dockerContexts, QWidget* parent) : QWidget(parent)
{
    m_lookup = [](const QString& name) {
        const docker::EndpointResolver resolver(QProcessEnvironment::systemEnvironment(), QDir::homePath());
        return resolver.contextEndpoint(name);
    };

    m_list = new QListWidget(this);
    m_list->setObjectName(u"engineList"_s);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setToolTip(settings_text::fieldToolTip(u"engines"_s));
    m_list->installEventFilter(this);
    // A handful of rows: most users watch one or two engines, and the dialog must stay compact.
    const int rowHeight = m_list->fontMetrics().height() + 4;
    m_list->setFixedHeight(rowHeight * kVisibleRows + 2 * m_list->frameWidth() + 4);

    m_remove = new QPushButton(tr("Remo&ve"), this);
    m_remove->setObjectName(u"removeEngine"_s);
    m_remove->setAutoDefault(false);
    m_remove->setToolTip(plainToolTip(tr("Remove the selected engines from the list.")));

    m_edit = new QLineEdit(this);
    m_edit->setObjectName(u"engineUrl"_s);
    m_edit->setPlaceholderText(tr("unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(plainToolTip(tr("An engine URL to add: unix:///path, tcp://host:port, "
                                       "ssh://[user@]host[:port], http:// or https://. Enter adds it.")));
    m_edit->installEventFilter(this);

    m_add = new QPushButton(tr("&Add"), this);
    m_add->setObjectName(u"addEngine"_s);
    m_add->setAutoDefault(false);
    m_add->setToolTip(plainToolTip(tr("Add the engine URL typed on the left.")));

    // A push button with a menu: Fusion leaves room for its arrow, which a QToolButton's
    // instant popup draws over the text.
    m_contexts = new QPushButton(tr("Add &docker context"), this);
    m_contexts->setObjectName(u"addContext"_s);
    m_contexts->setAutoDefault(false);
    auto* menu = new QMenu(m_contexts);
    for (const QString& name : dockerContexts) {
        QString text = name;
        text.replace(u'&', u"&&"_s); // a context named "a&b" is not a mnemonic
        QAction* action = menu->addAction(text);
        action->setData(name);
        connect(action, &QAction::triggered, this, [this, name] { addContext(name); });
    }
    m_contexts->setMenu(menu);
    m_contexts->setEnabled(!dockerContexts.isEmpty());
    m_contexts->setToolTip(plainToolTip(
        dockerContexts.isEmpty()
            ? tr("No docker contexts were found (docker context ls).")
            : tr("Add the engine of a docker context (docker context ls): its endpoint URL is added to the "
                 "list.")));

    m_message = new QLabel(this);
    m_message->setObjectName(u"enginesError"_s);
    m_message->hide();

    auto* hint = new QLabel(tr("Empty list: DOCKER_HOST, then the current docker context, then "
                               "unix:///var/run/docker.sock, as the docker CLI decides."),
                            this);
    hint->setTextFormat(Qt::PlainText);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto* listRow = new QHBoxLayout;
    listRow->addWidget(m_list, 1);
    auto* side = new QVBoxLayout;
    side->addWidget(m_remove);
    side->addStretch(1);
    listRow->addLayout(side);

    auto* addRow = new QHBoxLayout;
    addRow->addWidget(m_edit, 1);
    addRow->addWidget(m_add);
    addRow->addWidget(m_contexts);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(listRow);
    layout->addLayout(addRow);
    layout->addWidget(m_message);
    layout->addWidget(hint);

    connect(m_add, &QPushButton::clicked, this, &EngineListEditor::addTyped);
    connect(m_remove, &QPushButton::clicked, this, &EngineListEditor::removeSelected);
    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        m_contextProblem.clear();
        revalidate();
    });
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        if (!m_updating) {
            m_contextProblem.clear();
            revalidate();
        }
    });
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    revalidate();
    m_remove->setEnabled(false);
}

void EngineListEditor::setHosts(const QStringList& hosts)
{
    m_updating = true;
    m_list->clear();
    for (const QString& url : hosts) {
        auto* item = new QListWidgetItem(url, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    m_updating = false;
    m_contextProblem.clear();
    revalidate();
}

QStringList EngineListEditor::hosts() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text().trimmed();
    const QString typed = m_edit->text().trimmed();
    if (!typed.isEmpty() && problemWith(typed, -1).isEmpty())
        out << typed;
    return out;
}

QStringList EngineListEditor::errors() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i) {
        if (const QString p = problemWith(m_list->item(i)->text(), i); !p.isEmpty())
            out << tr("Engine %1: %2").arg(QString::number(i + 1), p);
    }
    const QString typed = m_edit->text().trimmed();
    if (!typed.isEmpty()) {
        if (const QString p = problemWith(typed, -1); !p.isEmpty())
            out << tr("New engine: %1").arg(p);
    }
    return out;
}

void EngineListEditor::setContextLookup(ContextLookup lookup)
{
    m_lookup = std::move(lookup);
}

QString EngineListEditor::problemWith(const QString& url, int index) const
{
    const auto parsed = docker::parseEndpoint(url);
    if (!parsed)
        return parsed.error();
    // The same engine twice would be monitored twice; compare what the URLs mean, not how they
    // are spelled ("host:2375" is "tcp://host:2375").
    const int before = index < 0 ? m_list->count() : index;
    for (int j = 0; j < before; ++j) {
        const auto other = docker::parseEndpoint(m_list->item(j)->text());
        if (other && *other == *parsed)
            return tr("\"%1\" is already in the list as engine %2.")
                .arg(url.trimmed(), QString::number(j + 1));
    }
    return {};
}

void EngineListEditor::addTyped()
{
    const QString typed = m_edit->text().trimmed();
    if (typed.isEmpty() || !problemWith(typed, -1).isEmpty())
        return; // the message under the list already says why
    m_updating = true;
    auto* item = new QListWidgetItem(typed, m_list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_updating = false;
    m_edit->clear(); // revalidates
}

void EngineListEditor::addContext(const QString& name)
{
    const auto endpoint = m_lookup(name);
    if (!endpoint) {
        m_contextProblem = tr("Docker context \"%1\": %2").arg(name, endpoint.error());
        revalidate();
        return;
    }
    const QString url = endpoint->url();
    m_contextProblem.clear();
    if (const QString p = problemWith(url, -1); !p.isEmpty()) {
        m_contextProblem = tr("Docker context \"%1\": %2").arg(name, p);
    } else {
        m_updating = true;
        auto* item = new QListWidgetItem(url, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        m_updating = false;
        // A URL cannot carry the context's TLS settings and files; a tcp:// URL takes its TLS
        // from the environment instead, as -H does for the docker CLI. Say so rather than
        // let the first connection fail without a hint.
        if (endpoint->tls.enabled)
            m_contextProblem =
                tr("Note: docker context \"%1\" uses TLS with its own settings; as %2 the engine "
                   "takes TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH instead.")
                    .arg(name, url);
    }
    revalidate();
}

void EngineListEditor::removeSelected()
{
    const QList<QListWidgetItem*> selected = m_list->selectedItems();
    if (selected.isEmpty())
        return;
    m_updating = true;
    for (QListWidgetItem* item : selected)
        delete item;
    m_updating = false;
    m_contextProblem.clear();
    revalidate();
}

void EngineListEditor::revalidate()
{
    m_updating = true; // colouring an item emits itemChanged
    const QPalette palette = window()->palette();
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem* item = m_list->item(i);
        const QString p = problemWith(item->text(), i);
        if (p.isEmpty()) {
            item->setData(Qt::ForegroundRole, QVariant());
            item->setData(Qt::BackgroundRole, QVariant());
            item->setToolTip(itemToolTip());
        } else {
            item->setForeground(StatusColors::foreground(StatusColors::Health::Danger, palette));
            item->setBackground(StatusColors::background(StatusColors::Health::Danger, palette));
            item->setToolTip(plainToolTip(p));
        }
    }
    m_updating = false;

    const QString typed = m_edit->text().trimmed();
    const bool typedOk = !typed.isEmpty() && problemWith(typed, -1).isEmpty();
    markInvalid(m_edit, !typed.isEmpty() && !typedOk);
    m_add->setEnabled(typedOk);

    QStringList lines = errors();
    if (!m_contextProblem.isEmpty())
        lines << m_contextProblem;
    styleErrorLabel(m_message);
    m_message->setText(lines.join(u'\n'));
    m_message->setVisible(!lines.isEmpty());
    Q_EMIT changed();
}

bool EngineListEditor::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        // Enter in the URL field adds the URL rather than closing the dialog; with the field
        // empty it falls through to the dialog's default button.
        if (watched == m_edit && enter && !m_edit->text().trimmed().isEmpty()) {
            addTyped();
            return true;
        }
        if (watched == m_list && key->key() == Qt::Key_Delete) {
            removeSelected();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void EngineListEditor::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_updating)
        revalidate();
}

} // namespace dockpulse::ui
