#pragma once

#include "EngineSocket.h"

#include <QTcpSocket>

namespace dockpulse::docker {

// tcp://host:port in plain text through QTcpSocket.
class TcpEngineSocket final : public EngineSocket
{
    Q_OBJECT
public:
    explicit TcpEngineSocket(const Endpoint& endpoint);
    ~TcpEngineSocket() override;

    void open() override;
    void write(const QByteArray& bytes) override;
    qint64 read(char* buffer, qint64 maxSize) override;
    qint64 bytesAvailable() const override;
    void abort() override;

private:
    void onError(QAbstractSocket::SocketError socketError);
    EngineError describe(QAbstractSocket::SocketError socketError) const;

    QTcpSocket m_socket;
    bool m_done = false;
};

} // namespace dockpulse::docker
