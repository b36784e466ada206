// The HTTP/1.1 response parser (status line, headers, Content-Length, chunked with extensions and
// trailers, close-delimited): the same result fed whole, split in two, or one byte at a time.
#include "FuzzSplit.h"
#include "HttpResponseParser.h"

using dockpulse::docker::HttpResponseParser;
using namespace dockpulse::fuzz;

namespace {
struct Outcome
{
    HttpResponseParser::State state;
    int status;
    QByteArray body;
    qsizetype consumed;
    bool operator==(const Outcome&) const = default;
};

template <typename Feed>
Outcome run(Feed feed)
{
    HttpResponseParser parser;
    Outcome out{};
    parser.setBodyHandler([&](QByteArrayView b) { out.body.append(b.data(), b.size()); });
    out.consumed = feed(parser);
    parser.finish();
    out.state = parser.state();
    out.status = parser.statusCode();
    return out;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size)
{
    const SplitInput in = splitInput(bytes, size);
    const Outcome whole = run([&](HttpResponseParser& p) { return p.feed(in.data); });
    const Outcome split = run([&](HttpResponseParser& p) {
        const qsizetype a = p.feed(in.data.first(in.split));
        return a < in.split ? a : a + p.feed(in.data.sliced(in.split));
    });
    require(whole == split);
    if (in.data.size() <= 4096) {
        const Outcome bytewise = run([&](HttpResponseParser& p) {
            qsizetype used = 0;
            for (qsizetype i = 0; i < in.data.size(); ++i) {
                const qsizetype n = p.feed(in.data.sliced(i, 1));
                used += n;
                if (n == 0)
                    break;
            }
            return used;
        });
        require(whole == bytewise);
    }
    require(whole.consumed >= 0 && whole.consumed <= in.data.size());
    return 0;
}
