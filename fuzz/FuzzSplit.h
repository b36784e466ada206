#pragma once

#include <QByteArrayView>

#include <cstdlib>

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

} // namespace dockpulse::fuzz
