// --help and --version against docs/CONTRACT.md, and the built program as scripts see it.
#include "CommandLine.h"
#include "Version.h"

#include <QFile>
#include <QProcess>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

struct ContractOption
{
    QString names; // "-H, --host URL"
    QString meaning;
    QString defaultText;
};

// The option table of docs/CONTRACT.md, without its Markdown.
QList<ContractOption> contractOptions()
{
    QFile file(QString::fromLatin1(DOCKPULSE_SOURCE_DIR) + u"/docs/CONTRACT.md"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<ContractOption> options;
    bool inCommandLine = false;
    for (const QString& line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (line.startsWith(u"## "_s))
            inCommandLine = line == u"## Command line"_s;
        if (!inCommandLine || !line.startsWith(u"| `"_s))
            continue;
        QString row = line;
        row.replace(u"\\|"_s, u"\x01"_s).remove(u'`');
        QStringList cells = row.split(u'|');
        for (QString& c : cells)
            c = c.replace(u'\x01', u'|').trimmed();
        options.append({cells.value(1), cells.value(2), cells.value(3)});
    }
    return options;
}

// The help's paragraph for one option: from its "  names" line to the blank line after it.
QString helpSection(const QString& help, const QString& names)
{
    const qsizetype from = help.indexOf(u"\n  "_s + names + u'\n');
    if (from < 0)
        return {};
    const qsizetype to = help.indexOf(u"\n\n"_s, from + 1);
    return help.mid(from, to - from).simplified();
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runApp(const QStringList& args)
{
    QProcess p;
    p.start(QString::fromUtf8(DOCKPULSE_APP_PATH), args);
    Run r;
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromLocal8Bit(p.readAllStandardOutput());
    r.err = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

} // namespace

class TestCommandLineHelp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // --help states every option of CONTRACT.md with its meaning and default, word for word.
    void helpFollowsContract_data()
    {
        QTest::addColumn<QString>("names");
        QTest::addColumn<QString>("meaning");
        QTest::addColumn<QString>("defaultText");
        const QList<ContractOption> options = contractOptions();
        QVERIFY2(options.size() >= 16, "cannot read the option table of docs/CONTRACT.md");
        for (const ContractOption& o : options) {
            if (o.names == u"--version, --help"_s) {
                QTest::newRow("--version") << u"--version"_s << QString() << QString();
                QTest::newRow("--help") << u"--help"_s << QString() << QString();
            } else {
                QTest::newRow(qPrintable(o.names)) << o.names << o.meaning << o.defaultText;
            }
        }
    }
    void helpFollowsContract()
    {
        QFETCH(QString, names);
        QFETCH(QString, meaning);
        QFETCH(QString, defaultText);
        const QString section = helpSection(dockpulse::cli::helpText(), names);
        QVERIFY2(!section.isEmpty(), qPrintable(u"no \"  %1\" line in --help"_s.arg(names)));
        QVERIFY2(section.contains(meaning.simplified()), qPrintable(section));
        if (!defaultText.isEmpty())
            QVERIFY2(section.contains(u"Default: "_s + defaultText.simplified()), qPrintable(section));
    }

    void helpIsPlainText()
    {
        const QString help = dockpulse::cli::helpText();
        QVERIFY(help.startsWith(u"Usage: dockpulse [options]\n"_s));
        QVERIFY(help.endsWith(u'\n'));
        for (const QString& line : help.split(u'\n')) {
            QVERIFY2(line.size() <= 80, qPrintable(line));
            QVERIFY2(!line.endsWith(u' '), qPrintable(line));
            for (QChar c : line)
                QVERIFY2(c.unicode() >= 0x20 && c.unicode() < 0x7f, qPrintable(line));
        }
        for (const QString& section : {u"\nOptions:\n"_s, u"\nExit status:\n"_s, u"\nEnvironment:\n"_s})
            QVERIFY(help.contains(section));
        for (const QString& status : {u"\n  0  "_s, u"\n  2  "_s, u"\n  3  "_s, u"\n  4  "_s})
            QVERIFY(help.contains(status));
        for (const QString& variable :
             {u"DOCKER_HOST"_s, u"DOCKER_CONTEXT"_s, u"DOCKER_CONFIG"_s, u"DOCKER_TLS_VERIFY"_s,
              u"DOCKER_TLS"_s, u"DOCKER_CERT_PATH"_s, u"DOCKPULSE_SSH_OPTS"_s})
            QVERIFY2(help.contains(u"\n  "_s + variable + u' '), qPrintable(variable));
    }

    void versionText()
    {
        QCOMPARE(dockpulse::cli::versionText(),
                 u"dockpulse "_s + QString::fromLatin1(dockpulse::kVersion) + u'\n');
    }

    // The built program, as scripts see it.
    void program_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("out"); // exact
        QTest::addColumn<QString>("err"); // contained; empty: stderr must be empty

        QTest::newRow("--version") << QStringList{u"--version"_s} << 0 << dockpulse::cli::versionText()
                                   << QString();
        QTest::newRow("--help") << QStringList{u"--help"_s} << 0 << dockpulse::cli::helpText() << QString();
        QTest::newRow("context == deadline")
            << QStringList{u"--context-timeout"_s, u"300"_s, u"--read-deadline"_s, u"300"_s} << 2 << QString()
            << u"dockpulse: --context-timeout (300 ms) must be greater than --read-deadline (300 ms)"_s;
        QTest::newRow("unknown option")
            << QStringList{u"--bogus"_s} << 2 << QString() << u"dockpulse: unknown option \"--bogus\"."_s;
        QTest::newRow("bad number") << QStringList{u"--read-deadline"_s, u"abc"_s} << 2 << QString()
                                    << u"--read-deadline: \"abc\" is not a whole number of milliseconds"_s;
        QTest::newRow("headless, no engine")
            << QStringList{u"--headless"_s, u"-H"_s, u"unix:///nonexistent/docker.sock"_s} << 3 << QString()
            << u"dockpulse: cannot reach the Docker engine: unix:///nonexistent/docker.sock: no Docker "
               u"socket at "
               u"/nonexistent/docker.sock"_s;
        QTest::newRow("bad engine URL")
            << QStringList{u"--headless"_s, u"-H"_s, u"ftp://x"_s} << 2 << QString()
            << u"dockpulse: -H/--host: invalid engine URL \"ftp://x\""_s;
    }
    void program()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, out);
        QFETCH(QString, err);
        const Run r = runApp(args);
        QCOMPARE(r.exitCode, exitCode);
        QCOMPARE(r.out, out);
        if (err.isEmpty())
            QCOMPARE(r.err, QString());
        else
            QVERIFY2(r.err.contains(err), qPrintable(r.err));
    }

    void programHelpListsEveryContractOption()
    {
        const Run r = runApp({u"--help"_s});
        QCOMPARE(r.exitCode, 0);
        const QList<ContractOption> options = contractOptions();
        QVERIFY(!options.isEmpty());
        for (const ContractOption& o : options)
            for (const QString& name : o.names.split(u", "_s))
                QVERIFY2(r.out.contains(name.section(u' ', 0, 0)), qPrintable(name));
    }
};

QTEST_GUILESS_MAIN(TestCommandLineHelp)
#include "tst_commandlinehelp.moc"
