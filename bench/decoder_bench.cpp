// Decoder benchmark: the log frame decoder plus line assembly (the whole per-byte path between the
// socket and a LogBatch), on an in-memory stream shaped like the engine's: ~120-byte lines with
// RFC 3339 nanosecond timestamps, fed in 64 KiB reads. Also with the HTTP chunked layer in front.
// The stable figure to track is instructions per byte: run it under
//   valgrind --tool=callgrind bench/decoder_bench --benchmark_filter=Multiplexed --benchmark_min_time=0.01
#include "HttpResponseParser.h"
#include "LogBatch.h"
#include "LogFrameDecoder.h"
#include "LogLineAssembler.h"
#include "LogTimestamp.h"

#include <benchmark/benchmark.h>

using namespace dockpulse::docker;

namespace {

constexpr qsizetype kReadSize = 64 * 1024;

QByteArray line(qint64 i)
{
    QByteArray text = QByteArray::number(i).rightJustified(9, '0');
    text += " GET /api/items/";
    text += QByteArray::number(i % 9973);
    text += " 200 12ms user=alice agent=curl/8.1 trace=0af7651916cd43dd8448eb211c80319c";
    while (text.size() < 120)
        text += '.';
    return text + '\n';
}

// n lines in the multiplexed format (8-byte header per message) or raw (TTY) format.
QByteArray makeStream(int lines, bool multiplexed)
{
    QByteArray out;
    out.reserve(lines * 160);
    qint64 ts = 1'795'930'000'000'000'000LL;
    for (int i = 0; i < lines; ++i) {
        ts += 37'123;
        const QByteArray payload = formatRfc3339Nanos(ts) + ' ' + line(i);
        if (multiplexed) {
            const quint32 n = quint32(payload.size());
            const char header[8] = {1, 0, 0, 0, char(n >> 24), char(n >> 16), char(n >> 8), char(n)};
            out.append(header, 8);
        }
        out += payload;
    }
    return out;
}

QByteArray chunked(const QByteArray& body)
{
    QByteArray out = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n";
    for (qsizetype at = 0; at < body.size(); at += 4096) {
        const QByteArray piece = body.mid(at, 4096);
        out += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
    }
    return out + "0\r\n\r\n";
}

struct Sink : LogMessageSink
{
    explicit Sink(bool tty) : assembler(tty) {}
    void onLogMessage(const LogMessage& m) override { assembler.add(m, batch); }
    void onDaemonError(QByteArrayView) override {}
    LogLineAssembler assembler;
    LogBatch batch;
};

void decode(benchmark::State& state, bool multiplexed)
{
    const QByteArray stream = makeStream(100000, multiplexed);
    qint64 lines = 0;
    for (auto _ : state) {
        LogFrameDecoder decoder(multiplexed ? LogFrameDecoder::Framing::Multiplexed
                                            : LogFrameDecoder::Framing::Raw);
        Sink sink(!multiplexed);
        for (qsizetype at = 0; at < stream.size(); at += kReadSize) {
            decoder.feed(QByteArrayView(stream).sliced(at, std::min(kReadSize, stream.size() - at)), sink);
            lines += sink.batch.size();
            sink.batch.clear(); // a batch per read, as the monitor does
        }
        decoder.finish(sink);
    }
    state.SetBytesProcessed(state.iterations() * stream.size());
    state.counters["lines/s"] = benchmark::Counter(double(lines), benchmark::Counter::kIsRate);
}

void BM_DecodeMultiplexed(benchmark::State& state)
{
    decode(state, true);
}
void BM_DecodeRawTty(benchmark::State& state)
{
    decode(state, false);
}

void BM_HttpChunkedPlusDecode(benchmark::State& state)
{
    const QByteArray response = chunked(makeStream(100000, true));
    for (auto _ : state) {
        LogFrameDecoder decoder(LogFrameDecoder::Framing::Multiplexed);
        Sink sink(false);
        HttpResponseParser parser;
        parser.setBodyHandler([&](QByteArrayView body) {
            decoder.feed(body, sink);
            sink.batch.clear();
        });
        for (qsizetype at = 0; at < response.size(); at += kReadSize)
            parser.feed(QByteArrayView(response).sliced(at, std::min(kReadSize, response.size() - at)));
        benchmark::DoNotOptimize(parser.isComplete());
    }
    state.SetBytesProcessed(state.iterations() * response.size());
}

BENCHMARK(BM_DecodeMultiplexed)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeRawTty)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HttpChunkedPlusDecode)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
