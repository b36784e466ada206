#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QLocalServer>
#include <QObject>
#include <QString>

namespace dockpulse::test {

// A Unix-socket proxy between dockpulse and a real dockerd that misbehaves on purpose, for what
// a real daemon rarely does. Every request passes through untouched, except log streams
// (GET .../logs): the next `times` of those get the configured fault, the rest pass.
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    enum class Fault
    {
        None,
        StallBeforeHeaders, // accept the request, never answer
        StallMidFrame,      // answer, send the headers and part of the first frame, then go silent
        TruncatedChunk,     // send the headers, then a chunk cut short, then close
        Garbage,            // answer with bytes that are not HTTP
        Trickle,            // pass the real answer one byte every 100 ms
        Reset,              // send the headers and a little body, then reset the connection
        OversizedHeaders,   // answer with 100 KB of headers
        EmptyStream,        // answer 200 with a body that ends at once: a stream without a line
    };
    Q_ENUM(Fault)

    FaultProxy(QString upstreamPath, QObject* parent = nullptr);
    ~FaultProxy() override;

    bool listen(const QString& path);
    QString path() const { return m_server.fullServerName(); }
    void inject(Fault fault, int times);
    int injected() const { return m_injected; }
    // Milliseconds from the last injected fault to the next log stream the client asked for that
    // passed untouched: how long the client took to recover; -1 until then.
    qint64 recoveredAfterMs() const { return m_recoveredAfterMs; }
    static QString name(Fault fault);

private:
    class Connection;
    void onNewConnection();
    Fault takeFault();

    QString m_upstreamPath;
    QLocalServer m_server;
    QElapsedTimer m_clock;
    Fault m_fault = Fault::None;
    int m_remaining = 0;
    int m_injected = 0;
    qint64 m_lastInjectionMs = -1;
    qint64 m_recoveredAfterMs = -1;
    friend class Connection;
};

} // namespace dockpulse::test
