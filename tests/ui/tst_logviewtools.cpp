// The log view's everyday tools, offscreen: levels detected as lines arrive and coloured, the
// level, stream and "only matching" filters, Clear, Save (plain text through QSaveFile) and the
// font size keys.
#include "LogLevelColors.h"
#include "LogModel.h"
#include "LogPanel.h"
#include "LogSearch.h"
#include "LogStore.h"
#include "LogUiTestSupport.h"
#include "LogViewTools.h"

#include <QAbstractItemView>
#include <QFile>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using docker::LogLevel;
using docker::LogStreamKind;
using dockpulse::test::batchOf;

namespace {
QStringList messages(const ui::LogModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.messageText(row);
    return out;
}

struct Fixture
{
    ui::LogStore store;
    ui::LogPanel panel{store};
    ui::LogModel& model = *panel.model();
    ui::LogViewTools& tools = *panel.tools();

    Fixture()
    {
        store.append(u"t1"_s, u"web"_s,
                     batchOf({"INFO started", "level=warn msg=slow", "{\"level\":\"error\",\"msg\":\"boom\"}",
                              "plain line"}));
        store.append(u"t1"_s, u"web"_s,
                     batchOf({"[ERROR] on stderr", "stderr plain"}, LogStreamKind::Stderr));
        panel.setTasks({u"t1"_s});
        model.flush();
    }
};
} // namespace

class TestLogViewTools : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void levelsAreDetectedWhereLinesArrive()
    {
        Fixture f;
        QCOMPARE(f.model.rowCount(), 6);
        const LogLevel expected[] = {LogLevel::Info,    LogLevel::Warn,  LogLevel::Error,
                                     LogLevel::Unknown, LogLevel::Error, LogLevel::Unknown};
        for (int row = 0; row < 6; ++row)
            QCOMPARE(f.model.index(row, ui::LogModel::MessageColumn).data(ui::LogModel::LevelRole).toInt(),
                     int(expected[row]));
    }

    void levelsHaveColours()
    {
        const QPalette palette;
        QVERIFY(ui::LogLevelColors::marker(LogLevel::Error, palette).isValid());
        QVERIFY(!ui::LogLevelColors::marker(LogLevel::Unknown, palette).isValid());
        // Warnings and errors never look alike, nor like the normal text.
        const QColor warn = ui::LogLevelColors::text(LogLevel::Warn, palette);
        const QColor error = ui::LogLevelColors::text(LogLevel::Error, palette);
        QVERIFY(warn.isValid() && error.isValid() && warn != error);
        QVERIFY(error != palette.color(QPalette::Text));
    }

    void filtersByLevel()
    {
        Fixture f;
        f.tools.setLevelShown(LogLevel::Unknown, false);
        f.tools.setLevelShown(LogLevel::Info, false);
        QCOMPARE(messages(f.model),
                 (QStringList{u"level=warn msg=slow"_s, u"{\"level\":\"error\",\"msg\":\"boom\"}"_s,
                              u"[ERROR] on stderr"_s}));
        QVERIFY(f.tools.levelsButton()->text().contains(u"filtered"_s));
        // New lines go through the same filter.
        f.store.append(u"t1"_s, u"web"_s, batchOf({"INFO hidden", "WARN shown", "no level"}));
        f.model.flush();
        QCOMPARE(f.model.rowCount(), 4);
        QCOMPARE(f.model.messageText(3), u"WARN shown"_s);
        // The level menu's actions are the wiring.
        QMenu* menu = f.tools.levelsButton()->menu();
        QVERIFY(menu);
        auto* none = menu->findChild<QAction*>(u"logLevel_none"_s);
        QVERIFY(none);
        none->setChecked(true);
        QCOMPARE(f.model.rowCount(), 7); // 9 lines, the two INFO ones still hidden
    }

    void filtersByStream()
    {
        Fixture f;
        f.tools.setStreamShown(LogStreamKind::Stdout, false);
        QCOMPARE(messages(f.model), (QStringList{u"[ERROR] on stderr"_s, u"stderr plain"_s}));
        f.tools.setStreamShown(LogStreamKind::Stdout, true);
        f.tools.setStreamShown(LogStreamKind::Stderr, false);
        QCOMPARE(f.model.rowCount(), 4);
        QVERIFY(f.tools.streamsButton()->text().contains(u"filtered"_s));
    }

    void showsOnlyMatchingLines()
    {
        Fixture f;
        f.panel.setSearchQuery(u"ERROR"_s);
        QCOMPARE(f.model.rowCount(), 6); // highlight-and-jump alone keeps every line
        f.tools.setOnlyMatching(true);
        QCOMPARE(messages(f.model),
                 (QStringList{u"{\"level\":\"error\",\"msg\":\"boom\"}"_s, u"[ERROR] on stderr"_s}));
        f.panel.search()->finishScan();
        QCOMPARE(f.panel.search()->matchCount(), 2); // the search still counts and jumps in what is shown
        f.panel.setSearchQuery(u"pl[a]in"_s, true);
        QCOMPARE(messages(f.model), (QStringList{u"plain line"_s, u"stderr plain"_s}));
        f.panel.setSearchQuery(u"(unclosed"_s, true); // invalid: hides nothing
        QCOMPARE(f.model.rowCount(), 6);
        f.tools.setOnlyMatching(false);
        f.panel.setSearchQuery(u"boom"_s);
        QCOMPARE(f.model.rowCount(), 6);
    }

    void clearHidesWhatCameSoFarOnly()
    {
        Fixture f;
        f.store.append(u"t1"_s, u"web"_s, batchOf({"pending, not yet flushed"}));
        f.tools.clearView();
        QCOMPARE(f.model.rowCount(), 0);
        f.store.append(u"t1"_s, u"web"_s, batchOf({"after clear"}));
        f.model.flush();
        QCOMPARE(messages(f.model), QStringList{u"after clear"_s});
        QCOMPARE(f.store.lineCount(u"t1"_s), 8); // the store (and export) keep everything
        f.tools.restoreCleared();
        QCOMPARE(f.model.rowCount(), 8);
    }

    void savesPlainText()
    {
        Fixture f;
        f.store.append(u"t1"_s, u"web"_s, batchOf({"\x1b[31mred\x1b[0m text"}));
        f.tools.setLevelShown(LogLevel::Unknown, false); // the view's filter does not limit the file
        QTemporaryDir dir;
        const QString path = dir.filePath(u"web.log"_s);
        QCOMPARE(f.tools.saveTo(path), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 8); // 7 lines and the final newline
        QCOMPARE(lines.first(), QByteArray("2025-11-29T05:04:10.206123456Z stdout INFO started"));
        QCOMPARE(lines.at(4), QByteArray("2025-11-29T05:04:10.206123456Z stderr [ERROR] on stderr"));
        QCOMPARE(lines.at(6), QByteArray("2025-11-29T05:04:10.206123456Z stdout red text"));
        QVERIFY(lines.last().isEmpty());
    }

    void saveFailureKeepsTheOldFile()
    {
        Fixture f;
        QTemporaryDir dir;
        const QString error = f.tools.saveTo(dir.filePath(u"no/such/folder/web.log"_s));
        QVERIFY2(error.contains(u"Cannot write"_s), qPrintable(error));
    }

    void fontSizeKeys()
    {
        Fixture f;
        f.panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.panel));
        auto* view = qobject_cast<QTableView*>(f.panel.view());
        view->setFocus();
        const qreal normal = f.tools.fontPointSize();
        const int normalRow = view->verticalHeader()->defaultSectionSize();
        QTest::keyClick(view, Qt::Key_Plus, Qt::ControlModifier);
        QCOMPARE(f.tools.fontPointSize(), normal + 1);
        QTest::keyClick(view, Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(f.tools.fontPointSize(), normal + 2);
        QVERIFY(view->verticalHeader()->defaultSectionSize() > normalRow); // rows grow with the text
        QTest::keyClick(view, Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(f.tools.fontPointSize(), normal + 1);
        QTest::keyClick(view, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(f.tools.fontPointSize(), normal);
        QCOMPARE(view->verticalHeader()->defaultSectionSize(), normalRow);
        for (int i = 0; i < 100; ++i)
            f.tools.zoomOut();
        QVERIFY(f.tools.fontPointSize() >= 6); // never unreadable, never negative
    }
};

QTEST_MAIN(TestLogViewTools)
#include "tst_logviewtools.moc"
