#include "Endpoint.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::docker::Endpoint;
using dockpulse::docker::parseEndpoint;

Q_DECLARE_METATYPE(Endpoint::Scheme)

class TestEndpoint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseValid_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<Endpoint::Scheme>("scheme");
        QTest::addColumn<QString>("socketPath");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<QString>("url");

        const auto uds = Endpoint::Scheme::Unix;
        const auto tcp = Endpoint::Scheme::Tcp;
        const auto ssh = Endpoint::Scheme::Ssh;
        QTest::newRow("unix") << u"unix:///var/run/docker.sock"_s << uds << u"/var/run/docker.sock"_s
                              << QString() << 0 << QString() << false << u"unix:///var/run/docker.sock"_s;
        QTest::newRow("unix rootless")
            << u"unix:///run/user/1000/docker.sock"_s << uds << u"/run/user/1000/docker.sock"_s << QString()
            << 0 << QString() << false << u"unix:///run/user/1000/docker.sock"_s;
        QTest::newRow("bare absolute path")
            << u"/var/run/docker.sock"_s << uds << u"/var/run/docker.sock"_s << QString() << 0 << QString()
            << false << u"unix:///var/run/docker.sock"_s;
        QTest::newRow("whitespace trimmed") << u"  \tunix:///s.sock \n"_s << uds << u"/s.sock"_s << QString()
                                            << 0 << QString() << false << u"unix:///s.sock"_s;
        QTest::newRow("scheme case") << u"UNIX:///s.sock"_s << uds << u"/s.sock"_s << QString() << 0
                                     << QString() << false << u"unix:///s.sock"_s;
        QTest::newRow("tcp") << u"tcp://10.0.0.5:2376"_s << tcp << QString() << u"10.0.0.5"_s << 2376
                             << QString() << false << u"tcp://10.0.0.5:2376"_s;
        QTest::newRow("tcp name") << u"tcp://docker-host.example.com:2375"_s << tcp << QString()
                                  << u"docker-host.example.com"_s << 2375 << QString() << false
                                  << u"tcp://docker-host.example.com:2375"_s;
        QTest::newRow("tcp default port 2375") << u"tcp://build.lan"_s << tcp << QString() << u"build.lan"_s
                                               << 2375 << QString() << false << u"tcp://build.lan:2375"_s;
        QTest::newRow("tcp trailing slash")
            << u"tcp://h:1/"_s << tcp << QString() << u"h"_s << 1 << QString() << false << u"tcp://h:1"_s;
        QTest::newRow("tcp port 65535") << u"tcp://h:65535"_s << tcp << QString() << u"h"_s << 65535
                                        << QString() << false << u"tcp://h:65535"_s;
        QTest::newRow("tcp empty host is localhost")
            << u"tcp://:2380"_s << tcp << QString() << u"localhost"_s << 2380 << QString() << false
            << u"tcp://localhost:2380"_s;
        QTest::newRow("tcp ipv6") << u"tcp://[::1]:2376"_s << tcp << QString() << u"::1"_s << 2376
                                  << QString() << false << u"tcp://[::1]:2376"_s;
        QTest::newRow("tcp ipv6 default port") << u"tcp://[fe80::1]"_s << tcp << QString() << u"fe80::1"_s
                                               << 2375 << QString() << false << u"tcp://[fe80::1]:2375"_s;
        QTest::newRow("no scheme host:port") << u"10.1.2.3:2375"_s << tcp << QString() << u"10.1.2.3"_s
                                             << 2375 << QString() << false << u"tcp://10.1.2.3:2375"_s;
        QTest::newRow("http is tcp") << u"http://h:2375"_s << tcp << QString() << u"h"_s << 2375 << QString()
                                     << false << u"tcp://h:2375"_s;
        QTest::newRow("https is tcp+tls") << u"https://h:443"_s << tcp << QString() << u"h"_s << 443
                                          << QString() << true << u"tcp://h:443"_s;
        QTest::newRow("https default port 2376")
            << u"https://h"_s << tcp << QString() << u"h"_s << 2376 << QString() << true << u"tcp://h:2376"_s;
        QTest::newRow("ssh host") << u"ssh://build"_s << ssh << QString() << u"build"_s << 0 << QString()
                                  << false << u"ssh://build"_s;
        QTest::newRow("ssh user host port")
            << u"ssh://deploy@build.example.com:2222"_s << ssh << QString() << u"build.example.com"_s << 2222
            << u"deploy"_s << false << u"ssh://deploy@build.example.com:2222"_s;
        QTest::newRow("ssh ipv6") << u"ssh://me@[2001:db8::7]:22"_s << ssh << QString() << u"2001:db8::7"_s
                                  << 22 << u"me"_s << false << u"ssh://me@[2001:db8::7]:22"_s;
    }
    void parseValid()
    {
        QFETCH(QString, input);
        QFETCH(Endpoint::Scheme, scheme);
        QFETCH(QString, socketPath);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, user);
        QFETCH(bool, tls);
        QFETCH(QString, url);

        const auto parsed = parseEndpoint(input);
        QVERIFY2(parsed.hasValue(), qPrintable(parsed.hasValue() ? QString() : parsed.error()));
        const Endpoint& e = parsed.value();
        QCOMPARE(e.scheme, scheme);
        QCOMPARE(e.socketPath, socketPath);
        QCOMPARE(e.host, host);
        QCOMPARE(int(e.port), port);
        QCOMPARE(e.user, user);
        QCOMPARE(e.tls.enabled, tls);
        QCOMPARE(e.tls.verifyPeer, tls); // https asks for a verified server
        QCOMPARE(e.url(), url);

        // The canonical URL reads back as the same endpoint (TLS is not part of the URL).
        const auto again = parseEndpoint(e.url());
        QVERIFY(again.hasValue());
        Endpoint expected = e;
        expected.tls = {};
        QCOMPARE(again.value(), expected);
    }

    void parseInvalid_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QStringList>("mentions");

        QTest::newRow("empty") << QString() << QStringList{u"empty"_s, u"unix://"_s, u"tcp://"_s};
        QTest::newRow("blank") << u" \t "_s << QStringList{u"empty"_s};
        QTest::newRow("unix relative")
            << u"unix://relative.sock"_s
            << QStringList{u"\"unix://relative.sock\""_s, u"not absolute"_s, u"three slashes"_s};
        QTest::newRow("unix no path") << u"unix://"_s << QStringList{u"socket path is missing"_s};
        QTest::newRow("unix too long")
            << QString(u"unix:///"_s + QString(120, u'a')) << QStringList{u"longer than the 107 bytes"_s};
        QTest::newRow("tcp port zero")
            << u"tcp://host:0"_s << QStringList{u"\"tcp://host:0\""_s, u"port \"0\""_s, u"1 to 65535"_s};
        QTest::newRow("tcp port too big") << u"tcp://host:65536"_s << QStringList{u"port \"65536\""_s};
        QTest::newRow("tcp port negative") << u"tcp://host:-1"_s << QStringList{u"port \"-1\""_s};
        QTest::newRow("tcp port plus") << u"tcp://host:+80"_s << QStringList{u"port \"+80\""_s};
        QTest::newRow("tcp port text") << u"tcp://host:http"_s << QStringList{u"port \"http\""_s};
        QTest::newRow("tcp port empty") << u"tcp://host:"_s << QStringList{u"port after \":\" is empty"_s};
        QTest::newRow("tcp path") << u"tcp://host:2375/v1.41"_s
                                  << QStringList{u"take no path"_s, u"\"/v1.41\""_s};
        QTest::newRow("tcp query") << u"tcp://host:2375?x=1"_s << QStringList{u"\"?x=1\""_s};
        QTest::newRow("tcp user") << u"tcp://me@host:2375"_s << QStringList{u"no user name"_s};
        QTest::newRow("tcp bad host char") << u"tcp://ho st:2375"_s << QStringList{u"host name \"ho st\""_s};
        QTest::newRow("ipv6 unbracketed") << u"tcp://::1:2376"_s << QStringList{u"in brackets"_s};
        QTest::newRow("ipv6 unclosed") << u"tcp://[::1:2376"_s << QStringList{u"closing \"]\""_s};
        QTest::newRow("ipv6 not an address")
            << u"tcp://[nope]:1"_s << QStringList{u"\"nope\""_s, u"not an IPv6 address"_s};
        QTest::newRow("ipv6 junk after") << u"tcp://[::1]x"_s << QStringList{u"unexpected \"x\""_s};
        QTest::newRow("ssh path") << u"ssh://me@host/var/run"_s
                                  << QStringList{u"ssh:// URLs take no path"_s, u"\"/var/run\""_s};
        QTest::newRow("ssh slash") << u"ssh://host/"_s << QStringList{u"take no path"_s};
        QTest::newRow("ssh password") << u"ssh://me:secret@host"_s << QStringList{u"passwords"_s};
        QTest::newRow("ssh empty user") << u"ssh://@host"_s << QStringList{u"user name"_s, u"empty"_s};
        QTest::newRow("ssh no host") << u"ssh://me@"_s << QStringList{u"host is missing"_s};
        QTest::newRow("ssh bad port") << u"ssh://host:99999"_s << QStringList{u"port \"99999\""_s};
        QTest::newRow("npipe") << u"npipe:////./pipe/docker_engine"_s
                               << QStringList{u"Windows named pipes"_s, u"not supported"_s};
        QTest::newRow("fd") << u"fd://"_s
                            << QStringList{u"\"fd://\""_s, u"not supported"_s, u"unix://"_s, u"ssh://"_s};
        QTest::newRow("unknown scheme")
            << u"ftp://host"_s << QStringList{u"\"ftp://\""_s, u"tcp://host:port"_s, u"https://"_s};
        QTest::newRow("no scheme no port") << u"docker.sock"_s << QStringList{u"no scheme"_s};
        QTest::newRow("single slash unix") << u"unix:/var/run/docker.sock"_s << QStringList{u"no scheme"_s};
    }
    void parseInvalid()
    {
        QFETCH(QString, input);
        QFETCH(QStringList, mentions);

        const auto parsed = parseEndpoint(input);
        QVERIFY2(!parsed.hasValue(), qPrintable(parsed.hasValue() ? parsed->url() : QString()));
        const QString& error = parsed.error();
        if (!input.trimmed().isEmpty())
            QVERIFY2(error.startsWith(QString(u"invalid engine URL \""_s + input.trimmed() + u"\": "_s)),
                     qPrintable(error));
        for (const QString& mention : mentions)
            QVERIFY2(error.contains(mention), qPrintable(u"\"%1\" lacks \"%2\""_s.arg(error, mention)));
    }

    void urlOfBuiltEndpoints()
    {
        Endpoint ssh;
        ssh.scheme = Endpoint::Scheme::Ssh;
        ssh.host = u"h"_s;
        QCOMPARE(ssh.url(), u"ssh://h"_s);
        ssh.port = 22;
        QCOMPARE(ssh.url(), u"ssh://h:22"_s);
        ssh.user = u"u"_s;
        QCOMPARE(ssh.url(), u"ssh://u@h:22"_s);

        Endpoint tcp;
        tcp.scheme = Endpoint::Scheme::Tcp;
        tcp.host = u"2001:db8::1"_s;
        tcp.port = 2376;
        tcp.tls.enabled = true;
        QCOMPARE(tcp.url(), u"tcp://[2001:db8::1]:2376"_s);
    }
};

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
