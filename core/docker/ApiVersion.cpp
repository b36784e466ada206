#include "ApiVersion.h"

namespace dockpulse::docker {

std::optional<ApiVersion> ApiVersion::parse(QByteArrayView text)
{
    text = text.trimmed();
    const qsizetype dot = text.indexOf('.');
    if (dot <= 0 || dot == text.size() - 1)
        return std::nullopt;
    bool okMajor = false;
    bool okMinor = false;
    const int major = text.first(dot).toInt(&okMajor);
    const int minor = text.sliced(dot + 1).toInt(&okMinor);
    if (!okMajor || !okMinor || major < 0 || minor < 0 || major > 99 || minor > 999)
        return std::nullopt;
    return ApiVersion{major, minor};
}

} // namespace dockpulse::docker
