#pragma once

#include <QByteArray>
#include <QByteArrayView>

// Log lines are bytes: a container may write anything, and the local driver keeps it exactly.
// These tell well-formed UTF-8 (RFC 3629: shortest form, no surrogates, at most U+10FFFF) from
// the bytes that are not, for the exports that must be UTF-8 and the view that shows them.
namespace dockpulse::docker::utf8 {

// Length (1 to 4) of the well-formed sequence that starts `bytes`, or 0 when its first byte
// starts none (or `bytes` is empty or ends inside the sequence).
qsizetype sequenceLength(QByteArrayView bytes);

// Whether every byte belongs to a well-formed sequence.
bool isValid(QByteArrayView bytes);

// logs.csv's escaped form (CONTRACT.md): each byte that belongs to no well-formed sequence as
// \xHH (two lowercase hex digits), each backslash as \\, everything else as it is. The result is
// valid UTF-8 and unescapes to exactly `bytes`.
void appendEscaped(QByteArray& out, QByteArrayView bytes);

// Where to cut `bytes` at or before `at` (0 < at < size) without splitting a well-formed
// sequence: `at` itself, or the start of the sequence that straddles it (at most 3 bytes back).
qsizetype cutBefore(QByteArrayView bytes, qsizetype at);

} // namespace dockpulse::docker::utf8
