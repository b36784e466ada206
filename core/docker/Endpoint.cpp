#include "Endpoint.h"

#include <QHostAddress>

namespace dockpulse::docker {

using namespace Qt::StringLiterals;

namespace {

// The docker CLI's defaults: 2375 for plain tcp:// (even with DOCKER_TLS_VERIFY, as the CLI does);
// https:// says TLS outright, so it gets the TLS port.
constexpr int kDefaultTcpPort = 2375;
constexpr int kDefaultTlsPort = 2376;
// sockaddr_un::sun_path holds 108 bytes including the terminating NUL.
constexpr qsizetype kMaxUnixPathBytes = 107;

const QString kSupported = u"use unix:///path/to/docker.sock, tcp://host:port, ssh://[user@]host[:port], "
                           u"http://host:port or https://host:port"_s;

// Every message is one sentence: what was given, then what is wrong and how to write it.
QString invalid(const QString& url, const QString& why)
{
    QString text = u"invalid engine URL \"%1\": %2"_s.arg(url, why);
    if (!text.endsWith(u'.'))
        text += u'.';
    return text;
}

bool isHostNameChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-' ||
           c == u'.' || c == u'_';
}

struct HostPort
{
    QString host;
    int port = -1; // -1: not given
};

// "name", "name:port", "[v6]" or "[v6]:port". Returns the reason on failure.
Expected<HostPort, QString> splitHostPort(const QString& text)
{
    HostPort out;
    QString portText;
    bool hasPort = false;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return u"the IPv6 address has no closing \"]\""_s;
        out.host = text.mid(1, close - 1);
        const QHostAddress address(out.host);
        if (address.isNull() || address.protocol() != QAbstractSocket::IPv6Protocol)
            return u"\"%1\" inside the brackets is not an IPv6 address"_s.arg(out.host);
        const QString after = text.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(u':'))
                return u"unexpected \"%1\" after the IPv6 address"_s.arg(after);
            hasPort = true;
            portText = after.mid(1);
        }
    } else {
        if (text.count(u':') > 1)
            return u"an IPv6 address must be written in brackets, e.g. tcp://[::1]:2376"_s;
        const qsizetype colon = text.indexOf(u':');
        out.host = colon < 0 ? text : text.left(colon);
        if (colon >= 0) {
            hasPort = true;
            portText = text.mid(colon + 1);
        }
        for (const QChar c : std::as_const(out.host)) {
            if (!isHostNameChar(c))
                return u"the host name \"%1\" contains \"%2\", which a host name cannot contain"_s.arg(
                    out.host, QString(c));
        }
    }
    if (hasPort) {
        if (portText.isEmpty())
            return u"the port after \":\" is empty"_s;
        bool ok = false;
        const int port = portText.toInt(&ok);
        // toInt accepts a sign; a port is digits only.
        if (!ok || portText.front() == u'+' || portText.front() == u'-' || port < 1 || port > 65535)
            return u"the port \"%1\" is not a number from 1 to 65535"_s.arg(portText);
        out.port = port;
    }
    return out;
}

Expected<Endpoint, QString> parseUnix(const QString& url, const QString& path)
{
    if (path.isEmpty())
        return invalid(url,
                       u"the socket path is missing; write unix:///var/run/docker.sock (three slashes)"_s);
    if (!path.startsWith(u'/'))
        return invalid(url, u"the socket path \"%1\" is not absolute; write unix:///absolute/path "
                            u"(three slashes)"_s.arg(path));
    if (path.toLocal8Bit().size() > kMaxUnixPathBytes)
        return invalid(url,
                       u"the socket path is longer than the %1 bytes a unix socket address can hold"_s.arg(
                           kMaxUnixPathBytes));
    Endpoint e;
    e.scheme = Endpoint::Scheme::Unix;
    e.socketPath = path;
    return e;
}

// tcp://, http://, https:// and ssh:// share the authority syntax; only ssh takes a user.
Expected<Endpoint, QString> parseNetwork(const QString& url, const QString& scheme, const QString& rest)
{
    const bool ssh = scheme == u"ssh"_s;
    qsizetype end = rest.size();
    for (const QChar stop : {u'/', u'?', u'#'}) {
        const qsizetype at = rest.indexOf(stop);
        if (at >= 0 && at < end)
            end = at;
    }
    QString authority = rest.left(end);
    const QString tail = rest.mid(end);
    // A lone trailing "/" on tcp:// is harmless; the engine API has no base path here, and ssh's
    // connection helper refuses any path, as the docker CLI's does.
    if (!tail.isEmpty() && !(tail == u"/"_s && !ssh))
        return invalid(url, u"%1:// URLs take no path, query or fragment, but \"%2\" follows the host"_s.arg(
                                scheme, tail));

    Endpoint e;
    const qsizetype at = authority.lastIndexOf(u'@');
    if (at >= 0) {
        if (!ssh)
            return invalid(url, u"%1:// URLs take no user name; only ssh:// does"_s.arg(scheme));
        e.user = authority.left(at);
        authority = authority.mid(at + 1);
        if (e.user.contains(u':'))
            return invalid(url, u"passwords in ssh:// URLs are not supported; use an ssh key or agent"_s);
        if (e.user.isEmpty())
            return invalid(url, u"the user name before \"@\" is empty"_s);
    }

    const auto split = splitHostPort(authority);
    if (!split)
        return invalid(url, split.error());
    e.host = split->host;

    if (ssh) {
        if (e.host.isEmpty())
            return invalid(url, u"the host is missing; write ssh://[user@]host[:port]"_s);
        e.scheme = Endpoint::Scheme::Ssh;
        e.port = quint16(split->port < 0 ? 0 : split->port);
        return e;
    }

    // The docker CLI reads tcp://:2375 as localhost.
    if (e.host.isEmpty())
        e.host = u"localhost"_s;
    const bool https = scheme == u"https"_s;
    e.scheme = Endpoint::Scheme::Tcp;
    e.port = quint16(split->port >= 0 ? split->port : (https ? kDefaultTlsPort : kDefaultTcpPort));
    if (https) {
        // An https URL asks for a verified server; the system CAs apply unless a CA file is given.
        e.tls.enabled = true;
        e.tls.verifyPeer = true;
    }
    return e;
}

QString hostForUrl(const QString& host)
{
    return host.contains(u':') ? QString(u'[' + host + u']') : host;
}

} // namespace

QString Endpoint::url() const
{
    switch (scheme) {
    case Scheme::Unix:
        return u"unix://"_s + socketPath;
    case Scheme::Tcp:
        return u"tcp://"_s + hostForUrl(host) + u':' + QString::number(port);
    case Scheme::Ssh: {
        QString text = u"ssh://"_s;
        if (!user.isEmpty())
            text += user + u'@';
        text += hostForUrl(host);
        if (port != 0)
            text += u':' + QString::number(port);
        return text;
    }
    }
    return {};
}

Expected<Endpoint, QString> parseEndpoint(const QString& url)
{
    const QString text = url.trimmed();
    if (text.isEmpty())
        return QString(u"the engine URL is empty; "_s + kSupported + u'.');

    // docker -H takes a bare path; we read it as the socket it obviously means.
    if (text.startsWith(u'/'))
        return parseUnix(text, text);

    const qsizetype sep = text.indexOf(u"://"_s);
    if (sep < 0) {
        // The docker CLI reads a scheme-less "host:port" as tcp; require the port so that a typo
        // such as "unix:/path" is not taken for a host.
        const auto split = splitHostPort(text);
        if (split && split->port > 0 && !split->host.isEmpty())
            return parseNetwork(text, u"tcp"_s, text);
        return invalid(text, u"it has no scheme; "_s + kSupported);
    }

    const QString scheme = text.left(sep).toLower();
    const QString rest = text.mid(sep + 3);
    if (scheme == u"unix"_s)
        return parseUnix(text, rest);
    if (scheme == u"tcp"_s || scheme == u"http"_s || scheme == u"https"_s || scheme == u"ssh"_s)
        return parseNetwork(text, scheme, rest);
    if (scheme == u"npipe"_s)
        return invalid(text, u"Windows named pipes (npipe://) are not supported here; "_s + kSupported);
    return invalid(text, u"the scheme \"%1://\" is not supported; "_s.arg(scheme) + kSupported);
}

} // namespace dockpulse::docker
