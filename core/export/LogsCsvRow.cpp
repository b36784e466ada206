#include "LogsCsvRow.h"

#include "AnsiStrip.h"
#include "Utf8Bytes.h"

namespace dockpulse::csv {

void writeLogMessageFields(CsvWriter& out, QByteArrayView text, docker::LinePiece piece, bool rawMode,
                           QByteArray& scratch)
{
    // Colour codes are noise in a spreadsheet; --csv-raw keeps every byte.
    QByteArray stripped;
    if (!rawMode && text.contains('\x1b')) {
        stripped = stripAnsi(text);
        text = stripped;
    }
    // The file is UTF-8: bytes that are not go in the escaped form, and the row says so.
    const bool escaped = !rawMode && !docker::utf8::isValid(text);
    if (escaped) {
        scratch.resize(0);
        docker::utf8::appendEscaped(scratch, text);
        text = scratch;
    }
    out.guardedField(text);
    out.formattedFields(docker::isContinued(piece) ? QByteArrayView("1") : QByteArrayView("0"));
    out.formattedFields(escaped ? QByteArrayView("1") : QByteArrayView("0"));
}

} // namespace dockpulse::csv
