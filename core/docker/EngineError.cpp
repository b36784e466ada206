#include "EngineError.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace dockpulse::docker {

using namespace Qt::StringLiterals;

QString EngineError::toString() const
{
    QString text = endpoint.isEmpty() ? message : endpoint + u": "_s + message;
    if (!remedy.isEmpty())
        text += (text.endsWith(u'.') ? u" "_s : u". "_s) + remedy;
    return text;
}

QString EngineError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return u"none"_s;
    case Kind::BadEndpoint:
        return u"bad_endpoint"_s;
    case Kind::NoSocket:
        return u"no_socket"_s;
    case Kind::PermissionDenied:
        return u"permission_denied"_s;
    case Kind::ConnectionRefused:
        return u"connection_refused"_s;
    case Kind::HostNotFound:
        return u"host_not_found"_s;
    case Kind::Timeout:
        return u"timeout"_s;
    case Kind::ConnectionClosed:
        return u"connection_closed"_s;
    case Kind::Protocol:
        return u"protocol"_s;
    case Kind::Http:
        return u"http"_s;
    case Kind::Tls:
        return u"tls"_s;
    case Kind::Ssh:
        return u"ssh"_s;
    case Kind::Aborted:
        return u"aborted"_s;
    case Kind::Other:
        return u"other"_s;
    }
    return u"other"_s;
}

EngineError EngineError::make(Kind kind, const QString& endpoint, const QString& message,
                              const QString& remedy)
{
    EngineError e;
    e.kind = kind;
    e.endpoint = endpoint;
    e.message = message;
    e.remedy = remedy;
    return e;
}

EngineError EngineError::fromHttp(const QString& endpoint, int status, const QByteArray& body)
{
    // The engine explains its errors as {"message": "..."}; fall back to the raw text.
    QString detail;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject())
        detail = doc.object().value(u"message"_s).toString();
    if (detail.isEmpty())
        detail = QString::fromUtf8(body.trimmed().left(512));
    if (detail.isEmpty())
        detail = u"no details given"_s;

    EngineError e = make(Kind::Http, endpoint, u"HTTP %1: %2"_s.arg(status).arg(detail));
    e.httpStatus = status;
    if (status == 501 || detail.contains(u"does not support reading"_s))
        e.remedy = u"Its logging driver cannot be read back; use json-file, local or journald."_s;
    else if (detail.contains(u"HTTP request to an HTTPS server"_s))
        e.remedy = u"The engine wants TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with "
                   u"ca.pem, cert.pem and key.pem."_s;
    return e;
}

} // namespace dockpulse::docker
