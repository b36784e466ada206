#include "TlsDiagnosis.h"

#include <QDir>
#include <QSslCertificate>

namespace dockpulse::docker {

using namespace Qt::StringLiterals;

namespace {

EngineError tlsError(const Endpoint& endpoint, const QString& message, const QString& remedy)
{
    return EngineError::make(EngineError::Kind::Tls, endpoint.url(), message, remedy);
}

QString caName(const Endpoint& endpoint)
{
    return endpoint.tls.caFile.isEmpty() ? u"the system's trusted CAs"_s
                                         : QDir::toNativeSeparators(endpoint.tls.caFile);
}

bool isTrustError(QSslError::SslError e)
{
    switch (e) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateRejected:
    case QSslError::InvalidCaCertificate:
    case QSslError::CertificateSignatureFailed:
    case QSslError::UnableToDecryptCertificateSignature:
        return true;
    default:
        return false;
    }
}

// The names the engine's certificate is valid for, for the hostname mismatch message.
QString certificateNames(const QSslCertificate& cert)
{
    QStringList names;
    const auto alt = cert.subjectAlternativeNames();
    for (auto it = alt.cbegin(); it != alt.cend(); ++it)
        names << it.value();
    if (names.isEmpty())
        names = cert.subjectInfo(QSslCertificate::CommonName);
    names.removeDuplicates();
    return names.isEmpty() ? u"no host name"_s : names.join(u", "_s);
}

EngineError fromVerifyErrors(const Endpoint& endpoint, const QList<QSslError>& errors)
{
    for (const QSslError& e : errors) {
        if (isTrustError(e.error()))
            return tlsError(endpoint,
                            u"the engine's TLS certificate is not trusted: it is not signed by %1 (%2)"_s.arg(
                                caName(endpoint), e.errorString()),
                            u"Use the CA that signed the engine's certificate as ca.pem in DOCKER_CERT_PATH "
                            u"(or the context's TLS folder)."_s);
    }
    for (const QSslError& e : errors) {
        if (e.error() == QSslError::HostNameMismatch)
            return tlsError(endpoint,
                            u"the engine's TLS certificate is not valid for \"%1\"; it names %2"_s.arg(
                                endpoint.host, certificateNames(e.certificate())),
                            u"Connect with a name the certificate names, or issue the engine a certificate "
                            u"whose subjectAltName includes \"%1\"."_s.arg(endpoint.host));
    }
    for (const QSslError& e : errors) {
        if (e.error() == QSslError::CertificateExpired || e.error() == QSslError::CertificateNotYetValid)
            return tlsError(endpoint, u"the engine's TLS certificate %1"_s.arg(e.errorString().toLower()),
                            u"Renew the engine's certificate, and check both machines' clocks."_s);
    }
    QStringList texts;
    for (const QSslError& e : errors)
        texts << e.errorString();
    texts.removeDuplicates();
    return tlsError(endpoint, u"the engine's TLS certificate was refused: %1"_s.arg(texts.join(u"; "_s)),
                    u"Check ca.pem in DOCKER_CERT_PATH and the engine's certificate."_s);
}

EngineError fromAlert(const Endpoint& endpoint, QSsl::AlertType alert, const QString& text)
{
    const bool sentCertificate = !endpoint.tls.certFile.isEmpty();
    const QString detail = text.isEmpty() ? QString() : u" (%1)"_s.arg(text);
    const bool aboutOurCertificate =
        alert == QSsl::AlertType::CertificateRequired || alert == QSsl::AlertType::BadCertificate ||
        alert == QSsl::AlertType::UnknownCa || alert == QSsl::AlertType::CertificateUnknown ||
        alert == QSsl::AlertType::UnsupportedCertificate || alert == QSsl::AlertType::CertificateRevoked ||
        alert == QSsl::AlertType::CertificateExpired || alert == QSsl::AlertType::AccessDenied;
    if (aboutOurCertificate && !sentCertificate)
        return tlsError(endpoint,
                        u"the engine requires a client certificate and none was given%1"_s.arg(detail),
                        u"Put cert.pem and key.pem, signed by a CA the engine trusts, in DOCKER_CERT_PATH "
                        u"(or the context's TLS folder)."_s);
    if (aboutOurCertificate)
        return tlsError(endpoint,
                        u"the engine refused our client certificate %1%2"_s.arg(
                            QDir::toNativeSeparators(endpoint.tls.certFile), detail),
                        u"Use a client certificate signed by the CA the engine trusts (its --tlscacert)."_s);
    return tlsError(endpoint, u"the engine ended the TLS handshake%1"_s.arg(detail),
                    u"Check that the engine's TLS settings and ours (DOCKER_CERT_PATH) belong together."_s);
}

} // namespace

EngineError diagnoseTls(const Endpoint& endpoint, const TlsFailure& failure)
{
    if (!failure.verifyErrors.isEmpty())
        return fromVerifyErrors(endpoint, failure.verifyErrors);
    if (failure.alert)
        return fromAlert(endpoint, *failure.alert, failure.alertText);

    const QString text = failure.socketError;
    // OpenSSL's words when the other end answers in plain HTTP.
    if (text.contains(u"wrong version number"_s) || text.contains(u"packet length too long"_s) ||
        text.contains(u"http request"_s, Qt::CaseInsensitive))
        return tlsError(endpoint, u"the engine does not speak TLS on this port (%1)"_s.arg(text),
                        u"It listens in plain TCP: unset DOCKER_TLS_VERIFY/DOCKER_TLS, or use the engine's "
                        u"TLS port."_s);
    if (text.contains(u"certificate required"_s) || text.contains(u"bad certificate"_s))
        return fromAlert(endpoint,
                         text.contains(u"certificate required"_s) ? QSsl::AlertType::CertificateRequired
                                                                  : QSsl::AlertType::BadCertificate,
                         text);
    return tlsError(endpoint, u"TLS failed: %1"_s.arg(text.isEmpty() ? u"unknown error"_s : text),
                    u"Check DOCKER_CERT_PATH and the engine's TLS settings."_s);
}

} // namespace dockpulse::docker
