#pragma once

#include <QString>

namespace dockpulse::docker {

// Why talking to an engine failed, phrased so that a user can act on it.
struct EngineError
{
    enum class Kind
    {
        None,
        BadEndpoint,       // the endpoint URL cannot be used
        NoSocket,          // unix socket path does not exist
        PermissionDenied,  // socket exists but we may not open it
        ConnectionRefused, // nothing listens there
        HostNotFound,      // tcp/ssh host name does not resolve
        Timeout,           // connect or response took too long
        ConnectionClosed,  // the peer closed before the response was complete
        Protocol,          // the response could not be parsed
        Http,              // the engine answered with an HTTP error status
        Tls,               // TLS handshake or certificate problem
        Ssh,               // the ssh transport failed
        Aborted,           // we ended it ourselves (deadline, stop)
        Other,
    };

    Kind kind = Kind::None;
    QString endpoint;   // the engine this concerns, as the user wrote it
    int httpStatus = 0; // for Kind::Http
    QString message;    // the cause: the daemon's own message for Kind::Http
    QString remedy;     // what the user can do about it; may be empty

    bool isError() const { return kind != Kind::None; }
    bool isHttp(int status) const { return kind == Kind::Http && httpStatus == status; }

    // One line for logs and stderr: "<endpoint>: <message>. <remedy>"
    QString toString() const;
    // A short stable name for the kind ("no_socket", "http", ...), used in CSV details.
    static QString kindName(Kind kind);

    static EngineError make(Kind kind, const QString& endpoint, const QString& message,
                            const QString& remedy = {});
    // Builds a Kind::Http error from a status and the body the daemon sent ({"message": "..."}).
    static EngineError fromHttp(const QString& endpoint, int status, const QByteArray& body);
};

} // namespace dockpulse::docker
