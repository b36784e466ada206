// The log level detector against the line forms real programs write, and the lines that only
// look like they name a level.
#include "LogLevel.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using dockpulse::docker::detectLogLevel;
using dockpulse::docker::LogLevel;

Q_DECLARE_METATYPE(LogLevel)

class TestLogLevel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detects_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<LogLevel>("level");
        const auto row = [](const char* name, const char* line, LogLevel level) {
            QTest::newRow(name) << QByteArray(line) << level;
        };
        // logfmt (Go kit, logrus text, Grafana, Prometheus)
        row("logfmt warn", "level=warn ts=2024-01-02T03:04:05Z msg=\"disk almost full\"", LogLevel::Warn);
        row("logfmt after ts", "ts=2024-01-02T03:04:05.123Z caller=main.go:12 level=info msg=started",
            LogLevel::Info);
        row("logrus", "time=\"2024-01-02T03:04:05Z\" level=error msg=\"dial tcp: refused\"", LogLevel::Error);
        row("logfmt quoted", "lvl=\"DEBUG\" msg=x", LogLevel::Debug);
        row("logfmt severity", "severity=fatal component=db", LogLevel::Fatal);
        row("logfmt upper", "t=2024-01-02 level=WARNING logger=x", LogLevel::Warn);
        // JSON (zap, pino, bunyan, Serilog, GCP, ECS)
        row("json level", "{\"level\":\"error\",\"ts\":1704164645.1,\"msg\":\"boom\"}", LogLevel::Error);
        row("json spaced", "{ \"msg\": \"x\", \"level\" : \"warn\" }", LogLevel::Warn);
        row("json severity", "{\"severity\":\"ERROR\",\"message\":\"x\"}", LogLevel::Error);
        row("json ecs", "{\"@timestamp\":\"2024-01-02T03:04:05Z\",\"log.level\":\"info\"}", LogLevel::Info);
        row("json pino 30", "{\"level\":30,\"time\":1704164645000,\"msg\":\"hi\"}", LogLevel::Info);
        row("json pino 50", "{\"level\":50,\"msg\":\"bad\"}", LogLevel::Error);
        row("json pino 60", "{\"level\":60}", LogLevel::Fatal);
        row("json serilog", "{\"Timestamp\":\"2024\",\"Level\":\"Information\",\"Message\":\"x\"}",
            LogLevel::Info);
        row("json clef", "{\"@t\":\"2024\",\"@l\":\"Warning\",\"@m\":\"x\"}", LogLevel::Warn);
        row("json escaped quote before", "{\"msg\":\"say \\\"hi\\\"\",\"level\":\"debug\"}", LogLevel::Debug);
        // bracketed
        row("bracket upper", "[ERROR] could not connect", LogLevel::Error);
        row("bracket lower", "[warn] low memory", LogLevel::Warn);
        row("nginx error log", "2024/01/02 03:04:05 [error] 29#29: *1 open() failed", LogLevel::Error);
        row("nginx notice", "2024/01/02 03:04:05 [notice] 1#1: start worker processes", LogLevel::Info);
        row("nginx crit", "2024/01/02 03:04:05 [crit] 1#1: x", LogLevel::Fatal);
        row("apache", "[Tue Dec 01 10:00:00.123456 2026] [core:error] [pid 12] AH00037", LogLevel::Error);
        row("mysql", "2024-01-02T03:04:05.123456Z 0 [Warning] [MY-010068] [Server] CA certificate",
            LogLevel::Warn);
        row("mysql note", "2024-01-02T03:04:05.123456Z 0 [Note] x", LogLevel::Info);
        row("env_logger", "[2024-01-02T03:04:05Z INFO  myapp] listening", LogLevel::Info);
        row("angle", "<error> x", LogLevel::Error);
        // a leading word, also after a timestamp prefix
        row("leading INFO", "INFO server started", LogLevel::Info);
        row("leading WARN", "WARN deprecated flag", LogLevel::Warn);
        row("leading WARNING", "WARNING: low disk", LogLevel::Warn);
        row("leading ERROR", "ERROR something failed", LogLevel::Error);
        row("leading DEBUG", "DEBUG x=1", LogLevel::Debug);
        row("leading TRACE", "TRACE enter", LogLevel::Trace);
        row("leading FATAL", "FATAL cannot continue", LogLevel::Fatal);
        row("python default", "ERROR:root:division by zero", LogLevel::Error);
        row("capitalised colon", "Error: connection refused", LogLevel::Error);
        row("lower colon", "warning: unused variable", LogLevel::Warn);
        row("winston", "info: listening on 3000", LogLevel::Info);
        row("logrus text", "INFO[0000] Starting", LogLevel::Info);
        row("iso timestamp", "2024-01-02T03:04:05.123Z ERROR boom", LogLevel::Error);
        row("space timestamp", "2024-01-02 03:04:05,123 WARN [main] x", LogLevel::Warn);
        row("log4j thread", "2024-01-02 03:04:05.123 [main] INFO  c.e.App - Started", LogLevel::Info);
        row("spring boot", "2024-01-02T03:04:05.123+00:00  INFO 1 --- [main] c.e.App : Started",
            LogLevel::Info);
        row("zap console", "2024-01-02T03:04:05.123Z\tERROR\tmain.go:12\tfailed", LogLevel::Error);
        row("time only", "10:11:12.345 DEBUG tick", LogLevel::Debug);
        row("postgres", "2024-01-02 03:04:05.123 UTC [1] ERROR:  relation does not exist", LogLevel::Error);
        row("postgres fatal", "2024-01-02 03:04:05.123 UTC [57] FATAL:  password failed", LogLevel::Fatal);
        row("syslog stamp", "Dec 01 10:00:00 WARN x", LogLevel::Warn);
        row("pipe", "2024-01-02 03:04:05 | ERROR | x", LogLevel::Error);
        row("java severe", "SEVERE: Servlet failed", LogLevel::Error);
        row("klog info", "I0102 03:04:05.123456       1 main.go:12] started", LogLevel::Info);
        row("klog error", "E0102 03:04:05.123456       1 main.go:12] failed", LogLevel::Error);
        row("klog warn", "W0102 03:04:05.123456       1 x.go:1] slow", LogLevel::Warn);
        row("ansi coloured", "\x1b[32mINFO\x1b[0m[0000] ready", LogLevel::Info);
        row("ansi bracket", "\x1b[1;31m[ERROR]\x1b[0m failed", LogLevel::Error);
        row("leading spaces", "   ERROR indented", LogLevel::Error);
        // negatives: words and keys that only look like levels
        row("information", "information about the run", LogLevel::Unknown);
        row("Information", "Information: a word, not a level", LogLevel::Unknown);
        row("errors=0", "errors=0 warnings=0 done", LogLevel::Unknown);
        row("error_count", "error_count=3", LogLevel::Unknown);
        row("ERROR=", "ERROR=5 in table", LogLevel::Unknown);
        row("prose error", "an error occurred", LogLevel::Unknown);
        row("lower word no colon", "error opening file", LogLevel::Unknown);
        row("INFOrmation", "INFORMATION DESK", LogLevel::Unknown);
        row("errored", "errored: job", LogLevel::Unknown);
        row("warned", "WARNED the user", LogLevel::Unknown);
        row("word after name", "server ERROR later", LogLevel::Unknown);
        row("plain", "GET /index.html 200", LogLevel::Unknown);
        row("access log", "172.17.0.1 - - [02/Jan/2024:03:04:05 +0000] \"GET /error HTTP/1.1\" 404",
            LogLevel::Unknown);
        row("json no level", "{\"msg\":\"level\",\"error\":\"x\"}", LogLevel::Unknown);
        row("json level in value", "{\"msg\":\"level=error\"}", LogLevel::Unknown);
        row("json number other", "{\"level\":35}", LogLevel::Unknown);
        row("logfmt other key", "mylevel=error", LogLevel::Unknown);
        row("logfmt not word", "level=errors", LogLevel::Unknown);
        row("bracket not level", "[main] started", LogLevel::Unknown);
        row("unclosed bracket", "[ERROR", LogLevel::Unknown);
        row("empty", "", LogLevel::Unknown);
        row("spaces", "    ", LogLevel::Unknown);
        row("klog lookalike", "I0102x", LogLevel::Unknown);
        row("digits", "12345", LogLevel::Unknown);
    }

    void detects()
    {
        QFETCH(QByteArray, line);
        QFETCH(LogLevel, level);
        QCOMPARE(int(detectLogLevel(line)), int(level));
    }

    // Only the start of a line is read: a level past kLogLevelScanBytes is not seen, and a huge
    // line costs no more than a short one.
    void readsOnlyTheStart()
    {
        const QByteArray line = QByteArray("{\"msg\":\"") +
                                QByteArray(dockpulse::docker::kLogLevelScanBytes, 'x') +
                                "\",\"level\":\"error\"}";
        QCOMPARE(int(detectLogLevel(line)), int(LogLevel::Unknown));
        QCOMPARE(int(detectLogLevel(QByteArray(QByteArray("ERROR ") + QByteArray(1 << 20, 'y')))),
                 int(LogLevel::Error));
    }

    // Any cut of a line, at every byte: never a crash, never reading past the end (ASan builds).
    void everyPrefixIsSafe()
    {
        const QByteArray lines[] = {"{\"level\":\"error\",\"a\":\"\\\"\"}",
                                    "\x1b[31m[ERROR]\x1b[0m x",
                                    "2024-01-02 03:04:05 [main] INFO x",
                                    "level=\"warn\" x",
                                    "[2024 INFO x] y",
                                    "I0102 03:04"};
        for (const QByteArray& whole : lines)
            for (qsizetype n = 0; n <= whole.size(); ++n)
                detectLogLevel(QByteArrayView(whole.constData(), n));
    }
};

QTEST_GUILESS_MAIN(TestLogLevel)
#include "tst_loglevel.moc"
