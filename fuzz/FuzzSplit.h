#pragma once

#include <QByteArrayView>

#include <cstdlib>
#include <utility>

// Fuzz targets check one property: whatever the input, and wherever it is split, a parser gives
// the same result as when it is fed whole, and never crashes, hangs or reads out of bounds.
namespace dockpulse::fuzz {

// The first two bytes of a fuzz input pick a split point; the rest is the data.
struct SplitInput
{
    QByteArrayView data;
    qsizetype split = 0;
};

inline SplitInput splitInput(const uint8_t* bytes, size_t size)
{
    SplitInput in;
    if (size < 2) {
        in.data = QByteArrayView(reinterpret_cast<const char*>(bytes), qsizetype(size));
        return in;
    }
    const qsizetype rest = qsizetype(size) - 2;
    in.data = QByteArrayView(reinterpret_cast<const char*>(bytes) + 2, rest);
    in.split = rest == 0 ? 0 : qsizetype((bytes[0] << 8 | bytes[1]) % (rest + 1));
    return in;
}

// A property violated: abort so that libFuzzer records the input.
inline void require(bool condition)
{
    if (!condition)
        std::abort();
}

// A streaming parser (feed(bytes, Output&)) fed the input whole and, separately, in two pieces at
// the split point: the two outputs, which the property compares.
template <typename Parser>
std::pair<typename Parser::Output, typename Parser::Output> feedWholeAndSplit(const SplitInput& in)
{
    Parser whole;
    typename Parser::Output a;
    whole.feed(in.data, a);
    Parser split;
    typename Parser::Output b;
    split.feed(in.data.first(in.split), b);
    split.feed(in.data.sliced(in.split), b);
    return {std::move(a), std::move(b)};
}

} // namespace dockpulse::fuzz
