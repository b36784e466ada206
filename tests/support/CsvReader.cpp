#include "CsvReader.h"

using namespace Qt::StringLiterals;

namespace dockpulse::test {

Expected<QList<CsvRow>, QString> readCsv(QByteArrayView csv)
{
    QList<CsvRow> rows;
    CsvRow row;
    QByteArray field;
    qsizetype i = 0;
    const qsizetype n = csv.size();
    const auto error = [&i](const char* what) {
        return u"offset %1: %2"_s.arg(i).arg(QLatin1StringView(what));
    };
    if (n == 0)
        return rows;
    while (true) {
        field.clear();
        if (i < n && csv[i] == '"') {
            ++i;
            while (true) {
                if (i >= n)
                    return error("unterminated quoted field");
                if (csv[i] == '"') {
                    if (i + 1 < n && csv[i + 1] == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field.append(csv[i++]);
            }
            if (i < n && csv[i] != ',' && csv[i] != '\r')
                return error("text after a closing quote");
        } else {
            while (i < n && csv[i] != ',' && csv[i] != '\r') {
                if (csv[i] == '"')
                    return error("quote in a bare field");
                if (csv[i] == '\n')
                    return error("bare LF");
                field.append(csv[i++]);
            }
        }
        row.append(field);
        if (i >= n) {
            rows.append(row);
            return rows;
        }
        if (csv[i] == ',') {
            ++i;
            continue;
        }
        // csv[i] == '\r'
        if (i + 1 >= n || csv[i + 1] != '\n')
            return error("bare CR");
        i += 2;
        rows.append(row);
        row.clear();
        if (i >= n)
            return rows;
    }
}

} // namespace dockpulse::test
