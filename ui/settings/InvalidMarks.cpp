#include "InvalidMarks.h"

#include "StatusColors.h"

#include <QLabel>
#include <QPalette>
#include <QWidget>

namespace dockpulse::ui {

namespace {

QColor mix(const QColor& base, const QColor& tint, double amount)
{
    return QColor::fromRgbF(float(base.redF() * (1 - amount) + tint.redF() * amount),
                            float(base.greenF() * (1 - amount) + tint.greenF() * amount),
                            float(base.blueF() * (1 - amount) + tint.blueF() * amount));
}

} // namespace

void markInvalid(QWidget* field, bool invalid)
{
    field->setProperty("invalid", invalid);
    if (!invalid) {
        field->setPalette(QPalette()); // inherit everything again
        return;
    }
    // The top-level palette: the field's own may already carry our tint.
    const QPalette window = field->window()->palette();
    const QColor danger = StatusColors::foreground(StatusColors::Health::Danger, window);
    const double amount = StatusColors::isDark(window) ? 0.30 : 0.18;
    QPalette tinted; // only the roles set here are explicit; the rest stays inherited
    tinted.setColor(QPalette::Base, mix(window.color(QPalette::Base), danger, amount));
    tinted.setColor(QPalette::Button, mix(window.color(QPalette::Button), danger, amount));
    field->setPalette(tinted);
}

void styleErrorLabel(QLabel* label)
{
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette p;
    p.setColor(QPalette::WindowText,
               StatusColors::foreground(StatusColors::Health::Danger, label->window()->palette()));
    label->setPalette(p);
}

} // namespace dockpulse::ui
