#include "Utf8Bytes.h"

namespace dockpulse::docker::utf8 {

namespace {

inline bool isTail(uchar c)
{
    return (c & 0xc0) == 0x80;
}

} // namespace

qsizetype sequenceLength(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return 0;
    const auto* b = reinterpret_cast<const uchar*>(bytes.data());
    const qsizetype n = bytes.size();
    const uchar c = b[0];
    if (c < 0x80)
        return 1;
    // The second byte's range depends on the first: it rules out overlong forms (E0, F0),
    // surrogates (ED) and code points above U+10FFFF (F4).
    uchar low = 0x80;
    uchar high = 0xbf;
    qsizetype length = 0;
    if (c >= 0xc2 && c <= 0xdf) {
        length = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        length = 3;
        if (c == 0xe0)
            low = 0xa0;
        else if (c == 0xed)
            high = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        length = 4;
        if (c == 0xf0)
            low = 0x90;
        else if (c == 0xf4)
            high = 0x8f;
    } else {
        return 0; // 80..C1 (a tail byte, overlong C0/C1) or F5..FF
    }
    if (n < length || b[1] < low || b[1] > high)
        return 0;
    for (qsizetype i = 2; i < length; ++i) {
        if (!isTail(b[i]))
            return 0;
    }
    return length;
}

bool isValid(QByteArrayView bytes)
{
    // Qt's validator (vectorised over ASCII) applies the same rules as sequenceLength();
    // tst_utf8bytes holds the two to the same answers.
    return bytes.isValidUtf8();
}

void appendEscaped(QByteArray& out, QByteArrayView bytes)
{
    constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + bytes.size() + bytes.size() / 8 + 8);
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    while (p != end) {
        // Runs without a backslash or a byte above 0x7f go in one append.
        const char* run = p;
        while (p != end && static_cast<uchar>(*p) < 0x80 && *p != '\\')
            ++p;
        out.append(run, p - run);
        if (p == end)
            break;
        if (*p == '\\') {
            out.append("\\\\", 2);
            ++p;
            continue;
        }
        const qsizetype length = sequenceLength(QByteArrayView(p, end - p));
        if (length > 0) {
            out.append(p, length);
            p += length;
            continue;
        }
        const auto u = static_cast<uchar>(*p++);
        const char hex[4] = {'\\', 'x', kHex[u >> 4], kHex[u & 15]};
        out.append(hex, 4);
    }
}

qsizetype cutBefore(QByteArrayView bytes, qsizetype at)
{
    // A tail byte at the cut may belong to a sequence that began up to 3 bytes before it.
    for (qsizetype start = at - 1; start >= 0 && start >= at - 3; --start) {
        const auto c = static_cast<uchar>(bytes[start]);
        if (isTail(c))
            continue;
        if (start > 0 && start + sequenceLength(bytes.sliced(start)) > at)
            return start;
        break;
    }
    return at;
}

} // namespace dockpulse::docker::utf8
