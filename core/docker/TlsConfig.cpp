#include "TlsConfig.h"

#include <QDir>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace dockpulse::docker {

using namespace Qt::StringLiterals;

namespace {

const QString kFilesRemedy = u"DOCKER_CERT_PATH (or the context's TLS folder) must hold ca.pem, and "
                             u"cert.pem with key.pem for the client certificate"_s;

Expected<QByteArray, EngineError> readFile(const Endpoint& endpoint, const QString& path, const QString& what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return EngineError::make(
            EngineError::Kind::Tls, endpoint.url(),
            u"cannot read the %1 %2: %3"_s.arg(what, QDir::toNativeSeparators(path), file.errorString()),
            kFilesRemedy + u'.');
    return file.readAll();
}

EngineError notPem(const Endpoint& endpoint, const QString& path, const QString& what, const QString& detail)
{
    return EngineError::make(EngineError::Kind::Tls, endpoint.url(),
                             u"%1 is not a usable %2: %3"_s.arg(QDir::toNativeSeparators(path), what, detail),
                             u"Give the PEM files that docker itself uses; "_s + kFilesRemedy + u'.');
}

// key.pem may hold an RSA, EC or (rarely) DSA key; Qt wants the algorithm named.
QSslKey parseKey(const QByteArray& pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

} // namespace

Expected<QSslConfiguration, EngineError> tlsConfiguration(const Endpoint& endpoint)
{
    if (!QSslSocket::supportsSsl())
        return EngineError::make(
            EngineError::Kind::Tls, endpoint.url(),
            u"this Qt has no working TLS backend (%1), so tcp:// with TLS cannot be used"_s.arg(
                QSslSocket::sslLibraryVersionString().isEmpty() ? u"OpenSSL was not found"_s
                                                                : QSslSocket::sslLibraryVersionString()),
            u"Install OpenSSL 3 (Debian: apt-get install libssl3) and start dockpulse again."_s);

    const Endpoint::Tls& tls = endpoint.tls;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(tls.verifyPeer ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);

    if (!tls.caFile.isEmpty()) {
        auto pem = readFile(endpoint, tls.caFile, u"CA certificate"_s);
        if (!pem)
            return pem.error();
        const QList<QSslCertificate> cas = QSslCertificate::fromData(pem.value(), QSsl::Pem);
        if (cas.isEmpty())
            return notPem(endpoint, tls.caFile, u"CA certificate"_s, u"it holds no PEM certificate"_s);
        // As the docker CLI: a CA file replaces the system's trust store for this engine.
        config.setCaCertificates(cas);
    }

    if (tls.certFile.isEmpty() != tls.keyFile.isEmpty())
        return EngineError::make(
            EngineError::Kind::Tls, endpoint.url(),
            u"a client certificate needs both cert.pem and key.pem, but only %1 is given"_s.arg(
                QDir::toNativeSeparators(tls.certFile.isEmpty() ? tls.keyFile : tls.certFile)),
            kFilesRemedy + u'.');
    if (!tls.certFile.isEmpty()) {
        auto certPem = readFile(endpoint, tls.certFile, u"client certificate"_s);
        if (!certPem)
            return certPem.error();
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem.value(), QSsl::Pem);
        if (chain.isEmpty())
            return notPem(endpoint, tls.certFile, u"client certificate"_s, u"it holds no PEM certificate"_s);
        auto keyPem = readFile(endpoint, tls.keyFile, u"client key"_s);
        if (!keyPem)
            return keyPem.error();
        const QSslKey key = parseKey(keyPem.value());
        if (key.isNull())
            return notPem(endpoint, tls.keyFile, u"client key"_s,
                          u"it holds no unencrypted PEM private key (RSA or EC); a key protected by a "
                          u"passphrase cannot be used"_s);
        config.setLocalCertificateChain(chain);
        config.setPrivateKey(key);
    }
    return config;
}

} // namespace dockpulse::docker
