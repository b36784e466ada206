#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace dockpulse::csv {

// A log message without its ANSI escape sequences, for logs.csv (unless --csv-raw): CSI
// (ESC [ ... final byte, colours and cursor moves), OSC (ESC ] ... BEL or ESC \, titles and
// links), DCS/SOS/PM/APC strings (ESC P/X/^/_ ... ESC \) and two-byte ESC forms; the 8-bit CSI
// (0x9B) is not treated as one, as it is a UTF-8 continuation byte. An unterminated sequence is
// dropped to the end of the line, as a terminal would swallow it. Every other byte is kept.
QByteArray stripAnsi(QByteArrayView bytes);

} // namespace dockpulse::csv
