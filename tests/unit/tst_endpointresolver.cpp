#include "EndpointResolver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::docker::Endpoint;
using dockpulse::docker::EndpointResolver;

Q_DECLARE_METATYPE(Endpoint::Tls)

namespace {

// `printf %s myctx | sha256sum`: the folder the docker CLI stores context "myctx" in.
const QString kMyctxDigest = u"b7dd5ada797513b6d710c626fc86ceafdc1747c4c4375a2213c763d9060c1720"_s;

QString digest(const QString& name)
{
    return QString::fromLatin1(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString metaJson(const QString& name, const QString& host, bool skipTlsVerify = false)
{
    return uR"({"Name":"%1","Metadata":{},"Endpoints":{"docker":{"Host":"%2","SkipTLSVerify":%3}}})"_s.arg(
        name, host, skipTlsVerify ? u"true"_s : u"false"_s);
}

// "@" in a row stands for the temporary folder, which is only known at run time.
QString at(QString text, const QString& root)
{
    return text.replace(u'@', root);
}

Endpoint::Tls makeTls(bool verify, const QString& dir = {}, const QStringList& files = {})
{
    Endpoint::Tls t;
    t.enabled = true;
    t.verifyPeer = verify;
    if (files.contains(u"ca"_s))
        t.caFile = dir + u"/ca.pem"_s;
    if (files.contains(u"cert"_s))
        t.certFile = dir + u"/cert.pem"_s;
    if (files.contains(u"key"_s))
        t.keyFile = dir + u"/key.pem"_s;
    return t;
}

const QStringList kAllFiles{u"ca"_s, u"cert"_s, u"key"_s};

QString contextTlsDir(const QString& config, const QString& name)
{
    return config + u"/contexts/tls/"_s + digest(name) + u"/docker"_s;
}

} // namespace

class TestEndpointResolver : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    static void write(const QString& path, const QString& content)
    {
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
        file.write(content.toUtf8());
    }
    void writeContext(const QString& config, const QString& name, const QString& meta,
                      const QStringList& tlsFiles = {})
    {
        write(config + u"/contexts/meta/"_s + digest(name) + u"/meta.json"_s, meta);
        for (const QString& file : tlsFiles)
            write(contextTlsDir(config, name) + u'/' + file + u".pem"_s, u"pem"_s);
    }
    void writeCerts(const QString& dir, const QStringList& files)
    {
        QVERIFY(QDir().mkpath(dir));
        for (const QString& file : files)
            write(dir + u'/' + file + u".pem"_s, u"pem"_s);
    }

    static QProcessEnvironment environment(const QStringList& vars, const QString& root)
    {
        QProcessEnvironment env;
        for (const QString& var : vars) {
            const qsizetype eq = var.indexOf(u'=');
            env.insert(var.left(eq), at(var.mid(eq + 1), root));
        }
        return env;
    }

    static void addRow(const char* name, const QStringList& env, const QString& url, const QString& source,
                       const Endpoint::Tls& expectedTls = {}, const QString& home = u"@/nohome"_s)
    {
        QTest::newRow(name) << env << home << url << source << expectedTls << QStringList();
    }
    static void addError(const char* name, const QStringList& env, const QStringList& mentions)
    {
        QTest::newRow(name) << env << u"@/nohome"_s << QString() << QString() << Endpoint::Tls() << mentions;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const QString root = m_tmp.path();
        const QString cfg = root + u"/cfg"_s;

        write(cfg + u"/config.json"_s, uR"({"auths":{},"currentContext":"myctx"})"_s);
        // Written by hand at the known digest so that the test pins the store's naming scheme.
        write(cfg + u"/contexts/meta/"_s + kMyctxDigest + u"/meta.json"_s,
              metaJson(u"myctx"_s, u"tcp://1.2.3.4:2376"_s));
        writeContext(cfg, u"tlsctx"_s, metaJson(u"tlsctx"_s, u"tcp://tls.example:2376"_s),
                     {u"ca"_s, u"cert"_s, u"key"_s});
        writeContext(cfg, u"skipctx"_s, metaJson(u"skipctx"_s, u"tcp://10.0.0.5:2376"_s, true));
        writeContext(cfg, u"caonly"_s, metaJson(u"caonly"_s, u"tcp://ca.example:2376"_s), {u"ca"_s});
        writeContext(cfg, u"halfcert"_s, metaJson(u"halfcert"_s, u"tcp://h:2376"_s), {u"cert"_s});
        writeContext(cfg, u"sshctx"_s, metaJson(u"sshctx"_s, u"ssh://deploy@build:2222"_s));
        writeContext(cfg, u"emptyhost"_s, metaJson(u"emptyhost"_s, QString()));
        writeContext(cfg, u"badhost"_s, metaJson(u"badhost"_s, u"tcp://h:99999"_s));
        writeContext(cfg, u"noendpoint"_s, uR"({"Name":"noendpoint","Metadata":{},"Endpoints":{}})"_s);
        writeContext(cfg, u"nonstring"_s, uR"({"Name":"nonstring","Endpoints":{"docker":{"Host":42}}})"_s);
        writeContext(cfg, u"broken"_s, uR"({"Name":"broken","Endpoints":)"_s);
        writeContext(cfg, u"arrayctx"_s, u"[1,2]"_s);
        // Not at its digest: the CLI could not find it, so neither do we.
        write(cfg + u"/contexts/meta/plainname/meta.json"_s, metaJson(u"plainname"_s, u"tcp://p:1"_s));

        write(root + u"/gone/config.json"_s, uR"({"currentContext":"gone"})"_s);
        write(root + u"/badconfig/config.json"_s, uR"({"currentContext":)"_s);
        write(root + u"/numcurrent/config.json"_s, uR"({"currentContext":7})"_s);
        write(root + u"/nocurrent/config.json"_s, uR"({"auths":{}})"_s);
        write(root + u"/curdefault/config.json"_s, uR"({"currentContext":"default"})"_s);
        QVERIFY(QDir().mkpath(root + u"/empty"_s));

        const QString homeDocker = root + u"/home/.docker"_s;
        write(homeDocker + u"/config.json"_s, uR"({"currentContext":"homectx"})"_s);
        writeContext(homeDocker, u"homectx"_s, metaJson(u"homectx"_s, u"tcp://home.example"_s));

        writeCerts(root + u"/certs"_s, kAllFiles);
        writeCerts(root + u"/cacerts"_s, {u"ca"_s});
        writeCerts(root + u"/certnokey"_s, {u"ca"_s, u"cert"_s});
        writeCerts(root + u"/nocerts"_s, {});
        writeCerts(root + u"/tlscfg"_s, kAllFiles);
    }

    void resolve_data()
    {
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("home");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("source");
        QTest::addColumn<Endpoint::Tls>("tls");
        QTest::addColumn<QStringList>("errorMentions"); // empty: resolution must succeed

        const QString sock = u"unix:///var/run/docker.sock"_s;
        const QString cfg = u"DOCKER_CONFIG=@/cfg"_s;
        const QString host = u"DOCKER_HOST=tcp://9.9.9.9:7"_s;

        // Precedence: DOCKER_HOST > DOCKER_CONTEXT > currentContext > default.
        addRow("nothing set", {u"DOCKER_CONFIG=@/empty"_s}, sock, u"default"_s);
        addRow("no config folder", {}, sock, u"default"_s);
        addRow("DOCKER_HOST", {host, cfg}, u"tcp://9.9.9.9:7"_s, u"DOCKER_HOST"_s);
        addRow("DOCKER_HOST beats DOCKER_CONTEXT",
               {u"DOCKER_HOST=unix:///h.sock"_s, u"DOCKER_CONTEXT=sshctx"_s, cfg}, u"unix:///h.sock"_s,
               u"DOCKER_HOST"_s);
        addRow("DOCKER_HOST beats a missing context",
               {host, u"DOCKER_CONTEXT=nope"_s, u"DOCKER_CONFIG=@/gone"_s}, u"tcp://9.9.9.9:7"_s,
               u"DOCKER_HOST"_s);
        addRow("DOCKER_CONTEXT beats currentContext", {u"DOCKER_CONTEXT=sshctx"_s, cfg},
               u"ssh://deploy@build:2222"_s, u"DOCKER_CONTEXT \"sshctx\""_s);
        addRow("currentContext beats default", {cfg}, u"tcp://1.2.3.4:2376"_s,
               u"context \"myctx\" (config.json)"_s);
        addRow("empty DOCKER_HOST is unset", {u"DOCKER_HOST="_s, cfg}, u"tcp://1.2.3.4:2376"_s,
               u"context \"myctx\" (config.json)"_s);
        addRow("empty DOCKER_CONTEXT is unset", {u"DOCKER_CONTEXT="_s, cfg}, u"tcp://1.2.3.4:2376"_s,
               u"context \"myctx\" (config.json)"_s);
        addRow("DOCKER_CONTEXT default", {u"DOCKER_CONTEXT=default"_s, cfg}, sock,
               u"DOCKER_CONTEXT \"default\""_s);
        addRow("currentContext default", {u"DOCKER_CONFIG=@/curdefault"_s}, sock,
               u"context \"default\" (config.json)"_s);
        addRow("config.json without currentContext", {u"DOCKER_CONFIG=@/nocurrent"_s}, sock, u"default"_s);
        addRow("~/.docker from home", {}, u"tcp://home.example:2375"_s,
               u"context \"homectx\" (config.json)"_s, {}, u"@/home"_s);
        addRow("~/.docker from HOME", {u"HOME=@/home"_s}, u"tcp://home.example:2375"_s,
               u"context \"homectx\" (config.json)"_s, {}, QString());
        addRow("DOCKER_CONFIG beats home", {u"DOCKER_CONFIG=@/empty"_s}, sock, u"default"_s, {}, u"@/home"_s);

        // Contexts and their TLS folders.
        addRow("context with tls files", {u"DOCKER_CONTEXT=tlsctx"_s, cfg}, u"tcp://tls.example:2376"_s,
               u"DOCKER_CONTEXT \"tlsctx\""_s,
               makeTls(true, contextTlsDir(u"@/cfg"_s, u"tlsctx"_s), kAllFiles));
        addRow("context skipping verification", {u"DOCKER_CONTEXT=skipctx"_s, cfg}, u"tcp://10.0.0.5:2376"_s,
               u"DOCKER_CONTEXT \"skipctx\""_s, makeTls(false));
        addRow("context with a CA only", {u"DOCKER_CONTEXT=caonly"_s, cfg}, u"tcp://ca.example:2376"_s,
               u"DOCKER_CONTEXT \"caonly\""_s,
               makeTls(true, contextTlsDir(u"@/cfg"_s, u"caonly"_s), {u"ca"_s}));
        addRow("context with an empty host", {u"DOCKER_CONTEXT=emptyhost"_s, cfg}, sock,
               u"DOCKER_CONTEXT \"emptyhost\""_s);
        addRow("context ignores the TLS variables",
               {u"DOCKER_CONTEXT=tlsctx"_s, u"DOCKER_TLS_VERIFY=1"_s, u"DOCKER_CERT_PATH=@/nocerts"_s, cfg},
               u"tcp://tls.example:2376"_s, u"DOCKER_CONTEXT \"tlsctx\""_s,
               makeTls(true, contextTlsDir(u"@/cfg"_s, u"tlsctx"_s), kAllFiles));

        // TLS from the environment, as the CLI applies it to DOCKER_HOST and the default context.
        addRow("DOCKER_TLS_VERIFY with DOCKER_CERT_PATH",
               {host, u"DOCKER_TLS_VERIFY=1"_s, u"DOCKER_CERT_PATH=@/certs"_s}, u"tcp://9.9.9.9:7"_s,
               u"DOCKER_HOST"_s, makeTls(true, u"@/certs"_s, kAllFiles));
        addRow("DOCKER_TLS_VERIFY keeps port 2375",
               {u"DOCKER_HOST=tcp://9.9.9.9"_s, u"DOCKER_TLS_VERIFY=1"_s, u"DOCKER_CERT_PATH=@/certs"_s},
               u"tcp://9.9.9.9:2375"_s, u"DOCKER_HOST"_s, makeTls(true, u"@/certs"_s, kAllFiles));
        addRow("DOCKER_TLS_VERIFY=0 still verifies",
               {host, u"DOCKER_TLS_VERIFY=0"_s, u"DOCKER_CERT_PATH=@/certs"_s}, u"tcp://9.9.9.9:7"_s,
               u"DOCKER_HOST"_s, makeTls(true, u"@/certs"_s, kAllFiles));
        addRow("DOCKER_TLS without verification", {host, u"DOCKER_TLS=1"_s, u"DOCKER_CERT_PATH=@/certs"_s},
               u"tcp://9.9.9.9:7"_s, u"DOCKER_HOST"_s, makeTls(false, u"@/certs"_s, kAllFiles));
        addRow("DOCKER_CERT_PATH alone is no TLS", {host, u"DOCKER_CERT_PATH=@/certs"_s},
               u"tcp://9.9.9.9:7"_s, u"DOCKER_HOST"_s);
        addRow("cert path defaults to the config folder",
               {host, u"DOCKER_TLS_VERIFY=1"_s, u"DOCKER_CONFIG=@/tlscfg"_s}, u"tcp://9.9.9.9:7"_s,
               u"DOCKER_HOST"_s, makeTls(true, u"@/tlscfg"_s, kAllFiles));
        addRow("CA without client certificate",
               {host, u"DOCKER_TLS_VERIFY=1"_s, u"DOCKER_CERT_PATH=@/cacerts"_s}, u"tcp://9.9.9.9:7"_s,
               u"DOCKER_HOST"_s, makeTls(true, u"@/cacerts"_s, {u"ca"_s}));
        addRow("TLS without a host is localhost:2376",
               {u"DOCKER_TLS_VERIFY=1"_s, u"DOCKER_CERT_PATH=@/certs"_s, u"DOCKER_CONFIG=@/empty"_s},
               u"tcp://localhost:2376"_s, u"default (DOCKER_TLS_VERIFY is set)"_s,
               makeTls(true, u"@/certs"_s, kAllFiles));
        addRow("TLS variables do not apply to ssh", {u"DOCKER_HOST=ssh://h"_s, u"DOCKER_TLS_VERIFY=1"_s},
               u"ssh://h"_s, u"DOCKER_HOST"_s);
        addRow("https host verifies", {u"DOCKER_HOST=https://h"_s}, u"tcp://h:2376"_s, u"DOCKER_HOST"_s,
               makeTls(true));

        // Errors name the variable or file and the problem.
        addError("malformed DOCKER_HOST", {u"DOCKER_HOST=tcp://h:99999"_s},
                 {u"DOCKER_HOST"_s, u"\"tcp://h:99999\""_s, u"1 to 65535"_s});
        addError("npipe DOCKER_HOST", {u"DOCKER_HOST=npipe:////./pipe/docker_engine"_s},
                 {u"DOCKER_HOST"_s, u"Windows named pipes"_s});
        addError("DOCKER_CONTEXT missing", {u"DOCKER_CONTEXT=nope"_s, cfg},
                 {u"Context \"nope\" does not exist"_s,
                  u"@/cfg/contexts/meta/"_s + digest(u"nope"_s) + u"/meta.json"_s, u"unset it"_s});
        addError("currentContext missing", {u"DOCKER_CONFIG=@/gone"_s},
                 {u"Context \"gone\" does not exist"_s, u"@/gone/config.json"_s, u"docker context use"_s});
        addError("malformed config.json", {u"DOCKER_CONFIG=@/badconfig"_s},
                 {u"@/badconfig/config.json"_s, u"not valid JSON"_s});
        addError("currentContext not a string", {u"DOCKER_CONFIG=@/numcurrent"_s},
                 {u"@/numcurrent/config.json"_s, u"\"currentContext\" is not a string"_s});
        addError("malformed meta.json", {u"DOCKER_CONTEXT=broken"_s, cfg},
                 {u"Context \"broken\""_s, digest(u"broken"_s) + u"/meta.json"_s, u"not valid JSON"_s});
        addError("meta.json not an object", {u"DOCKER_CONTEXT=arrayctx"_s, cfg},
                 {u"Context \"arrayctx\""_s, u"does not hold a JSON object"_s});
        addError("context host malformed", {u"DOCKER_CONTEXT=badhost"_s, cfg},
                 {u"Context \"badhost\""_s, u"unusable host"_s, u"\"99999\""_s});
        addError("context without docker endpoint", {u"DOCKER_CONTEXT=noendpoint"_s, cfg},
                 {u"Context \"noendpoint\""_s, u"no docker endpoint"_s});
        addError("context host not a string", {u"DOCKER_CONTEXT=nonstring"_s, cfg},
                 {u"\"Host\""_s, u"not a string"_s});
        addError("context cert without key", {u"DOCKER_CONTEXT=halfcert"_s, cfg},
                 {u"Context \"halfcert\""_s, u"TLS files"_s, u"key.pem"_s});
        addError("context stored under another folder", {u"DOCKER_CONTEXT=plainname"_s, cfg},
                 {u"Context \"plainname\" does not exist"_s});
        addError("DOCKER_TLS_VERIFY without ca.pem",
                 {host, u"DOCKER_TLS_VERIFY=1"_s, u"DOCKER_CERT_PATH=@/nocerts"_s},
                 {u"DOCKER_TLS_VERIFY is set"_s, u"@/nocerts/ca.pem"_s, u"DOCKER_CERT_PATH"_s});
        addError("DOCKER_TLS without ca.pem in the config folder",
                 {host, u"DOCKER_TLS=1"_s, u"DOCKER_CONFIG=@/empty"_s},
                 {u"DOCKER_TLS is set"_s, u"@/empty/ca.pem"_s});
        addError("TLS default host without ca.pem", {u"DOCKER_TLS_VERIFY=1"_s, u"DOCKER_CONFIG=@/empty"_s},
                 {u"@/empty/ca.pem"_s});
        addError("client certificate without key",
                 {host, u"DOCKER_TLS_VERIFY=1"_s, u"DOCKER_CERT_PATH=@/certnokey"_s},
                 {u"@/certnokey"_s, u"cert.pem but not key.pem"_s});
    }
    void resolve()
    {
        QFETCH(QStringList, env);
        QFETCH(QString, home);
        QFETCH(QString, url);
        QFETCH(QString, source);
        QFETCH(Endpoint::Tls, tls);
        QFETCH(QStringList, errorMentions);

        const QString root = m_tmp.path();
        const EndpointResolver resolver(environment(env, root), at(home, root));
        const auto resolved = resolver.resolve();
        if (!errorMentions.isEmpty()) {
            QVERIFY2(!resolved.hasValue(),
                     qPrintable(resolved.hasValue() ? resolved->endpoint.url() : QString()));
            for (const QString& mention : errorMentions)
                QVERIFY2(resolved.error().contains(at(mention, root)),
                         qPrintable(u"\"%1\" lacks \"%2\""_s.arg(resolved.error(), at(mention, root))));
            return;
        }
        QVERIFY2(resolved.hasValue(), qPrintable(resolved.hasValue() ? QString() : resolved.error()));
        QCOMPARE(resolved->endpoint.url(), url);
        QCOMPARE(resolved->source, source);
        const Endpoint::Tls& got = resolved->endpoint.tls;
        QCOMPARE(got.enabled, tls.enabled);
        QCOMPARE(got.verifyPeer, tls.verifyPeer);
        QCOMPARE(got.caFile, at(tls.caFile, root));
        QCOMPARE(got.certFile, at(tls.certFile, root));
        QCOMPARE(got.keyFile, at(tls.keyFile, root));
    }

    void contextFolderIsSha256OfName()
    {
        QCOMPARE(digest(u"myctx"_s), kMyctxDigest);
        QProcessEnvironment env;
        env.insert(u"DOCKER_CONFIG"_s, m_tmp.path() + u"/cfg"_s);
        const auto endpoint = EndpointResolver(env, {}).contextEndpoint(u"myctx"_s);
        QVERIFY2(endpoint.hasValue(), qPrintable(endpoint.hasValue() ? QString() : endpoint.error()));
        QCOMPARE(endpoint->url(), u"tcp://1.2.3.4:2376"_s);
        QVERIFY(!endpoint->tls.enabled);
    }

    void configDir_data()
    {
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("home");
        QTest::addColumn<QString>("expected");
        QTest::newRow("DOCKER_CONFIG")
            << QStringList{u"DOCKER_CONFIG=/etc/dc/"_s} << u"/home/u"_s << u"/etc/dc"_s;
        QTest::newRow("home") << QStringList{u"HOME=/home/other"_s} << u"/home/u"_s << u"/home/u/.docker"_s;
        QTest::newRow("HOME") << QStringList{u"HOME=/home/other"_s} << QString() << u"/home/other/.docker"_s;
        QTest::newRow("empty DOCKER_CONFIG")
            << QStringList{u"DOCKER_CONFIG="_s} << u"/home/u"_s << u"/home/u/.docker"_s;
    }
    void configDir()
    {
        QFETCH(QStringList, env);
        QFETCH(QString, home);
        QFETCH(QString, expected);
        QCOMPARE(EndpointResolver(environment(env, {}), home).configDir(), expected);
    }

    void contextNames_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QStringList>("expected");
        // Broken and misplaced contexts are left out; resolving them explains why.
        QTest::newRow("fixture") << u"@/cfg"_s
                                 << QStringList{u"default"_s,  u"badhost"_s, u"caonly"_s,     u"emptyhost"_s,
                                                u"halfcert"_s, u"myctx"_s,   u"noendpoint"_s, u"nonstring"_s,
                                                u"skipctx"_s,  u"sshctx"_s,  u"tlsctx"_s};
        QTest::newRow("no contexts") << u"@/empty"_s << QStringList{u"default"_s};
        QTest::newRow("missing folder") << u"@/nowhere"_s << QStringList{u"default"_s};
        QTest::newRow("docker CLI store")
            << QStringLiteral(DOCKPULSE_SOURCE_DIR "/tests/data/contexts/docker-cli")
            << QStringList{u"default"_s, u"insecure"_s, u"myctx"_s, u"viassh"_s, u"withtls"_s};
    }
    void contextNames()
    {
        QFETCH(QString, config);
        QFETCH(QStringList, expected);
        QProcessEnvironment env;
        env.insert(u"DOCKER_CONFIG"_s, at(config, m_tmp.path()));
        QCOMPARE(EndpointResolver(env, {}).contextNames(), expected);
    }

    // A store the real docker CLI wrote (see tests/data/contexts/README.md).
    void dockerCliStore_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("source");
        QTest::addColumn<Endpoint::Tls>("tls");
        const QString store = QStringLiteral(DOCKPULSE_SOURCE_DIR "/tests/data/contexts/docker-cli");
        QTest::newRow("currentContext") << QString() << u"tcp://1.2.3.4:2376"_s
                                        << u"context \"myctx\" (config.json)"_s << Endpoint::Tls();
        QTest::newRow("withtls") << u"withtls"_s << u"tcp://[::1]:2376"_s << u"DOCKER_CONTEXT \"withtls\""_s
                                 << makeTls(true, contextTlsDir(store, u"withtls"_s), kAllFiles);
        QTest::newRow("insecure") << u"insecure"_s << u"tcp://10.0.0.5:2376"_s
                                  << u"DOCKER_CONTEXT \"insecure\""_s << makeTls(false);
        QTest::newRow("viassh") << u"viassh"_s << u"ssh://deploy@build.example.com:2222"_s
                                << u"DOCKER_CONTEXT \"viassh\""_s << Endpoint::Tls();
    }
    void dockerCliStore()
    {
        QFETCH(QString, context);
        QFETCH(QString, url);
        QFETCH(QString, source);
        QFETCH(Endpoint::Tls, tls);
        QProcessEnvironment env;
        env.insert(u"DOCKER_CONFIG"_s,
                   QStringLiteral(DOCKPULSE_SOURCE_DIR "/tests/data/contexts/docker-cli"));
        if (!context.isEmpty())
            env.insert(u"DOCKER_CONTEXT"_s, context);
        const auto resolved = EndpointResolver(env, {}).resolve();
        QVERIFY2(resolved.hasValue(), qPrintable(resolved.hasValue() ? QString() : resolved.error()));
        QCOMPARE(resolved->endpoint.url(), url);
        QCOMPARE(resolved->source, source);
        QVERIFY(resolved->endpoint.tls == tls);
    }
};

QTEST_GUILESS_MAIN(TestEndpointResolver)
#include "tst_endpointresolver.moc"
