#pragma once

#include "EngineError.h"

#include <QLabel>
#include <QPushButton>
#include <QWidget>

namespace dockpulse::ui {

// The panel shown above the tables while an engine cannot be reached: which endpoint, the
// cause and the remedy, and a Retry button. Hidden while every engine answers.
class EngineProblemPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EngineProblemPanel(QWidget* parent = nullptr);

    // One line per engine that is down; empty hides the panel.
    void setProblems(const QList<QPair<QString, docker::EngineError>>& problems);

Q_SIGNALS:
    void retryRequested();

private:
    QLabel* m_title;
    QLabel* m_details;
    QPushButton* m_retry;
};

// The status bar's engine indicator: endpoint, API version, connected or reconnecting.
class EngineIndicator : public QLabel
{
    Q_OBJECT
public:
    enum class Health
    {
        Connected,
        Connecting,
        Reconnecting
    };
    explicit EngineIndicator(QWidget* parent = nullptr);
    void setEngines(const QList<std::tuple<QString, QString, Health>>& engines); // host, API, health
};

} // namespace dockpulse::ui
