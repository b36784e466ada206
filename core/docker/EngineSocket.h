#pragma once

#include "Endpoint.h"
#include "EngineError.h"

#include <QObject>

#include <memory>

namespace dockpulse::docker {

// A byte stream to an engine, whatever carries it (unix socket, tcp, tcp with TLS, ssh).
// Asynchronous only: open() returns at once and the outcome arrives as opened() or failed().
// After failed() or closed() no further signals come.
class EngineSocket : public QObject
{
    Q_OBJECT
public:
    // The transport for the endpoint's scheme (nullptr only for a scheme this build lacks).
    static std::unique_ptr<EngineSocket> create(const Endpoint& endpoint);
    ~EngineSocket() override = default;

    const Endpoint& endpoint() const { return m_endpoint; }
    virtual void open() = 0;
    virtual void write(const QByteArray& bytes) = 0;
    // Reads up to maxSize bytes already received; 0 when none are waiting.
    virtual qint64 read(char* buffer, qint64 maxSize) = 0;
    virtual qint64 bytesAvailable() const = 0;
    // Closes immediately, discarding what was not read. Emits nothing.
    virtual void abort() = 0;

Q_SIGNALS:
    void opened();
    void readyRead();
    // The engine closed the stream (what it sent before is still readable).
    void closed();
    void failed(const dockpulse::docker::EngineError& error);

protected:
    explicit EngineSocket(Endpoint endpoint) : m_endpoint(std::move(endpoint)) {}
    EngineError error(EngineError::Kind kind, const QString& message, const QString& remedy = {}) const
    {
        return EngineError::make(kind, m_endpoint.url(), message, remedy);
    }

private:
    Endpoint m_endpoint;
};

} // namespace dockpulse::docker
