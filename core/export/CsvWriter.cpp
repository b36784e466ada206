#include "CsvWriter.h"

#include <array>
#include <cstring>

namespace dockpulse::csv {

namespace {

// The bytes that force quoting wherever they are.
constexpr std::array<bool, 256> kQuoteBytes = [] {
    std::array<bool, 256> t{};
    t[static_cast<unsigned char>(',')] = true;
    t[static_cast<unsigned char>('"')] = true;
    t[static_cast<unsigned char>('\r')] = true;
    t[static_cast<unsigned char>('\n')] = true;
    return t;
}();

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool hasQuoteByte(QByteArrayView bytes)
{
    // A table lookup per byte, no branches but the loop's: log lines are mostly short, where
    // several memchr calls would cost more in calls than they save in scanning.
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const auto* end = p + bytes.size();
    bool found = false;
    for (; p != end; ++p)
        found |= kQuoteBytes[*p];
    return found;
}

} // namespace

bool needsFormulaGuard(QByteArrayView field)
{
    if (field.isEmpty())
        return false;
    switch (field.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
        return true;
    default:
        return false;
    }
}

void CsvWriter::field(QByteArrayView utf8)
{
    separator();
    append(utf8, false);
}

void CsvWriter::field(QStringView text)
{
    separator();
    append(utf8(text), false);
}

void CsvWriter::guardedField(QByteArrayView bytes)
{
    separator();
    append(bytes, !m_raw);
}

void CsvWriter::guardedField(QStringView text)
{
    separator();
    append(utf8(text), !m_raw);
}

void CsvWriter::integer(qint64 value)
{
    separator();
    char digits[24];
    char* const end = digits + sizeof(digits);
    char* p = end;
    // Through unsigned so that the most negative value has a magnitude too.
    quint64 magnitude = value < 0 ? 0 - static_cast<quint64>(value) : static_cast<quint64>(value);
    do {
        *--p = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0)
        *--p = '-';
    m_buf.append(p, end - p);
}

void CsvWriter::formattedFields(QByteArrayView csv)
{
    separator();
    m_buf.append(csv.data(), csv.size());
}

void CsvWriter::endRow()
{
    m_buf.append("\r\n", 2);
    m_inRow = false;
}

void CsvWriter::append(QByteArrayView bytes, bool guard)
{
    const bool guarded = guard && needsFormulaGuard(bytes);
    const bool quoted = hasQuoteByte(bytes) ||
                        (!bytes.isEmpty() && (isBlank(bytes.back()) || (!guarded && isBlank(bytes.front()))));
    if (!quoted) {
        if (guarded)
            m_buf.append('\'');
        m_buf.append(bytes.data(), bytes.size());
        return;
    }
    m_buf.append(guarded ? "\"'" : "\"", guarded ? 2 : 1);
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    while (const void* q = std::memchr(p, '"', static_cast<size_t>(end - p))) {
        const char* quote = static_cast<const char*>(q);
        m_buf.append(p, quote - p + 1);
        m_buf.append('"');
        p = quote + 1;
    }
    m_buf.append(p, end - p);
    m_buf.append('"');
}

QByteArrayView CsvWriter::utf8(QStringView text)
{
    m_scratch.resize(m_encoder.requiredSpace(text.size()));
    const char* end = m_encoder.appendToBuffer(m_scratch.data(), text);
    return QByteArrayView(m_scratch.constData(), end - m_scratch.constData());
}

} // namespace dockpulse::csv
