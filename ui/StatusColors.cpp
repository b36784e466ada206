#include "StatusColors.h"

namespace dockpulse::ui {

using monitor::TaskState;

StatusColors::Health StatusColors::health(TaskState state, qint64 ageMs, qint64 heartbeatEveryMs,
                                          qint64 taskTimeoutMs)
{
    if (monitor::isFinal(state))
        return Health::Inactive;
    // Green says "streaming and on time": a task that waits for its container to start, or is
    // just starting, has nothing to judge; a stalled one is never healthy.
    if (state == TaskState::Exited || state == TaskState::Starting)
        return Health::Idle;
    if (ageMs > taskTimeoutMs * 8 / 10)
        return Health::Danger;
    if (ageMs > heartbeatEveryMs || state == TaskState::Stalled)
        return Health::Warning;
    return Health::Healthy;
}

bool StatusColors::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor StatusColors::foreground(Health health, const QPalette& palette)
{
    const bool dark = isDark(palette);
    switch (health) {
    case Health::Healthy:
        return dark ? QColor(0x6c, 0xd9, 0x8b) : QColor(0x1a, 0x7f, 0x37);
    case Health::Warning:
        return dark ? QColor(0xf2, 0xc1, 0x4e) : QColor(0x9a, 0x67, 0x00);
    case Health::Danger:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    case Health::Inactive:
        return palette.color(QPalette::Disabled, QPalette::Text);
    case Health::Idle:
        return palette.color(QPalette::Text);
    }
    return palette.color(QPalette::Text);
}

QColor StatusColors::background(Health health, const QPalette& palette)
{
    if (health == Health::Inactive || health == Health::Healthy || health == Health::Idle)
        return {};
    QColor c = foreground(health, palette);
    c.setAlpha(isDark(palette) ? 60 : 45);
    return c;
}

QColor StatusColors::forState(TaskState state, const QPalette& palette)
{
    switch (state) {
    case TaskState::Streaming:
        return foreground(Health::Healthy, palette);
    case TaskState::Starting:
    case TaskState::Exited:
        return palette.color(QPalette::Text);
    case TaskState::Stalled:
        return foreground(Health::Warning, palette);
    case TaskState::TimedOut:
    case TaskState::Failed:
        return foreground(Health::Danger, palette);
    case TaskState::Stopped:
        return foreground(Health::Inactive, palette);
    }
    return palette.color(QPalette::Text);
}

QColor StatusColors::forSource(monitor::HeartbeatSource source, const QPalette& palette)
{
    const bool dark = isDark(palette);
    if (source == monitor::HeartbeatSource::Ticker)
        return dark ? QColor(0x58, 0xa6, 0xff) : QColor(0x09, 0x69, 0xda);
    return dark ? QColor(0xd2, 0xa8, 0xff) : QColor(0x82, 0x50, 0xdf);
}

QColor StatusColors::stderrText(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xff, 0xa1, 0x98) : QColor(0xb3, 0x1d, 0x28);
}

} // namespace dockpulse::ui
