#pragma once

#include "DockerClient.h"

#include <QDeadlineTimer>
#include <QTest>

#include <optional>

namespace dockpulse::test {

// Runs one asynchronous DockerClient call to completion in the test's event loop; nullopt if
// it did not call back within the timeout.
//   auto r = awaitCall<QList<ContainerSummary>>([&](auto cb) { client.listContainers(cb); });
template <typename T, typename Start>
std::optional<docker::EngineResult<T>> awaitCall(Start start, int timeoutMs = 30000)
{
    std::optional<docker::EngineResult<T>> result;
    start([&result](docker::EngineResult<T> r) { result.emplace(std::move(r)); });
    QDeadlineTimer deadline(timeoutMs);
    while (!result && !deadline.hasExpired())
        QTest::qWait(5);
    return result;
}

// The error text of a result, or empty: safe to use in QVERIFY2's always-evaluated message.
template <typename T>
QString errorOf(const docker::EngineResult<T>& result)
{
    return result.hasValue() ? QString() : result.error().toString();
}

} // namespace dockpulse::test
