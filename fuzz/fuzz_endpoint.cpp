// Engine URLs (-H, DOCKER_HOST): parsing never crashes, and an accepted URL's canonical form
// parses to the same endpoint.
#include "Endpoint.h"
#include "FuzzSplit.h"

using namespace dockpulse::docker;
using namespace dockpulse::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size)
{
    const QString url = QString::fromUtf8(reinterpret_cast<const char*>(bytes), qsizetype(size));
    const auto endpoint = parseEndpoint(url);
    if (endpoint) {
        const auto again = parseEndpoint(endpoint->url());
        require(again.hasValue());
        require(again->url() == endpoint->url());
    } else {
        require(!endpoint.error().isEmpty());
    }
    return 0;
}
