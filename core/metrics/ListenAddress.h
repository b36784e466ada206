#pragma once

#include "Expected.h"

#include <QHostAddress>
#include <QString>

namespace dockpulse::metrics {

// Where --metrics-listen serves /metrics and /healthz: "[ADDR:]PORT". Only a port is the
// loopback address 127.0.0.1; ADDR is an IPv4 address, an IPv6 address in brackets ([::1]), or
// localhost. Port 0: one the system picks (the run says which on stderr).
struct ListenAddress
{
    QHostAddress address{QHostAddress::LocalHost};
    quint16 port = 0;

    // Reachable from this machine only (127.0.0.0/8, ::1).
    bool isLoopback() const { return address.isLoopback(); }
    // "127.0.0.1:9464", "[::1]:9464"
    QString display() const;

    // The value of --metrics-listen; the error says what is wrong and what a value looks like.
    static Expected<ListenAddress, QString> parse(const QString& text);
};

} // namespace dockpulse::metrics
