#pragma once

#include "MonitorSettings.h"

namespace dockpulse::test {

// The seed's timelines compressed for tests against the real engine: 300 ms streams with a
// 350 ms safety net, a heartbeat every 300 ms, tasks time out after 3 s, cleanup every 600 ms.
// HeadlessRun::compressedTimings() passes these on the command line. Tests that need other
// values override single fields.
inline monitor::MonitorSettings compressedSettings()
{
    monitor::MonitorSettings s;
    s.readDeadlineMs = 300;
    s.contextTimeoutMs = 350;
    s.heartbeatEveryMs = 300;
    s.taskTimeoutMs = 3000;
    s.cleanupEveryMs = 600;
    s.sampleEveryMs = 100;
    return s;
}

} // namespace dockpulse::test
