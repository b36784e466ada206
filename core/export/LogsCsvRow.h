#pragma once

#include "CsvWriter.h"
#include "LogBatch.h"

#include <QByteArray>
#include <QByteArrayView>

namespace dockpulse::csv {

// The last three fields of a logs.csv row, message,continued,escaped (CONTRACT.md), the one
// definition for LogsCsvWriter and `dockpulse search --csv`: ANSI sequences removed and bytes
// that are not UTF-8 escaped (escaped = 1) unless rawMode, the formula guard, continued = 1
// for a piece the next one of its stream continues. scratch is reused across rows.
void writeLogMessageFields(CsvWriter& out, QByteArrayView text, docker::LinePiece piece, bool rawMode,
                           QByteArray& scratch);

} // namespace dockpulse::csv
