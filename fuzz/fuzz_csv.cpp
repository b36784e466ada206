// The CSV writer: any bytes written as fields read back identical through an independent strict
// RFC 4180 reader (in raw mode), and with the formula guard only ever a leading quote added.
#include "CsvReader.h"
#include "CsvWriter.h"
#include "FuzzSplit.h"

using namespace dockpulse;
using namespace dockpulse::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size)
{
    // Fields are separated by 0xff in the input (an arbitrary choice: any other byte is data).
    const QByteArray input(reinterpret_cast<const char*>(bytes), qsizetype(size));
    const QList<QByteArray> fields = input.split('\xff');
    for (const bool raw : {true, false}) {
        csv::CsvWriter writer;
        writer.setRawMode(raw);
        for (const QByteArray& f : fields)
            writer.guardedField(f);
        writer.endRow();
        const auto rows = test::readCsv(writer.buffer());
        require(rows.hasValue() && rows->size() == 1);
        const QList<QByteArray>& back = rows->first();
        require(back.size() == fields.size());
        for (qsizetype i = 0; i < fields.size(); ++i)
            require(back[i] == fields[i] || (!raw && back[i] == "'" + fields[i]));
    }
    return 0;
}
