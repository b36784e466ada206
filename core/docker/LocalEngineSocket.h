#pragma once

#include "EngineSocket.h"

#include <QLocalSocket>

namespace dockpulse::docker {

// unix:///path through QLocalSocket (an absolute name is used as the socket path).
class LocalEngineSocket final : public EngineSocket
{
    Q_OBJECT
public:
    explicit LocalEngineSocket(const Endpoint& endpoint);
    ~LocalEngineSocket() override;

    void open() override;
    void write(const QByteArray& bytes) override;
    qint64 read(char* buffer, qint64 maxSize) override;
    qint64 bytesAvailable() const override;
    void abort() override;

private:
    void onError(QLocalSocket::LocalSocketError socketError);
    EngineError describe(QLocalSocket::LocalSocketError socketError) const;

    QLocalSocket m_socket;
    bool m_done = false;
};

} // namespace dockpulse::docker
