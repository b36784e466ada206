// What the store's cursor costs the monitor: LogCursor::save() goes with every batch handed to
// the store, and restore() runs once per container at start. The cursor remembers the lines of the
// last 50 ms, so its size follows the line rate; each row remembers `lines` of them. Beside it, the
// same bytes written through QDataStream (the obvious way, and this code's first version).
//   cursor_snapshot_bench [iterations]

#include "LogCursor.h"

#include <QByteArray>
#include <QDataStream>
#include <QElapsedTimer>
#include <QIODevice>
#include <QList>

#include <cstdio>
#include <cstdlib>

using dockpulse::docker::LogMessage;
using dockpulse::docker::LogStreamKind;
using dockpulse::monitor::LogCursor;

namespace {

LogCursor cursorRemembering(int lines)
{
    LogCursor cursor;
    cursor.beginStream();
    cursor.streamOpened();
    const QByteArray text("2026-12-02 06:40:00 INFO request handled path=/api/v1/items/4711 status=200");
    const qint64 step = LogCursor::kReorderMarginNs / lines; // all within the margin
    for (int i = 0; i < lines; ++i)
        cursor.accept(LogMessage{1'700'000'000'000'000'000LL + i * step,
                                 i % 5 == 0 ? LogStreamKind::Stderr : LogStreamKind::Stdout,
                                 QByteArrayView(text), true});
    return cursor;
}

// The fields of a saved cursor, decoded once, so that the QDataStream row times encoding alone.
struct Fields
{
    quint32 magic = 0;
    quint16 format = 0;
    qint64 wide[4] = {};
    quint8 flags = 0;
    struct Line
    {
        qint64 ts = 0;
        quint32 size = 0;
        quint32 hash = 0;
        quint8 stream = 0;
        quint8 ends = 0;
    };
    Line heads[2];
    QList<Line> lines;
};

Fields decode(const QByteArray& saved)
{
    Fields f;
    QDataStream in(saved);
    in >> f.magic >> f.format >> f.wide[0] >> f.wide[1] >> f.wide[2] >> f.wide[3] >> f.flags;
    for (Fields::Line& h : f.heads)
        in >> h.ts >> h.size >> h.hash >> h.stream >> h.ends;
    quint32 count = 0;
    in >> count;
    f.lines.resize(count);
    for (Fields::Line& l : f.lines)
        in >> l.ts >> l.size >> l.hash >> l.stream;
    return f;
}

// The same bytes as save(), written through QDataStream.
QByteArray encodeWithDataStream(const Fields& f)
{
    QByteArray out;
    QDataStream write(&out, QIODevice::WriteOnly);
    write << f.magic << f.format << f.wide[0] << f.wide[1] << f.wide[2] << f.wide[3] << f.flags;
    for (const Fields::Line& h : f.heads)
        write << h.ts << h.size << h.hash << h.stream << h.ends;
    write << quint32(f.lines.size());
    for (const Fields::Line& l : f.lines)
        write << l.ts << l.size << l.hash << l.stream;
    return out;
}

template <typename F>
double nsPerCall(int iterations, F&& call)
{
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < iterations; ++i)
        call();
    return double(timer.nsecsElapsed()) / iterations;
}

} // namespace

int main(int argc, char** argv)
{
    const int iterations = argc > 1 ? std::atoi(argv[1]) : 200;
    std::printf("%-10s %10s %12s %12s %14s %10s\n", "remembered", "bytes", "save us", "restore us",
                "QDataStream us", "ratio");
    // 50 ms of lines at 2,000, 20,000, 175,000 (the engine's ceiling) and 1,000,000 lines/s.
    for (const int lines : {100, 1'000, 8'750, 50'000}) {
        const LogCursor cursor = cursorRemembering(lines);
        QByteArray saved = cursor.save();
        const Fields fields = decode(saved);
        if (saved != encodeWithDataStream(fields)) {
            std::fprintf(stderr, "the QDataStream encoding differs from save(): not the same work\n");
            return 1;
        }
        const double save = nsPerCall(iterations, [&] { saved = cursor.save(); });
        const double restore = nsPerCall(iterations, [&] {
            if (!LogCursor::restore(saved, nullptr))
                std::abort();
        });
        const double stream = nsPerCall(iterations, [&] { (void)encodeWithDataStream(fields); });
        std::printf("%-10d %10lld %12.1f %12.1f %14.1f %9.1fx\n", lines, qint64(saved.size()), save / 1000,
                    restore / 1000, stream / 1000, stream / save);
    }
    return 0;
}
