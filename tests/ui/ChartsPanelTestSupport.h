#pragma once

// Feeding helpers shared by the chart panel tests.
#include "ChartTestData.h"
#include "ChartsPanel.h"

#include <QDateTime>
#include <QStringList>

namespace dockpulse::testdata {

// One sample a second for `seconds`, each task's age a 30 s sawtooth, as the seed's fixed design.
inline void feedSawtooth(ui::ChartsPanel& panel, qint64 from, int seconds, const QStringList& tasks)
{
    for (int s = 0; s <= seconds; ++s)
        panel.addSample(
            sample(from + s * 1000LL, 20, int(tasks.size()), int(tasks.size()), tasks, (s % 30) * 1000LL));
}

inline qint64 ms(const QDateTime& t)
{
    return t.toMSecsSinceEpoch();
}

} // namespace dockpulse::testdata
