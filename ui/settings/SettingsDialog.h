#pragma once

#include "SettingsStore.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGridLayout;
class QLabel;
class QSpinBox;

namespace dockpulse::ui {

class EngineListEditor;

// Edits DashboardSettings. Every change is checked at once with validateSettings(), the check
// the command line uses; each problem is shown under the field its message names, that field
// is tinted, and OK stays disabled until nothing is wrong. Enter is OK (when enabled), Esc
// cancels. "Restore Defaults" puts back the default numbers and keeps the engine list.
//
// Widgets have objectNames for tests: each field is named after it ("readDeadline",
// "contextTimeout", "heartbeatEvery", "strategy", "taskTimeout", "cleanupEvery", "sampleEvery",
// "releaseAfter", "threads", "logRetention", "logBudget", "historyBudget", "maxLine", "tail", "csvRaw",
// "engines"), its message label is the name plus "Error"; "generalError" holds any message that names no
// field.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const DashboardSettings& current, const QStringList& dockerContexts,
                   QWidget* parent = nullptr);

    // What the user entered (valid when accepted).
    DashboardSettings settings() const;
    // Current validation problems (empty = valid): engine URLs first, then validateSettings().
    QStringList errors() const;

    // Names the command-line options that override these settings for this run ("--host").
    void setRunOverrides(const QStringList& options);

    // Puts values into the fields (the constructor's current, or later ones).
    void setSettings(const DashboardSettings& values);

public Q_SLOTS:
    // Refuses to close while errors() is not empty, whatever triggered it.
    void accept() override;
    // MonitorSettings{} into every field but the engine list.
    void restoreDefaults();

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    struct Field
    {
        QString name; // objectName of the editor, as fieldForMessage() returns it
        QWidget* editor = nullptr;
        QLabel* error = nullptr;
    };

    // Every field but the engine list, then one check.
    void setMonitorFields(const monitor::MonitorSettings& values);
    // A spin box for a setting: its object name, range, step, unit and tooltip.
    QSpinBox* amountBox(const QString& name, qint64 min, qint64 max, int step, const QString& suffix);
    QSpinBox* durationBox(const QString& name, int step);
    // Adds label | editor | default hint on one row, then optional rows spanning editor and hint:
    // `below` (an explanation) and the field's message label.
    void addField(QGridLayout* grid, const QString& label, QWidget* editor, const QString& defaultHint,
                  QWidget* below = nullptr);
    void revalidate();
    void updateStrategyExplanation();
    void fitHeight();

    EngineListEditor* m_engines = nullptr;
    QSpinBox* m_readDeadline = nullptr;
    QSpinBox* m_contextTimeout = nullptr;
    QSpinBox* m_heartbeatEvery = nullptr;
    QComboBox* m_strategy = nullptr;
    QLabel* m_strategyExplanation = nullptr;
    QSpinBox* m_taskTimeout = nullptr;
    QSpinBox* m_cleanupEvery = nullptr;
    QSpinBox* m_releaseAfter = nullptr;
    QSpinBox* m_sampleEvery = nullptr;
    QSpinBox* m_threads = nullptr;
    QSpinBox* m_logRetention = nullptr;
    QSpinBox* m_logBudget = nullptr;
    QSpinBox* m_historyBudget = nullptr;
    QSpinBox* m_maxLine = nullptr;
    QSpinBox* m_tail = nullptr;
    QCheckBox* m_csvRaw = nullptr;
    QLabel* m_generalError = nullptr;
    QLabel* m_intro = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QList<Field> m_fields;
    int m_fittedHeight = -1; // the height fitHeight() last left; another one means the user resized
    bool m_loading = false;  // setSettings() changes many fields; check once at the end
};

} // namespace dockpulse::ui
