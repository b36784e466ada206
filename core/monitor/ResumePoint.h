#pragma once

#include "LogCursor.h"
#include "LogLineAssembler.h"

#include <QByteArray>

#include <optional>

namespace dockpulse::monitor {

// Where a container's monitoring can resume after dockpulse itself ended, cleanly or not: the
// cursor, and the unfinished line of each stream that the cursor has taken but no batch has
// delivered yet (a line longer than the engine's 16 KiB messages, its newline still to come).
// Saved with every batch the monitor hands to the store and committed with that batch's lines,
// so the next run delivers exactly the lines after them, the held line completed.
struct ResumePoint
{
    LogCursor cursor;
    std::optional<docker::LogLineAssembler::HeldLine> held[2]; // [0] stdout, [1] stderr

    // Format 1, big-endian: magic "DPRP", quint16 format, quint32 size and the cursor's save();
    // per stream quint8 held (0 or 1), then if held quint8 cut, qint64 timestamp, quint32 size
    // and the bytes.
    QByteArray save() const;
    // A resume point from save(), or why the bytes are not one.
    static std::optional<ResumePoint> restore(QByteArrayView bytes, QString* error);
    // save() of the point of a monitor whose cursor and assembler are these, without copying the
    // cursor (the monitor saves one with every batch).
    static QByteArray saveOf(const LogCursor& cursor, const docker::LogLineAssembler& assembler);
    // Gives the assembler the held lines again.
    void holdIn(docker::LogLineAssembler& assembler) const;
};

} // namespace dockpulse::monitor
