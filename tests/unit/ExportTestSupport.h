#pragma once

// What the export tests share: reading and listing files, the contract's headers and quoting
// written the simple way, a disk that fills up, and a sample task.
#include "CsvReader.h"
#include "LogBatch.h"
#include "LogTimestamp.h"
#include "LogsCsvWriter.h"
#include "RecordCsvStream.h"
#include "RunExport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using dockpulse::csv::CsvKind;
using dockpulse::csv::LogsCsvWriter;
using dockpulse::docker::LogBatch;
using dockpulse::docker::LogStreamKind;
using namespace dockpulse::monitor;

namespace dockpulse::test {

inline constexpr qint64 kNov29 = 1795928650206; // 2026-11-29T05:04:10.206Z

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline void writeFile(const QString& path, QByteArrayView bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes.data(), bytes.size()), bytes.size());
}

// Everything in dir, hidden files included: a leftover temporary file would show here.
inline QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                               QDir::Name);
}

inline QByteArray header(CsvKind kind)
{
    return csvHeader(kind).toByteArray() + "\r\n";
}

// What a reader gets back from a container-controlled field: the contract's guard.
inline QByteArray guardedBack(const QByteArray& text, bool guarded)
{
    const bool formula = !text.isEmpty() && QByteArrayView("=+-@\t\r").contains(text.front());
    return guarded && formula ? '\'' + text : text;
}

// The contract's quoting and guard, written the simple way, to check the fast writer against.
inline QByteArray referenceField(const QByteArray& text, bool guarded)
{
    QByteArray f = guardedBack(text, guarded);
    const bool quote =
        f.contains(',') || f.contains('"') || f.contains('\r') || f.contains('\n') ||
        (!f.isEmpty() && (f.front() == ' ' || f.front() == '\t' || f.back() == ' ' || f.back() == '\t'));
    return quote ? '"' + f.replace("\"", "\"\"") + '"' : f;
}

// A 64 KiB tmpfs: a disk that fills up. Needs root (mount); reason() says why it is missing.
class TinyDisk
{
public:
    TinyDisk()
    {
        if (::geteuid() != 0) {
            m_reason = u"mounting a small tmpfs to fill up needs root"_s;
            return;
        }
        m_path = m_base.filePath(u"disk"_s);
        QDir().mkpath(m_path);
        QProcess mount;
        mount.start(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=64k"_s, u"tmpfs"_s, m_path});
        if (!mount.waitForFinished() || mount.exitCode() != 0)
            m_reason = u"mount -t tmpfs failed: "_s + QString::fromUtf8(mount.readAllStandardError());
        else
            m_mounted = true;
    }
    ~TinyDisk()
    {
        if (m_mounted)
            QProcess::execute(u"umount"_s, {m_path});
    }
    const QString& reason() const { return m_reason; }
    const QString& path() const { return m_path; }

private:
    QTemporaryDir m_base;
    QString m_path;
    QString m_reason;
    bool m_mounted = false;
};

inline TaskSnapshot task(const QString& name, const QString& lastError)
{
    TaskSnapshot t;
    t.task = u"container_abc123def456"_s;
    t.host = u"unix:///var/run/docker.sock"_s;
    t.containerId = u"abc123def4567890"_s;
    t.containerName = name;
    t.state = TaskState::Streaming;
    t.startedAtMs = kNov29;
    t.lastHeartbeatAtMs = kNov29 + 30'000;
    t.heartbeatAgeMs = 1234;
    t.heartbeats = 3;
    t.rotations = 2;
    t.lines = 1000;
    t.bytes = 64000;
    t.errors = 1;
    t.lastError = lastError;
    return t;
}

} // namespace dockpulse::test

using namespace dockpulse::test;
