#pragma once

#include "TaskState.h"

#include <QColor>
#include <QPalette>

namespace dockpulse::ui {

// The dashboard's status colours, chosen to stay readable on the system's light or dark palette.
struct StatusColors
{
    enum class Health
    {
        Healthy,
        Warning,
        Danger,
        Inactive,
        Idle // not streaming and not over (starting, exited): neutral, nothing to judge
    };

    // Health of a task from its heartbeat age: healthy below the heartbeat period, warning above
    // it (or while stalled), danger above 80% of the task timeout; idle (neutral) while starting
    // or exited; inactive when the task is over.
    static Health health(monitor::TaskState state, qint64 ageMs, qint64 heartbeatEveryMs,
                         qint64 taskTimeoutMs);

    // A tint for the background of a cell (subtle) and a colour for text or markers (strong).
    static QColor background(Health health, const QPalette& palette);
    static QColor foreground(Health health, const QPalette& palette);
    static QColor forState(monitor::TaskState state, const QPalette& palette);
    // Heartbeat sources in charts: ticker and rotation must be told apart at a glance.
    static QColor forSource(monitor::HeartbeatSource source, const QPalette& palette);
    // stderr lines in the log view.
    static QColor stderrText(const QPalette& palette);

    static bool isDark(const QPalette& palette);
};

} // namespace dockpulse::ui
