#pragma once

#include <QByteArray>
#include <QString>

#include <compare>
#include <optional>

namespace dockpulse::docker {

// An Engine API version such as 1.41. Requests are prefixed /v<major>.<minor>.
struct ApiVersion
{
    int major = 1;
    int minor = 41;

    auto operator<=>(const ApiVersion&) const = default;
    QString toString() const { return QString::number(major) + u'.' + QString::number(minor); }

    static std::optional<ApiVersion> parse(QByteArrayView text);

    // The newest API this client knows, the oldest it accepts (what it uses existed in 1.24;
    // it is tested against 1.41, Docker 20.10).
    static constexpr ApiVersion ours() { return {1, 45}; }
    static constexpr ApiVersion oldestSupported() { return {1, 24}; }
    // What both sides speak: the lower of ours and the daemon's.
    static ApiVersion negotiate(ApiVersion daemon) { return daemon < ours() ? daemon : ours(); }
};

} // namespace dockpulse::docker
