#pragma once

#include "TaskState.h"

#include <QString>

namespace dockpulse::ui::settings_text {

// The settings dialog's words in one place. Meanings are CONTRACT.md's, so the dialog, --help
// and the contract say the same thing.

// A tooltip that shows text as plain text whatever it holds, and wraps when long: Qt shows a
// tooltip as rich text when it merely looks like HTML, and never wraps a plain one.
QString plainToolTip(const QString& text);

// The tooltip of a settings field, by the field's objectName ("readDeadline", "tail", ...).
QString fieldToolTip(const QString& field);

// The field (objectName, as fieldToolTip() takes it) that a validateSettings() message is about:
// the first option it names ("--heartbeat-every (...) must be less than --task-timeout (...)" is
// about "heartbeatEvery"), "logRetention" for the log retention; empty when it names none.
QString fieldForMessage(const QString& message);

// One line on what a heartbeat strategy does, for the combo box.
QString strategyExplanation(monitor::HeartbeatStrategy strategy);
// What the combo box shows for it: the command line's name, "(recommended)" for hybrid.
QString strategyLabel(monitor::HeartbeatStrategy strategy);

// Under the CSV checkbox: what the spreadsheet-formula guard does.
QString csvGuardExplanation();

} // namespace dockpulse::ui::settings_text
