#pragma once

#include "Expected.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace dockpulse::test {

using CsvRow = QList<QByteArray>;

// A strict RFC 4180 reader, independent of the writer it checks: records end with CRLF (the
// last one may lack it), fields are bare or "quoted" with "" for a quote. Anything else (a bare
// CR or LF, a quote inside a bare field, text after a closing quote, an unterminated quote) is
// an error naming the byte offset, so a writer bug cannot hide behind a lenient reader.
Expected<QList<CsvRow>, QString> readCsv(QByteArrayView csv);

} // namespace dockpulse::test
