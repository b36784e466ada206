#pragma once

class QLabel;
class QWidget;

namespace dockpulse::ui {

// How the settings dialog marks a field with a problem: its editable area tinted with the
// palette's danger colour (StatusColors), and a "invalid" property that tests and styles can
// read. Derived from the window's palette, so call it again after a palette change.
void markInvalid(QWidget* field, bool invalid);

// An error message label: plain text (never rich), wrapped, in the danger colour.
void styleErrorLabel(QLabel* label);

} // namespace dockpulse::ui
