// RFC 3339 timestamps: parsing never crashes, and whatever parses formats back to a value that
// parses to the same nanosecond.
#include "FuzzSplit.h"
#include "LogTimestamp.h"

using namespace dockpulse::docker;
using namespace dockpulse::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size)
{
    const QByteArrayView text(reinterpret_cast<const char*>(bytes), qsizetype(size));
    const auto ns = parseRfc3339Nanos(text);
    if (ns) {
        const QByteArray formatted = formatRfc3339Nanos(*ns);
        const auto again = parseRfc3339Nanos(formatted);
        require(again && *again == *ns);
        require(!formatUnixNanosParam(*ns).isEmpty());
        (void)formatIsoMillis(*ns / 1'000'000);
    }
    return 0;
}
