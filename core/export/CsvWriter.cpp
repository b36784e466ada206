#include "CsvWriter.h"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
#if defined(__SSE2__)
    // 16 bytes per step (SSE2 is part of x86-64): the scan is most of the cost of a log row.
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    for (; end - p >= 16; p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
        if (_mm_movemask_epi8(hit) != 0)
            return true;
    }
#endif
    bool found = false;
    for (; p != end; ++p)
        found |= kQuoteBytes[static_cast<unsigned char>(*p)];
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
    put(p, end - p);
}

void CsvWriter::formattedFields(QByteArrayView csv)
{
    separator();
    put(csv.data(), csv.size());
}

void CsvWriter::formattedRows(QByteArrayView csv)
{
    put(csv.data(), csv.size());
    m_inRow = false;
}

void CsvWriter::endRow()
{
    put("\r\n", 2);
    m_inRow = false;
}

void CsvWriter::put(const char* bytes, qsizetype n)
{
    if (n == 0)
        return;
    std::memcpy(room(n), bytes, static_cast<size_t>(n));
    m_size += n;
}

void CsvWriter::grow(qsizetype n)
{
    // Doubling keeps appends amortised O(1) for callers that never reserve.
    const qsizetype capacity = std::max({m_size + n, 2 * m_capacity, qsizetype(256)});
    auto data = std::make_unique_for_overwrite<char[]>(static_cast<size_t>(capacity));
    if (m_size > 0)
        std::memcpy(data.get(), m_data.get(), static_cast<size_t>(m_size));
    m_data = std::move(data);
    m_capacity = capacity;
}

void CsvWriter::append(QByteArrayView bytes, bool guard)
{
    const bool guarded = guard && needsFormulaGuard(bytes);
    const bool quoted = hasQuoteByte(bytes) ||
                        (!bytes.isEmpty() && (isBlank(bytes.back()) || (!guarded && isBlank(bytes.front()))));
    const qsizetype n = bytes.size();
    if (!quoted) {
        char* out = room(n + 1);
        if (guarded)
            *out++ = '\'';
        if (n > 0)
            std::memcpy(out, bytes.data(), static_cast<size_t>(n));
        m_size = out + n - m_data.get();
        return;
    }
    // Worst case: every byte a quote, doubled, plus the guard and the two enclosing quotes.
    char* out = room(2 * n + 3);
    *out++ = '"';
    if (guarded)
        *out++ = '\'';
    const char* p = bytes.data();
    const char* const end = p + n;
    while (const void* q = std::memchr(p, '"', static_cast<size_t>(end - p))) {
        const char* after = static_cast<const char*>(q) + 1;
        std::memcpy(out, p, static_cast<size_t>(after - p));
        out += after - p;
        *out++ = '"';
        p = after;
    }
    std::memcpy(out, p, static_cast<size_t>(end - p));
    out += end - p;
    *out++ = '"';
    m_size = out - m_data.get();
}

QByteArrayView CsvWriter::utf8(QStringView text)
{
    m_scratch.resize(m_encoder.requiredSpace(text.size()));
    const char* end = m_encoder.appendToBuffer(m_scratch.data(), text);
    return QByteArrayView(m_scratch.constData(), end - m_scratch.constData());
}

} // namespace dockpulse::csv
