#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace dockpulse::ui {

class LogModel;

// The selected log line, whole: time, container and stream above, the message below with
// wrapping (JSON pretty-printed, see LogLineDetail). Read-only and selectable, so part of a long
// line can be copied. Plain text only: a container cannot format it.
class LogDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit LogDetailPane(const LogModel& model, QWidget* parent = nullptr);

    // Shows this row of the model (-1: none).
    void showRow(int row);
    int row() const { return m_row; }
    QString messageText() const; // what the pane shows of the message
    QString headerText() const;
    QPlainTextEdit* editor() const { return m_text; }

private:
    const LogModel& m_model;
    QLabel* m_header;
    QPlainTextEdit* m_text;
    int m_row = -1;
};

} // namespace dockpulse::ui
