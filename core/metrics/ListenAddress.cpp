#include "ListenAddress.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace dockpulse::metrics {

namespace {

const QString kShape =
    u"a port (9464), or an address and a port (127.0.0.1:9464, [::1]:9464, 0.0.0.0:9464)"_s;

Expected<quint16, QString> parsePort(QStringView text, const QString& whole)
{
    const bool digits = !text.isEmpty() &&
                        std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!digits)
        return u"\"%1\" has no port: give %2"_s.arg(whole, kShape);
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port > 65535)
        return u"\"%1\": the port must be 0 to 65535 (0: one the system picks)"_s.arg(whole);
    return quint16(port);
}

} // namespace

QString ListenAddress::display() const
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + address.toString() + u']'
                             : address.toString();
    return host + u':' + QString::number(port);
}

Expected<ListenAddress, QString> ListenAddress::parse(const QString& text)
{
    ListenAddress out;
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0) {
        auto port = parsePort(text, text);
        if (!port)
            return u"\"%1\" is not %2"_s.arg(text, kShape);
        out.port = *port;
        return out;
    }
    QString host = text.left(colon);
    auto port = parsePort(QStringView(text).mid(colon + 1), text);
    if (!port)
        return port.error();
    out.port = *port;
    if (host.isEmpty())
        return u"\"%1\" has no address before the colon: give only the port for 127.0.0.1, or 0.0.0.0:%2 "
               u"for every interface"_s.arg(text)
                   .arg(out.port);
    const bool bracketed = host.startsWith(u'[') && host.endsWith(u']');
    if (bracketed)
        host = host.mid(1, host.size() - 2);
    else if (host.contains(u':'))
        return u"\"%1\": write an IPv6 address in brackets, as [::1]:%2"_s.arg(text).arg(out.port);
    if (!bracketed && host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0) {
        out.address = QHostAddress(QHostAddress::LocalHost);
        return out;
    }
    QHostAddress address;
    if (!address.setAddress(host) || (bracketed != (address.protocol() == QAbstractSocket::IPv6Protocol)))
        return u"\"%1\": \"%2\" is not an IP address (give %3)"_s.arg(text, host, kShape);
    out.address = address;
    return out;
}

} // namespace dockpulse::metrics
