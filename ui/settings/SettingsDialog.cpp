#include "SettingsDialog.h"

#include "EngineListEditor.h"
#include "InvalidMarks.h"
#include "MonitorSettings.h"
#include "SettingsTexts.h"
#include "StatusColors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace dockpulse::ui {

using monitor::HeartbeatStrategy;
using monitor::MonitorSettings;
using settings_text::fieldToolTip;
using settings_text::plainToolTip;

namespace {

// Qt timers take int milliseconds, so the duration limit is exactly a QSpinBox's range.
static_assert(monitor::kMaxDurationMs == INT_MAX);

int toSpin(qint64 value, const QSpinBox* box)
{
    return int(std::clamp<qint64>(value, box->minimum(), box->maximum()));
}

QLabel* hintLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QGroupBox* group(const QString& title, QGridLayout** grid, QWidget* parent)
{
    auto* box = new QGroupBox(title, parent);
    *grid = new QGridLayout(box);
    // Editors keep their natural width, so they line up from one group to the next.
    (*grid)->setColumnStretch(2, 1);
    return box;
}

} // namespace

SettingsDialog::SettingsDialog(const DashboardSettings& current, const QStringList& dockerContexts,
                               QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("dockpulse settings"));
    const MonitorSettings d;
    const QLocale locale;
    const auto ms = [&locale](qint64 v) {
        return tr("default %1 ms").arg(locale.toString(v));
    };

    // Engines.
    auto* enginesBox = new QGroupBox(tr("Engines"), this);
    m_engines = new EngineListEditor(dockerContexts, enginesBox);
    m_engines->setObjectName(u"engines"_s);
    (new QVBoxLayout(enginesBox))->addWidget(m_engines);

    // Log streams: the read deadline and its safety net.
    QGridLayout* streams = nullptr;
    QGroupBox* streamsBox = group(tr("Log streams"), &streams, this);
    m_readDeadline = durationBox(u"readDeadline"_s, 1000);
    m_contextTimeout = durationBox(u"contextTimeout"_s, 1000);
    addField(streams, tr("&Read deadline:"), m_readDeadline, ms(d.readDeadlineMs));
    addField(streams, tr("Co&ntext timeout:"), m_contextTimeout, ms(d.contextTimeoutMs));

    // Heartbeats and the task manager.
    QGridLayout* beats = nullptr;
    QGroupBox* beatsBox = group(tr("Heartbeats and tasks"), &beats, this);
    m_strategy = new QComboBox;
    m_strategy->setObjectName(u"strategy"_s);
    for (HeartbeatStrategy s : {HeartbeatStrategy::Hybrid, HeartbeatStrategy::Ticker,
                                HeartbeatStrategy::Rotation, HeartbeatStrategy::None}) {
        m_strategy->addItem(settings_text::strategyLabel(s), int(s));
        m_strategy->setItemData(m_strategy->count() - 1, plainToolTip(settings_text::strategyExplanation(s)),
                                Qt::ToolTipRole);
    }
    m_strategy->setToolTip(fieldToolTip(u"strategy"_s));
    m_strategyExplanation = new QLabel;
    m_strategyExplanation->setObjectName(u"strategyExplanation"_s);
    m_strategyExplanation->setTextFormat(Qt::PlainText);
    m_strategyExplanation->setWordWrap(true);
    m_heartbeatEvery = durationBox(u"heartbeatEvery"_s, 1000);
    m_taskTimeout = durationBox(u"taskTimeout"_s, 10000);
    m_cleanupEvery = durationBox(u"cleanupEvery"_s, 1000);
    m_releaseAfter = durationBox(u"releaseAfter"_s, 60000);
    addField(beats, tr("&Strategy:"), m_strategy, tr("default hybrid"), m_strategyExplanation);
    addField(beats, tr("&Heartbeat every:"), m_heartbeatEvery, ms(d.heartbeatEveryMs));
    addField(beats, tr("&Task timeout:"), m_taskTimeout, ms(d.taskTimeoutMs));
    addField(beats, tr("C&leanup every:"), m_cleanupEvery, ms(d.cleanupEveryMs));
    addField(beats, tr("Forget &finished after:"), m_releaseAfter, ms(d.releaseAfterMs));

    // Sampling and worker threads.
    QGridLayout* work = nullptr;
    QGroupBox* workBox = group(tr("Sampling and workers"), &work, this);
    m_sampleEvery = durationBox(u"sampleEvery"_s, 100);
    m_threads = new QSpinBox;
    m_threads->setObjectName(u"threads"_s);
    m_threads->setRange(0, monitor::kMaxThreads);
    m_threads->setSpecialValueText(tr("auto (%1)").arg(d.effectiveThreads()));
    m_threads->setToolTip(fieldToolTip(u"threads"_s));
    addField(work, tr("Sa&mple every:"), m_sampleEvery, ms(d.sampleEveryMs));
    addField(work, tr("&Worker threads:"), m_threads, tr("default auto"));

    // What the log view keeps, what a task reads first, how CSV treats container text.
    QGridLayout* logs = nullptr;
    QGroupBox* logsBox = group(tr("Logs and export"), &logs, this);
    m_logRetention = amountBox(u"logRetention"_s, monitor::kMinLogRetentionLines,
                               monitor::kMaxLogRetentionLines, 10000, tr(" lines"));
    m_logBudget =
        amountBox(u"logBudget"_s, monitor::kMinLogBudgetMiB, monitor::kMaxLogBudgetMiB, 64, tr(" MiB"));
    m_historyBudget = amountBox(u"historyBudget"_s, monitor::kMinHistoryBudgetMiB,
                                monitor::kMaxHistoryBudgetMiB, 16, tr(" MiB"));
    m_maxLine = amountBox(u"maxLine"_s, monitor::kMinMaxLineBytes, monitor::kMaxMaxLineBytes, 64 * 1024,
                          tr(" bytes"));
    m_tail = new QSpinBox;
    m_tail->setObjectName(u"tail"_s);
    m_tail->setRange(-1, INT_MAX);
    // In the dashboard "all" reads at most what the log view keeps (the retention).
    m_tail->setSpecialValueText(tr("all (up to the retention)"));
    m_tail->setSuffix(tr(" lines"));
    m_tail->setSingleStep(1000);
    m_tail->setGroupSeparatorShown(true);
    m_tail->setToolTip(fieldToolTip(u"tail"_s));
    m_csvRaw = new QCheckBox(tr("E&xport container text raw"));
    m_csvRaw->setObjectName(u"csvRaw"_s);
    m_csvRaw->setToolTip(fieldToolTip(u"csvRaw"_s));
    auto* guard = new QLabel(settings_text::csvGuardExplanation());
    guard->setTextFormat(Qt::PlainText);
    guard->setWordWrap(true);
    guard->setForegroundRole(QPalette::PlaceholderText);
    addField(logs, tr("Log r&etention:"), m_logRetention,
             tr("default %1 lines").arg(locale.toString(d.logRetentionLines)));
    addField(logs, tr("Log &memory:"), m_logBudget,
             tr("default %1 MiB").arg(locale.toString(d.logBudgetMiB)));
    addField(logs, tr("Histor&y memory:"), m_historyBudget,
             tr("default %1 MiB").arg(locale.toString(d.historyBudgetMiB)));
    addField(logs, tr("Longest li&ne:"), m_maxLine,
             tr("default %1 bytes").arg(locale.toString(d.maxLineBytes)));
    addField(logs, tr("Ta&il on start:"), m_tail, tr("default all"));
    addField(logs, tr("CSV export:"), m_csvRaw, tr("default off"), guard);

    m_generalError = new QLabel(this);
    m_generalError->setObjectName(u"generalError"_s);
    m_generalError->hide();

    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    QPushButton* ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setDefault(true);
    ok->setToolTip(plainToolTip(tr("Keep these settings. Disabled while a setting has a problem.")));
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setToolTip(plainToolTip(tr("Close without changing anything.")));
    QPushButton* restore = m_buttons->button(QDialogButtonBox::RestoreDefaults);
    restore->setAutoDefault(false); // Enter stays OK even when this button has the focus
    restore->setToolTip(
        plainToolTip(tr("Put back the default numbers and options. The engine list is kept.")));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(restore, &QPushButton::clicked, this, &SettingsDialog::restoreDefaults);

    auto* intro =
        hintLabel(tr("Options given on the command line override these settings for that run."), this);
    intro->setObjectName(u"intro"_s);
    intro->setWordWrap(true);
    m_intro = intro;

    auto* left = new QVBoxLayout;
    left->addWidget(streamsBox);
    left->addWidget(beatsBox);
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(workBox);
    right->addWidget(logsBox);
    right->addStretch(1);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(enginesBox);
    layout->addLayout(columns);
    layout->addWidget(m_generalError);
    layout->addWidget(m_buttons);

    for (QSpinBox* box : findChildren<QSpinBox*>())
        connect(box, &QSpinBox::valueChanged, this, &SettingsDialog::revalidate);
    connect(m_strategy, &QComboBox::currentIndexChanged, this, [this] {
        updateStrategyExplanation();
        revalidate();
    });
    connect(m_csvRaw, &QCheckBox::toggled, this, &SettingsDialog::revalidate);
    connect(m_engines, &EngineListEditor::changed, this, &SettingsDialog::revalidate);

    setSettings(current);
}

QSpinBox* SettingsDialog::amountBox(const QString& name, qint64 min, qint64 max, int step,
                                    const QString& suffix)
{
    auto* box = new QSpinBox;
    box->setObjectName(name);
    box->setRange(int(min), int(max));
    box->setSingleStep(step);
    box->setSuffix(suffix);
    box->setGroupSeparatorShown(true);
    box->setToolTip(fieldToolTip(name));
    return box;
}

QSpinBox* SettingsDialog::durationBox(const QString& name, int step)
{
    QSpinBox* box = amountBox(name, 1, monitor::kMaxDurationMs, step, tr(" ms"));
    box->setAccelerated(true);
    return box;
}

void SettingsDialog::addField(QGridLayout* grid, const QString& label, QWidget* editor,
                              const QString& defaultHint, QWidget* below)
{
    const int row = grid->rowCount();
    auto* name = new QLabel(label);
    name->setBuddy(editor);
    grid->addWidget(name, row, 0);
    grid->addWidget(editor, row, 1);
    grid->addWidget(hintLabel(defaultHint, nullptr), row, 2);
    int next = row + 1;
    if (below)
        grid->addWidget(below, next++, 1, 1, 2);

    auto* error = new QLabel;
    error->setObjectName(editor->objectName() + u"Error"_s);
    grid->addWidget(error, next, 1, 1, 2);
    error->hide();
    m_fields.append({editor->objectName(), editor, error});
}

void SettingsDialog::setSettings(const DashboardSettings& values)
{
    m_loading = true;
    m_engines->setHosts(values.hosts);
    setMonitorFields(values.monitor);
}

void SettingsDialog::setMonitorFields(const MonitorSettings& m)
{
    m_loading = true;
    m_readDeadline->setValue(toSpin(m.readDeadlineMs, m_readDeadline));
    m_contextTimeout->setValue(toSpin(m.contextTimeoutMs, m_contextTimeout));
    m_heartbeatEvery->setValue(toSpin(m.heartbeatEveryMs, m_heartbeatEvery));
    m_strategy->setCurrentIndex(std::max(0, m_strategy->findData(int(m.strategy))));
    m_taskTimeout->setValue(toSpin(m.taskTimeoutMs, m_taskTimeout));
    m_cleanupEvery->setValue(toSpin(m.cleanupEveryMs, m_cleanupEvery));
    m_releaseAfter->setValue(toSpin(m.releaseAfterMs, m_releaseAfter));
    m_sampleEvery->setValue(toSpin(m.sampleEveryMs, m_sampleEvery));
    m_threads->setValue(toSpin(m.threads, m_threads));
    m_logRetention->setValue(toSpin(m.logRetentionLines, m_logRetention));
    m_logBudget->setValue(toSpin(m.logBudgetMiB, m_logBudget));
    m_historyBudget->setValue(toSpin(m.historyBudgetMiB, m_historyBudget));
    m_maxLine->setValue(toSpin(m.maxLineBytes, m_maxLine));
    m_tail->setValue(toSpin(m.tail, m_tail));
    m_csvRaw->setChecked(m.csvRaw);
    m_loading = false;
    updateStrategyExplanation();
    revalidate();
}

void SettingsDialog::setRunOverrides(const QStringList& options)
{
    if (options.isEmpty())
        return;
    m_intro->setText(tr("These are the stored settings. This run also uses %1 from the command line: "
                        "they are not saved, and last until dockpulse quits.")
                         .arg(options.join(u", "_s)));
}

void SettingsDialog::restoreDefaults()
{
    setMonitorFields(MonitorSettings{});
}

DashboardSettings SettingsDialog::settings() const
{
    DashboardSettings out;
    out.hosts = m_engines->hosts();
    MonitorSettings& m = out.monitor;
    m.readDeadlineMs = m_readDeadline->value();
    m.contextTimeoutMs = m_contextTimeout->value();
    m.heartbeatEveryMs = m_heartbeatEvery->value();
    m.strategy = static_cast<HeartbeatStrategy>(m_strategy->currentData().toInt());
    m.taskTimeoutMs = m_taskTimeout->value();
    m.cleanupEveryMs = m_cleanupEvery->value();
    m.releaseAfterMs = m_releaseAfter->value();
    m.sampleEveryMs = m_sampleEvery->value();
    m.threads = m_threads->value();
    m.logRetentionLines = m_logRetention->value();
    m.logBudgetMiB = m_logBudget->value();
    m.historyBudgetMiB = m_historyBudget->value();
    m.maxLineBytes = m_maxLine->value();
    m.tail = m_tail->value();
    m.csvRaw = m_csvRaw->isChecked();
    return out;
}

QStringList SettingsDialog::errors() const
{
    return m_engines->errors() + monitor::validateSettings(settings().monitor);
}

void SettingsDialog::accept()
{
    if (!errors().isEmpty())
        return;
    QDialog::accept();
}

void SettingsDialog::revalidate()
{
    if (m_loading)
        return;
    QHash<QString, QStringList> byField;
    QStringList general;
    for (const QString& message : monitor::validateSettings(settings().monitor)) {
        if (const QString field = settings_text::fieldForMessage(message); !field.isEmpty())
            byField[field] << message;
        else
            general << message;
    }
    for (const Field& f : std::as_const(m_fields)) {
        const QStringList messages = byField.value(f.name);
        styleErrorLabel(f.error);
        f.error->setText(messages.join(u'\n'));
        f.error->setVisible(!messages.isEmpty());
        markInvalid(f.editor, !messages.isEmpty());
    }
    styleErrorLabel(m_generalError);
    m_generalError->setText(general.join(u'\n'));
    m_generalError->setVisible(!general.isEmpty());

    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(errors().isEmpty());
    fitHeight();
}

void SettingsDialog::fitHeight()
{
    if (!isVisible())
        return;
    // A top-level window's minimum size ignores height-for-width, so wrapped messages would be
    // clipped: grow to what the layout needs at this width, and shrink back when they go,
    // unless the user has resized the dialog since.
    layout()->activate();
    const int need = std::max(layout()->totalHeightForWidth(width()), minimumHeight());
    if (need > height() || (height() == m_fittedHeight && need < height()))
        resize(width(), need);
    m_fittedHeight = height();
}

void SettingsDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    fitHeight();
}

void SettingsDialog::updateStrategyExplanation()
{
    const auto s = static_cast<HeartbeatStrategy>(m_strategy->currentData().toInt());
    m_strategyExplanation->setText(settings_text::strategyExplanation(s));
    // "none" is offered to show the broken timeline, not to be picked by accident.
    QPalette p;
    if (s == HeartbeatStrategy::None)
        p.setColor(QPalette::WindowText, StatusColors::foreground(StatusColors::Health::Warning, palette()));
    else
        p.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    m_strategyExplanation->setPalette(p);
}

void SettingsDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    // Tints and message colours derive from the palette: follow a light/dark switch.
    if (event->type() == QEvent::PaletteChange && !m_loading) {
        updateStrategyExplanation();
        revalidate();
    }
}

} // namespace dockpulse::ui
