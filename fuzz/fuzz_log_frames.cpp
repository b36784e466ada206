// The log frame decoder (multiplexed and raw) and the line assembler: the same lines fed whole or
// split, and the decoded text never larger than the input.
#include "FuzzSplit.h"
#include "LogFrameDecoder.h"
#include "LogLineAssembler.h"

#include <QList>

using namespace dockpulse::docker;
using namespace dockpulse::fuzz;

namespace {
struct Collect : LogMessageSink
{
    explicit Collect(bool tty) : assembler(tty) {}
    void onLogMessage(const LogMessage& m) override { assembler.add(m, batch); }
    void onDaemonError(QByteArrayView m) override { errors.append(m.toByteArray()); }
    LogLineAssembler assembler;
    LogBatch batch;
    QList<QByteArray> errors;
};

struct Outcome
{
    QList<QByteArray> lines;
    QList<qint64> times;
    QList<QByteArray> errors;
    bool ok = true;
    bool operator==(const Outcome&) const = default;
};

Outcome decode(LogFrameDecoder::Framing framing, QByteArrayView data, qsizetype split)
{
    LogFrameDecoder decoder(framing);
    Collect sink(framing == LogFrameDecoder::Framing::Raw);
    Outcome out;
    out.ok = decoder.feed(data.first(split), sink) && decoder.feed(data.sliced(split), sink) &&
             decoder.finish(sink);
    sink.assembler.flush(sink.batch);
    for (qsizetype i = 0; i < sink.batch.size(); ++i) {
        out.lines.append(sink.batch.text(i).toByteArray());
        out.times.append(sink.batch.entry(i).timestampNs);
    }
    out.errors = sink.errors;
    return out;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size)
{
    const SplitInput in = splitInput(bytes, size);
    for (auto framing : {LogFrameDecoder::Framing::Multiplexed, LogFrameDecoder::Framing::Raw}) {
        const Outcome whole = decode(framing, in.data, in.data.size());
        const Outcome split = decode(framing, in.data, in.split);
        // An error may be found at a different line depending on where input stops, but while no
        // error occurred the lines must be identical.
        if (whole.ok && split.ok)
            require(whole == split);
        qsizetype text = 0;
        for (const QByteArray& l : whole.lines)
            text += l.size();
        require(text <= in.data.size());
    }
    return 0;
}
