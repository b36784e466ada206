#include "AnsiStrip.h"

namespace dockpulse::csv {

namespace {

constexpr char kEsc = '\x1b';
constexpr char kBel = '\x07';

// The index just past a string sequence's terminator (BEL or ESC \), or n if there is none.
qsizetype endOfString(QByteArrayView b, qsizetype i, bool belEnds)
{
    for (; i < b.size(); ++i) {
        if (belEnds && b[i] == kBel)
            return i + 1;
        if (b[i] == kEsc && i + 1 < b.size() && b[i + 1] == '\\')
            return i + 2;
    }
    return b.size();
}

} // namespace

QByteArray stripAnsi(QByteArrayView b)
{
    const qsizetype first = b.indexOf(kEsc);
    if (first < 0)
        return b.toByteArray();
    QByteArray out;
    out.reserve(b.size());
    out.append(b.first(first));
    qsizetype i = first;
    while (i < b.size()) {
        if (b[i] != kEsc) {
            out.append(b[i++]);
            continue;
        }
        if (i + 1 >= b.size())
            break; // a lone ESC at the end
        const char kind = b[i + 1];
        if (kind == '[') {
            // Parameters and intermediates (0x20-0x3F), then one final byte (0x40-0x7E).
            qsizetype j = i + 2;
            while (j < b.size() && quint8(b[j]) >= 0x20 && quint8(b[j]) <= 0x3F)
                ++j;
            i = j < b.size() ? j + 1 : b.size();
        } else if (kind == ']') {
            i = endOfString(b, i + 2, true);
        } else if (kind == 'P' || kind == 'X' || kind == '^' || kind == '_') {
            i = endOfString(b, i + 2, false);
        } else {
            // Two-byte forms (ESC 7, ESC c, ESC ( B takes one more byte).
            i += 2;
            if ((kind == '(' || kind == ')' || kind == '#' || kind == '%') && i < b.size())
                ++i;
        }
    }
    return out;
}

} // namespace dockpulse::csv
