#include "RoundTimeTicks.h"

#include <QCategoryAxis>
#include <QDateTime>

#include <array>

using namespace Qt::StringLiterals;

namespace dockpulse::ui::RoundTimeTicks {

namespace {

// Local time: a minute tick must read hh:mm:00 in the user's zone (zones differ from UTC by
// whole quarter hours, so every interval up to 15 min lands on the same ticks either way).
qint64 localOffsetMs(qint64 ms)
{
    return qint64(QDateTime::fromMSecsSinceEpoch(ms).offsetFromUtc()) * 1000;
}

QString format(qint64 intervalMs)
{
    if (intervalMs < 1000)
        return u"HH:mm:ss.zzz"_s;
    if (intervalMs < 60'000)
        return u"HH:mm:ss"_s;
    return u"HH:mm"_s;
}

} // namespace

qint64 interval(qint64 spanMs, int wanted)
{
    static constexpr std::array<qint64, 24> steps = {
        1,       2,       5,       10,      20,        50,        100,       200,
        500,     1'000,   2'000,   5'000,   10'000,    15'000,    30'000,    60'000,
        120'000, 300'000, 600'000, 900'000, 1'800'000, 3'600'000, 7'200'000, 21'600'000};
    const qint64 span = std::max<qint64>(1, spanMs);
    for (qint64 step : steps) {
        if (span / step <= std::max(1, wanted))
            return step;
    }
    return steps.back();
}

QList<qint64> ticks(qint64 fromMs, qint64 toMs, int wanted)
{
    QList<qint64> out;
    if (toMs <= fromMs)
        return out;
    const qint64 step = interval(toMs - fromMs, wanted);
    const qint64 offset = localOffsetMs(fromMs);
    const qint64 local = fromMs + offset;
    // The first multiple of step at or after fromMs (floor division for times before 1970).
    qint64 first = (local / step) * step;
    if (local < 0 && first != local)
        first -= step;
    // Strictly after the start: a category must end past the axis' start value.
    while (first <= local)
        first += step;
    for (qint64 t = first - offset; t <= toMs; t += step)
        out.append(t);
    return out;
}

void apply(QCategoryAxis* axis, qint64 fromMs, qint64 toMs, int wanted)
{
    const QList<qint64> values = ticks(fromMs, toMs, wanted);
    const QString fmt = format(interval(toMs - fromMs, wanted));
    const QStringList old = axis->categoriesLabels();
    for (const QString& label : old)
        axis->remove(label);
    axis->setStartValue(qreal(fromMs));
    for (qint64 t : values) {
        // Category labels are keys; a tick's time text is unique within one range.
        const QString label = QDateTime::fromMSecsSinceEpoch(t).toString(fmt);
        if (!axis->categoriesLabels().contains(label))
            axis->append(label, qreal(t));
    }
    axis->setRange(qreal(fromMs), qreal(toMs));
}

} // namespace dockpulse::ui::RoundTimeTicks
