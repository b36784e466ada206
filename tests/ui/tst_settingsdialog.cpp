// SettingsDialog: live validation through validateSettings(), each message on its field, engine
// URLs checked inline, docker contexts, defaults, keyboard.

#include "EndpointResolver.h"
#include "EngineListEditor.h"
#include "SettingsDialog.h"
#include "SettingsTexts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;
using dockpulse::monitor::HeartbeatStrategy;
using dockpulse::monitor::MonitorSettings;
using dockpulse::ui::DashboardSettings;
using dockpulse::ui::SettingsDialog;

Q_DECLARE_METATYPE(HeartbeatStrategy)

namespace {

using FieldValues = QList<QPair<QString, int>>;

// Every field the dialog has, by objectName; each has a message label named field + "Error".
const QStringList kFields = {u"readDeadline"_s, u"contextTimeout"_s, u"heartbeatEvery"_s, u"strategy"_s,
                             u"taskTimeout"_s,  u"cleanupEvery"_s,   u"sampleEvery"_s,    u"threads"_s,
                             u"logRetention"_s, u"tail"_s,           u"csvRaw"_s};

template <typename T>
T* child(const QWidget& parent, const QString& name)
{
    T* found = parent.findChild<T*>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

QSpinBox* spin(const QWidget& d, const QString& name)
{
    return child<QSpinBox>(d, name);
}

QLabel* errorLabel(const QWidget& d, const QString& field)
{
    return child<QLabel>(d, field + u"Error"_s);
}

QPushButton* button(const QWidget& d, QDialogButtonBox::StandardButton which)
{
    return child<QDialogButtonBox>(d, QString())->button(which);
}

void setStrategy(const QWidget& d, HeartbeatStrategy s)
{
    auto* combo = child<QComboBox>(d, u"strategy"_s);
    combo->setCurrentIndex(combo->findData(int(s)));
}

// Types text into a spin box as a user would: select all, type, as keyboard tracking sees it.
void typeInto(QSpinBox* box, const QString& text)
{
    box->setFocus();
    QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(box, text);
}

DashboardSettings unusualSettings()
{
    DashboardSettings s;
    s.hosts = {u"unix:///run/user/1000/docker.sock"_s, u"ssh://deploy@build.example.com:2222"_s};
    MonitorSettings& m = s.monitor;
    m.readDeadlineMs = 300;
    m.contextTimeoutMs = 350;
    m.heartbeatEveryMs = 300;
    m.strategy = HeartbeatStrategy::Ticker;
    m.taskTimeoutMs = 3000;
    m.cleanupEveryMs = 600;
    m.sampleEveryMs = 50;
    m.threads = 4;
    m.tail = 0;
    m.csvRaw = true;
    m.logRetentionLines = 5000;
    return s;
}

QAction* contextAction(const QWidget& d, const QString& name)
{
    const QList<QAction*> actions = child<QPushButton>(d, u"addContext"_s)->menu()->actions();
    for (QAction* a : actions)
        if (a->data().toString() == name)
            return a;
    qFatal("no context action %s", qPrintable(name));
    return nullptr;
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsAndReturnsSettings_data()
    {
        QTest::addColumn<DashboardSettings>("values");
        QTest::newRow("defaults") << DashboardSettings{};
        QTest::newRow("every field changed") << unusualSettings();
        DashboardSettings all = unusualSettings();
        all.monitor.tail = -1;
        all.monitor.threads = 0;
        all.monitor.strategy = HeartbeatStrategy::None;
        QTest::newRow("tail all, auto threads, none") << all;
    }

    void showsAndReturnsSettings()
    {
        QFETCH(DashboardSettings, values);
        SettingsDialog d(values, {});
        QCOMPARE(d.settings(), values);
        QVERIFY(d.errors().isEmpty());
        QCOMPARE(spin(d, u"readDeadline"_s)->value(), values.monitor.readDeadlineMs);
        QCOMPARE(spin(d, u"logRetention"_s)->value(), values.monitor.logRetentionLines);
        QCOMPARE(child<QCheckBox>(d, u"csvRaw"_s)->isChecked(), values.monitor.csvRaw);
        QVERIFY(button(d, QDialogButtonBox::Ok)->isEnabled());
    }

    // The seed's numbers are on screen next to the fields, not only in tooltips.
    void defaultsAreVisible()
    {
        SettingsDialog d(unusualSettings(), {});
        QStringList hints;
        for (const QLabel* l : d.findChildren<QLabel*>())
            hints << l->text();
        const QLocale locale;
        for (qint64 v : {30000, 35000, 300000, 60000, 1000, 100000})
            QVERIFY2(hints.join(u'\n').contains(u"default "_s + locale.toString(v)),
                     qPrintable(locale.toString(v)));
        QVERIFY(hints.contains(u"default hybrid"_s));
        QVERIFY(hints.contains(u"default all"_s));
        QVERIFY(hints.contains(u"default auto"_s));
    }

    // The brief's scenario, typed: context timeout <= read deadline.
    void contextTimeoutNotAboveReadDeadline()
    {
        DashboardSettings stored; // what the caller keeps; only an accepted dialog replaces it
        SettingsDialog d(stored, {});
        connect(&d, &QDialog::accepted, this, [&] { stored = d.settings(); });
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QSpinBox* context = spin(d, u"contextTimeout"_s);
        QPushButton* ok = button(d, QDialogButtonBox::Ok);

        typeInto(context, u"30000"_s);
        QCOMPARE(context->value(), 30000);
        QLabel* message = errorLabel(d, u"contextTimeout"_s);
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().startsWith(
                     u"--context-timeout (30000 ms) must be greater than --read-deadline (30000 ms)"_s),
                 qPrintable(message->text()));
        QCOMPARE(message->textFormat(), Qt::PlainText);
        QVERIFY(context->property("invalid").toBool());
        // Next to its field: same group, right under the spin box.
        QCOMPARE(message->parentWidget(), context->parentWidget());
        QVERIFY(message->geometry().top() >= context->geometry().bottom());
        QVERIFY(message->geometry().top() - context->geometry().bottom() < 20);
        for (const QString& other : kFields) {
            if (other != u"contextTimeout"_s)
                QVERIFY2(errorLabel(d, other)->isHidden(), qPrintable(other));
        }
        QVERIFY(!ok->isEnabled());
        QCOMPARE(d.errors().size(), 1);

        // Neither OK, nor Enter, nor accept() closes it.
        QTest::mouseClick(ok, Qt::LeftButton);
        QTest::keyClick(context, Qt::Key_Return);
        d.accept();
        QVERIFY(d.isVisible());
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QCOMPARE(stored, DashboardSettings{});

        typeInto(context, u"31000"_s);
        QVERIFY(message->isHidden());
        QVERIFY(!context->property("invalid").toBool());
        QVERIFY(ok->isEnabled());
        QTest::keyClick(context, Qt::Key_Return);
        QVERIFY(!d.isVisible());
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QCOMPARE(stored.monitor.contextTimeoutMs, 31000);
    }

    // Every rule of validateSettings() that the widgets can break shows on the field it names.
    void ruleShownOnItsField_data()
    {
        QTest::addColumn<HeartbeatStrategy>("strategy");
        QTest::addColumn<FieldValues>("values");
        QTest::addColumn<QStringList>("expected"); // fields with a message

        const auto row = [](const char* name, HeartbeatStrategy s, const FieldValues& v,
                            const QStringList& e) {
            QTest::newRow(name) << s << v << e;
        };
        const auto hybrid = HeartbeatStrategy::Hybrid;
        row("defaults", hybrid, {}, {});
        row("context timeout = read deadline", hybrid, {{u"contextTimeout"_s, 30000}}, {u"contextTimeout"_s});
        row("context timeout < read deadline", hybrid, {{u"readDeadline"_s, 40000}}, {u"contextTimeout"_s});
        row("hybrid: heartbeat = task timeout", hybrid, {{u"heartbeatEvery"_s, 300000}},
            {u"heartbeatEvery"_s});
        row("ticker: heartbeat > task timeout", HeartbeatStrategy::Ticker, {{u"taskTimeout"_s, 20000}},
            {u"heartbeatEvery"_s});
        row("rotation: read deadline = task timeout", HeartbeatStrategy::Rotation,
            {{u"taskTimeout"_s, 30000}}, {u"readDeadline"_s});
        row("rotation: the ticker rule is off", HeartbeatStrategy::Rotation, {{u"heartbeatEvery"_s, 900000}},
            {});
        row("none: no heartbeat rule", HeartbeatStrategy::None,
            {{u"taskTimeout"_s, 1000}, {u"heartbeatEvery"_s, 5000}}, {});
        row("two at once", hybrid, {{u"contextTimeout"_s, 1000}, {u"taskTimeout"_s, 2000}},
            {u"contextTimeout"_s, u"heartbeatEvery"_s});
        row("rotation, both rules", HeartbeatStrategy::Rotation,
            {{u"readDeadline"_s, 50000}, {u"taskTimeout"_s, 40000}},
            {u"readDeadline"_s, u"contextTimeout"_s});
    }

    void ruleShownOnItsField()
    {
        QFETCH(HeartbeatStrategy, strategy);
        QFETCH(FieldValues, values);
        QFETCH(QStringList, expected);
        SettingsDialog d(DashboardSettings{}, {});
        setStrategy(d, strategy);
        for (const auto& [name, value] : values)
            spin(d, name)->setValue(value);

        QCOMPARE(d.errors().size(), expected.size());
        for (const QString& field : kFields) {
            const bool shown = expected.contains(field);
            QLabel* label = errorLabel(d, field);
            QCOMPARE(!label->isHidden(), shown);
            QCOMPARE(child<QWidget>(d, field)->property("invalid").toBool(), shown);
            if (shown) {
                // The message is validateSettings()' own, and it is about this field.
                QVERIFY(d.errors().contains(label->text()));
                QCOMPARE(dockpulse::ui::settings_text::fieldForMessage(label->text()), field);
            }
        }
        QVERIFY(child<QLabel>(d, u"generalError"_s)->isHidden());
        QCOMPARE(button(d, QDialogButtonBox::Ok)->isEnabled(), expected.isEmpty());
    }

    // Rules the spin box ranges make unreachable still have a field, should a range ever widen.
    void everyMessageNamesAField_data()
    {
        QTest::addColumn<MonitorSettings>("settings");
        QTest::addColumn<QString>("field");
        const auto row = [](const char* name, void (*change)(MonitorSettings&), const char* field) {
            MonitorSettings m;
            change(m);
            QTest::newRow(name) << m << QString::fromUtf8(field);
        };
        row(
            "read deadline 0", [](MonitorSettings& m) { m.readDeadlineMs = 0; }, "readDeadline");
        row(
            "context timeout too long", [](MonitorSettings& m) { m.contextTimeoutMs = qint64(1) << 40; },
            "contextTimeout");
        row(
            "heartbeat -1", [](MonitorSettings& m) { m.heartbeatEveryMs = -1; }, "heartbeatEvery");
        row(
            "task timeout 0", [](MonitorSettings& m) { m.taskTimeoutMs = 0; }, "taskTimeout");
        row(
            "cleanup 0", [](MonitorSettings& m) { m.cleanupEveryMs = 0; }, "cleanupEvery");
        row(
            "sample 0", [](MonitorSettings& m) { m.sampleEveryMs = 0; }, "sampleEvery");
        row(
            "threads -1", [](MonitorSettings& m) { m.threads = -1; }, "threads");
        row(
            "threads too many", [](MonitorSettings& m) { m.threads = 100000; }, "threads");
        row(
            "tail -2", [](MonitorSettings& m) { m.tail = -2; }, "tail");
        row(
            "retention too small", [](MonitorSettings& m) { m.logRetentionLines = 10; }, "logRetention");
        row(
            "ticker rule", [](MonitorSettings& m) { m.heartbeatEveryMs = m.taskTimeoutMs; },
            "heartbeatEvery");
    }

    void everyMessageNamesAField()
    {
        QFETCH(MonitorSettings, settings);
        QFETCH(QString, field);
        const QStringList messages = dockpulse::monitor::validateSettings(settings);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(dockpulse::ui::settings_text::fieldForMessage(messages.first()), field);
    }

    void invalidEngineUrlInline()
    {
        SettingsDialog d(DashboardSettings{}, {});
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        auto* edit = child<QLineEdit>(d, u"engineUrl"_s);
        auto* message = child<QLabel>(d, u"enginesError"_s);
        auto* add = child<QPushButton>(d, u"addEngine"_s);
        auto* list = child<QListWidget>(d, u"engineList"_s);
        QVERIFY(message->isHidden());

        edit->setFocus();
        QTest::keyClicks(edit, u"ftp://nope"_s);
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(u"\"ftp://nope\""_s) &&
                     message->text().contains(u"not supported"_s),
                 qPrintable(message->text()));
        QVERIFY(edit->property("invalid").toBool());
        QVERIFY(!add->isEnabled());
        QVERIFY(!button(d, QDialogButtonBox::Ok)->isEnabled());
        QCOMPARE(d.errors().size(), 1);
        QVERIFY(d.errors().first().startsWith(u"New engine: "_s));
        QTest::keyClick(edit, Qt::Key_Return); // neither added nor accepted
        QCOMPARE(list->count(), 0);
        QVERIFY(d.isVisible());

        // Enter in the URL field adds the URL; it does not close the dialog.
        edit->clear();
        QTest::keyClicks(edit, u"tcp://192.0.2.7:2375"_s);
        QVERIFY(message->isHidden());
        QVERIFY(add->isEnabled());
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(d.isVisible());
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), u"tcp://192.0.2.7:2375"_s);
        QVERIFY(edit->text().isEmpty());

        // The same engine spelled differently.
        QTest::keyClicks(edit, u"192.0.2.7:2375"_s);
        QVERIFY(message->text().contains(u"already in the list"_s));
        QVERIFY(!button(d, QDialogButtonBox::Ok)->isEnabled());
        edit->clear();

        // An entry edited in place into nonsense; shown as plain text.
        list->item(0)->setText(u"<b>bogus</b>://x"_s);
        QCOMPARE(d.errors().size(), 1);
        QVERIFY(d.errors().first().startsWith(u"Engine 1: "_s));
        QCOMPARE(message->textFormat(), Qt::PlainText);
        QVERIFY(message->text().contains(u"<b>bogus</b>"_s));
        QVERIFY(!button(d, QDialogButtonBox::Ok)->isEnabled());
        list->item(0)->setText(u"ssh://me@192.0.2.8"_s);
        QVERIFY(d.errors().isEmpty());
        QCOMPARE(d.settings().hosts, QStringList{u"ssh://me@192.0.2.8"_s});

        // Remove.
        list->item(0)->setSelected(true);
        QTest::mouseClick(child<QPushButton>(d, u"removeEngine"_s), Qt::LeftButton);
        QCOMPARE(list->count(), 0);
        QVERIFY(d.settings().hosts.isEmpty());
    }

    // A valid URL typed but not added is what the user means by OK.
    void typedUrlIsKept()
    {
        SettingsDialog d(DashboardSettings{}, {});
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        auto* edit = child<QLineEdit>(d, u"engineUrl"_s);
        edit->setText(u"unix:///tmp/docker.sock"_s);
        QCOMPARE(d.settings().hosts, QStringList{u"unix:///tmp/docker.sock"_s});
        QTest::keyClick(spin(d, u"sampleEvery"_s), Qt::Key_Return);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QCOMPARE(d.settings().hosts, QStringList{u"unix:///tmp/docker.sock"_s});
    }

    // The real resolver, on the context store the docker CLI wrote (tests/data/contexts).
    void dockerContexts()
    {
        qputenv("DOCKER_CONFIG", DOCKPULSE_SOURCE_DIR "/tests/data/contexts/docker-cli");
        const dockpulse::docker::EndpointResolver resolver(QProcessEnvironment::systemEnvironment(), {});
        QStringList names = resolver.contextNames();
        QVERIFY(names.contains(u"myctx"_s));
        names << u"ghost"_s; // listed, but gone by the time it is picked
        SettingsDialog d(DashboardSettings{}, names);
        auto* list = child<QListWidget>(d, u"engineList"_s);
        auto* message = child<QLabel>(d, u"enginesError"_s);
        QVERIFY(child<QPushButton>(d, u"addContext"_s)->isEnabled());

        contextAction(d, u"myctx"_s)->trigger();
        contextAction(d, u"viassh"_s)->trigger();
        QCOMPARE(d.settings().hosts,
                 (QStringList{u"tcp://1.2.3.4:2376"_s, u"ssh://deploy@build.example.com:2222"_s}));
        QVERIFY(message->isHidden());

        contextAction(d, u"myctx"_s)->trigger(); // twice: refused, said why
        QCOMPARE(list->count(), 2);
        QVERIFY(message->text().contains(u"already in the list"_s));

        contextAction(d, u"ghost"_s)->trigger();
        QCOMPARE(list->count(), 2);
        QVERIFY(message->text().startsWith(u"Docker context \"ghost\": "_s));
        QVERIFY(d.errors().isEmpty()); // nothing was added, so nothing blocks OK
        QVERIFY(button(d, QDialogButtonBox::Ok)->isEnabled());

        // TLS material stays with the context; the URL takes TLS from the environment.
        contextAction(d, u"withtls"_s)->trigger();
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->item(2)->text(), u"tcp://[::1]:2376"_s);
        QVERIFY(message->text().contains(u"DOCKER_CERT_PATH"_s));
        qunsetenv("DOCKER_CONFIG");
    }

    void noDockerContexts()
    {
        SettingsDialog d(DashboardSettings{}, {});
        QVERIFY(!child<QPushButton>(d, u"addContext"_s)->isEnabled());
    }

    void contextLookupIsReplaceable()
    {
        SettingsDialog d(DashboardSettings{}, {u"fake"_s});
        child<dockpulse::ui::EngineListEditor>(d, u"engines"_s)->setContextLookup([](const QString& name) {
            return dockpulse::docker::parseEndpoint(u"tcp://%1.example:2375"_s.arg(name));
        });
        contextAction(d, u"fake"_s)->trigger();
        QCOMPARE(d.settings().hosts, QStringList{u"tcp://fake.example:2375"_s});
    }

    void restoreDefaults()
    {
        SettingsDialog d(unusualSettings(), {});
        spin(d, u"contextTimeout"_s)->setValue(100); // and broken
        QVERIFY(!d.errors().isEmpty());
        QTest::mouseClick(button(d, QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
        QCOMPARE(d.settings().monitor, MonitorSettings{});
        QCOMPARE(spin(d, u"readDeadline"_s)->value(), 30000);
        QCOMPARE(spin(d, u"contextTimeout"_s)->value(), 35000);
        QCOMPARE(spin(d, u"heartbeatEvery"_s)->value(), 30000);
        QCOMPARE(spin(d, u"taskTimeout"_s)->value(), 300000);
        QCOMPARE(child<QComboBox>(d, u"strategy"_s)->currentData().toInt(), int(HeartbeatStrategy::Hybrid));
        QCOMPARE(d.settings().hosts, unusualSettings().hosts); // engines are not a seed number
        QVERIFY(d.errors().isEmpty());
        QVERIFY(errorLabel(d, u"contextTimeout"_s)->isHidden());
        QVERIFY(button(d, QDialogButtonBox::Ok)->isEnabled());
    }

    void escapeCancels()
    {
        DashboardSettings stored = unusualSettings();
        SettingsDialog d(stored, {});
        connect(&d, &QDialog::accepted, this, [&] { stored = d.settings(); });
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        spin(d, u"threads"_s)->setValue(7);
        QTest::keyClick(spin(d, u"threads"_s), Qt::Key_Escape);
        QVERIFY(!d.isVisible());
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QCOMPARE(stored, unusualSettings());
    }

    void strategyExplained_data()
    {
        QTest::addColumn<HeartbeatStrategy>("strategy");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("ticker") << HeartbeatStrategy::Ticker << u"every period"_s;
        QTest::newRow("rotation") << HeartbeatStrategy::Rotation << u"after each rotation only"_s;
        QTest::newRow("hybrid") << HeartbeatStrategy::Hybrid << u"Recommended"_s;
        QTest::newRow("none") << HeartbeatStrategy::None << u"will be timed out"_s;
    }

    void strategyExplained()
    {
        QFETCH(HeartbeatStrategy, strategy);
        QFETCH(QString, fragment);
        SettingsDialog d(DashboardSettings{}, {});
        auto* combo = child<QComboBox>(d, u"strategy"_s);
        setStrategy(d, strategy);
        const QString text = child<QLabel>(d, u"strategyExplanation"_s)->text();
        QVERIFY2(text.contains(fragment), qPrintable(text));
        QVERIFY(combo->currentText().startsWith(dockpulse::monitor::strategyName(strategy)));
        QVERIFY(!combo->itemData(combo->currentIndex(), Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(d.settings().monitor.strategy, strategy);
    }

    void threadsAutoShowsMachineCount()
    {
        SettingsDialog d(DashboardSettings{}, {});
        QCOMPARE(spin(d, u"threads"_s)->text(), u"auto (%1)"_s.arg(MonitorSettings{}.effectiveThreads()));
        // In the dashboard "all" reads up to the log retention: the field says so (issue 14 item 9).
        QCOMPARE(spin(d, u"tail"_s)->text(), u"all (up to the retention)"_s);
    }

    // Every control explains itself.
    void everyControlHasATooltip()
    {
        SettingsDialog d(unusualSettings(), {u"default"_s});
        int controls = 0;
        for (QWidget* w : d.findChildren<QWidget*>()) {
            // Pieces inside a spin box or a line edit (its text field, its clear button).
            if (qobject_cast<QAbstractSpinBox*>(w->parentWidget()) ||
                qobject_cast<QLineEdit*>(w->parentWidget()))
                continue;
            const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QAbstractSpinBox*>(w) ||
                                 qobject_cast<QComboBox*>(w) || qobject_cast<QLineEdit*>(w) ||
                                 qobject_cast<QListWidget*>(w);
            if (!control)
                continue;
            ++controls;
            QVERIFY2(!w->toolTip().isEmpty(),
                     qPrintable(w->objectName() + u' ' + QString::fromLatin1(w->metaObject()->className())));
        }
        QVERIFY(controls >= 17); // 11 fields, list, edit, add, remove, context, 3 dialog buttons
    }

    // Wrapped messages get the room they need: the dialog grows rather than clipping them.
    void messagesAreNotClipped()
    {
        SettingsDialog d(DashboardSettings{}, {});
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        spin(d, u"contextTimeout"_s)->setValue(1000);
        spin(d, u"heartbeatEvery"_s)->setValue(400000);
        child<QLineEdit>(d, u"engineUrl"_s)->setText(u"ftp://a-rather-long-host-name.example.com:2375"_s);
        const QList<QLabel*> labels = {errorLabel(d, u"contextTimeout"_s), errorLabel(d, u"heartbeatEvery"_s),
                                       child<QLabel>(d, u"enginesError"_s)};
        for (QLabel* l : labels) {
            QVERIFY(l->isVisible());
            QTRY_VERIFY2(l->height() >= l->heightForWidth(l->width()), qPrintable(l->objectName()));
        }
        QTRY_VERIFY(d.height() >= d.layout()->totalHeightForWidth(d.width()));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
