#include "EndpointResolver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>

namespace dockpulse::docker {

using namespace Qt::StringLiterals;

namespace {

const QString kDefaultContext = u"default"_s;

// The docker CLI's context store names each context's folder by the SHA-256 of its name.
QString contextDirName(const QString& name)
{
    return QString::fromLatin1(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

// Reads a file that must hold a JSON object; the error names the file and what is wrong with it.
Expected<QJsonObject, QString> readJsonObject(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"cannot read %1: %2"_s.arg(native(path), file.errorString());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return u"%1 is not valid JSON (%2 at offset %3)"_s.arg(native(path), parseError.errorString())
            .arg(parseError.offset);
    if (!doc.isObject())
        return u"%1 does not hold a JSON object"_s.arg(native(path));
    return doc.object();
}

// Fills ca/cert/key from a folder, keeping only the files that exist. A client certificate
// without its key (or the reverse) cannot be used, so that is an error.
Expected<Endpoint::Tls, QString> tlsFilesFrom(const QString& dir, Endpoint::Tls tls)
{
    const auto existing = [&](const QString& file) {
        const QString path = QDir(dir).filePath(file);
        return QFileInfo::exists(path) ? path : QString();
    };
    tls.caFile = existing(u"ca.pem"_s);
    tls.certFile = existing(u"cert.pem"_s);
    tls.keyFile = existing(u"key.pem"_s);
    if (tls.certFile.isEmpty() != tls.keyFile.isEmpty())
        return u"%1 holds %2 but not %3; a client certificate needs both cert.pem and key.pem"_s.arg(
            native(dir), tls.certFile.isEmpty() ? u"key.pem"_s : u"cert.pem"_s,
            tls.certFile.isEmpty() ? u"cert.pem"_s : u"key.pem"_s);
    return tls;
}

} // namespace

EndpointResolver::EndpointResolver(QProcessEnvironment env, QString home)
    : m_env(std::move(env)), m_home(std::move(home))
{}

QString EndpointResolver::configDir() const
{
    const QString fromEnv = m_env.value(u"DOCKER_CONFIG"_s);
    if (!fromEnv.isEmpty())
        return QDir::cleanPath(fromEnv);
    QString home = m_home;
    if (home.isEmpty())
        home = m_env.value(u"HOME"_s);
    if (home.isEmpty())
        home = QDir::homePath();
    return QDir::cleanPath(home + u"/.docker"_s);
}

Expected<Endpoint, QString> EndpointResolver::applyTlsEnvironment(Endpoint endpoint) const
{
    // As the docker CLI: DOCKER_TLS_VERIFY or DOCKER_TLS (any non-empty value, even "0") turns TLS
    // on; DOCKER_CERT_PATH alone does not, it only says where the files are.
    const bool verify = !m_env.value(u"DOCKER_TLS_VERIFY"_s).isEmpty();
    const bool tls = verify || !m_env.value(u"DOCKER_TLS"_s).isEmpty();
    if (!tls || endpoint.scheme != Endpoint::Scheme::Tcp)
        return endpoint;

    QString certDir = m_env.value(u"DOCKER_CERT_PATH"_s);
    if (certDir.isEmpty())
        certDir = configDir();
    const QString variable = verify ? u"DOCKER_TLS_VERIFY"_s : u"DOCKER_TLS"_s;
    const QString ca = QDir(certDir).filePath(u"ca.pem"_s);
    // The CLI refuses to start without the CA file once TLS is on from the environment.
    if (!QFileInfo::exists(ca))
        return u"%1 is set, but %2 does not exist. Put ca.pem, cert.pem and key.pem there, or point "
               u"DOCKER_CERT_PATH at the folder that holds them."_s.arg(variable, native(ca));

    Endpoint::Tls settings;
    settings.enabled = true;
    settings.verifyPeer = verify;
    auto files = tlsFilesFrom(certDir, settings);
    if (!files)
        return u"%1 is set, but %2"_s.arg(variable, files.error());
    endpoint.tls = files.value();
    return endpoint;
}

Expected<ResolvedEndpoint, QString> EndpointResolver::defaultEndpoint(const QString& source) const
{
    const bool tls =
        !m_env.value(u"DOCKER_TLS_VERIFY"_s).isEmpty() || !m_env.value(u"DOCKER_TLS"_s).isEmpty();
    if (!tls) {
        Endpoint e;
        e.scheme = Endpoint::Scheme::Unix;
        e.socketPath = QString::fromLatin1(kDefaultUnixSocket);
        return ResolvedEndpoint{e, source};
    }
    // With TLS asked for and no host, the docker CLI talks to tcp://localhost:2376.
    Endpoint e;
    e.scheme = Endpoint::Scheme::Tcp;
    e.host = u"localhost"_s;
    e.port = 2376;
    auto withTls = applyTlsEnvironment(e);
    if (!withTls)
        return withTls.error();
    const QString variable =
        m_env.value(u"DOCKER_TLS_VERIFY"_s).isEmpty() ? u"DOCKER_TLS"_s : u"DOCKER_TLS_VERIFY"_s;
    return ResolvedEndpoint{withTls.value(), u"%1 (%2 is set)"_s.arg(source, variable)};
}

Expected<ResolvedEndpoint, QString> EndpointResolver::namedContext(const QString& name, const QString& source,
                                                                   const QString& remedy) const
{
    if (name == kDefaultContext)
        return defaultEndpoint(source);
    auto endpoint = contextEndpoint(name);
    if (!endpoint)
        return QString(endpoint.error() + u' ' + remedy);
    return ResolvedEndpoint{endpoint.value(), source};
}

Expected<ResolvedEndpoint, QString> EndpointResolver::resolve() const
{
    const QString host = m_env.value(u"DOCKER_HOST"_s);
    if (!host.isEmpty()) {
        auto parsed = parseEndpoint(host);
        if (!parsed)
            return QString(u"DOCKER_HOST is unusable: "_s + parsed.error());
        auto withTls = applyTlsEnvironment(parsed.value());
        if (!withTls)
            return withTls.error();
        return ResolvedEndpoint{withTls.value(), u"DOCKER_HOST"_s};
    }

    const QString envContext = m_env.value(u"DOCKER_CONTEXT"_s);
    if (!envContext.isEmpty())
        return namedContext(envContext, u"DOCKER_CONTEXT \"%1\""_s.arg(envContext),
                            u"DOCKER_CONTEXT names this context; unset it or name one that "
                            u"\"docker context ls\" lists."_s);

    const QString configPath = QDir(configDir()).filePath(u"config.json"_s);
    if (QFileInfo::exists(configPath)) {
        auto config = readJsonObject(configPath);
        if (!config)
            return QString(u"The docker config file cannot be used: "_s + config.error() +
                           u". Fix or remove it, or set DOCKER_HOST."_s);
        const QJsonValue current = config->value(u"currentContext"_s);
        if (!current.isUndefined() && !current.isNull() && !current.isString())
            return u"The docker config file %1 is malformed: \"currentContext\" is not a string."_s.arg(
                native(configPath));
        const QString name = current.toString();
        if (!name.isEmpty())
            return namedContext(name, u"context \"%1\" (config.json)"_s.arg(name),
                                u"It is the current context in %1; choose another with "
                                u"\"docker context use\"."_s.arg(native(configPath)));
    }
    return defaultEndpoint(kDefaultContext);
}

Expected<Endpoint, QString> EndpointResolver::contextEndpoint(const QString& name) const
{
    const QString dirName = contextDirName(name);
    const QString metaPath = configDir() + u"/contexts/meta/"_s + dirName + u"/meta.json"_s;
    if (!QFileInfo::exists(metaPath))
        return u"Context \"%1\" does not exist: %2 is missing."_s.arg(name, native(metaPath));
    auto meta = readJsonObject(metaPath);
    if (!meta)
        return u"Context \"%1\" cannot be read: %2."_s.arg(name, meta.error());

    const QJsonValue docker = meta->value(u"Endpoints"_s).toObject().value(u"docker"_s);
    if (!docker.isObject())
        return u"Context \"%1\" has no docker endpoint in %2."_s.arg(name, native(metaPath));
    const QJsonObject dockerObject = docker.toObject();
    const QJsonValue hostValue = dockerObject.value(u"Host"_s);
    if (!hostValue.isUndefined() && !hostValue.isNull() && !hostValue.isString())
        return u"Context \"%1\" is malformed: \"Host\" in %2 is not a string."_s.arg(name, native(metaPath));

    Endpoint endpoint;
    const QString host = hostValue.toString();
    if (host.isEmpty()) {
        // The docker CLI's client falls back to its built-in default socket for an empty Host.
        endpoint.socketPath = QString::fromLatin1(kDefaultUnixSocket);
    } else {
        auto parsed = parseEndpoint(host);
        if (!parsed)
            return u"Context \"%1\" in %2 has an unusable host: %3"_s.arg(name, native(metaPath),
                                                                          parsed.error());
        endpoint = parsed.value();
    }
    if (endpoint.scheme != Endpoint::Scheme::Tcp)
        return endpoint;

    // TLS is on when the context carries TLS files, or when it asks to skip verification (which
    // the CLI honours with TLS even without files).
    const bool skipVerify = dockerObject.value(u"SkipTLSVerify"_s).toBool(false);
    const QString tlsDir = configDir() + u"/contexts/tls/"_s + dirName + u"/docker"_s;
    auto files = tlsFilesFrom(tlsDir, endpoint.tls);
    if (!files)
        return u"Context \"%1\" has unusable TLS files: %2."_s.arg(name, files.error());
    Endpoint::Tls tls = files.value();
    const bool hasFiles = !tls.caFile.isEmpty() || !tls.certFile.isEmpty();
    if (hasFiles || skipVerify || tls.enabled) {
        tls.enabled = true;
        tls.verifyPeer = !skipVerify;
    }
    endpoint.tls = tls;
    return endpoint;
}

QStringList EndpointResolver::contextNames() const
{
    QStringList names;
    const QDir metaRoot(configDir() + u"/contexts/meta"_s);
    const QStringList dirs = metaRoot.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& dir : dirs) {
        // A broken context is skipped here; resolving it reports the problem.
        const auto meta = readJsonObject(metaRoot.filePath(dir + u"/meta.json"_s));
        if (!meta)
            continue;
        // Only list what contextEndpoint() can find again: the folder must be the name's digest.
        const QString name = meta->value(u"Name"_s).toString();
        if (!name.isEmpty() && name != kDefaultContext && contextDirName(name) == dir)
            names.append(name);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    names.prepend(kDefaultContext);
    return names;
}

} // namespace dockpulse::docker
