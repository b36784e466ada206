// Long log lines can be read: a detail pane shows the selected line whole (JSON pretty-printed),
// a wrap mode gives rows the height of their wrapped text; the toolbar stays put as counts change.
#include "LogDetailPane.h"
#include "LogItemDelegate.h"
#include "LogLineDetail.h"
#include "LogModel.h"
#include "LogPanel.h"
#include "LogSearchBar.h"
#include "LogStore.h"
#include "LogUiTestSupport.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace dockpulse;
using namespace dockpulse::test;
using dockpulse::ui::LogPanel;
using dockpulse::ui::LogStore;

class TstLogReading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detailText_data();
    void detailText();
    void detailPaneShowsTheSelectedLineWhole();
    void wrapGivesRowsTheirHeight();
    void toolbarStaysPutAsCountsChange();
};

void TstLogReading::detailText_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QByteArray("GET /users 200") << false << u"GET /users 200"_s;
    QTest::newRow("object, keys in their order")
        << QByteArray(R"({"z":1,"a":{"b":[1,2]},"m":"x, y: {z}"})") << true
        << u"{\n  \"z\": 1,\n  \"a\": {\n    \"b\": [\n      1,\n      2\n    ]\n  },\n  \"m\": \"x, y: {z}\"\n}"_s;
    QTest::newRow("empty containers")
        << QByteArray(R"({"a":{},"b":[]})") << true << u"{\n  \"a\": {},\n  \"b\": []\n}"_s;
    QTest::newRow("escaped quote in a string") << QByteArray(R"({"msg":"say \"hi\", {ok}"})") << true
                                               << u"{\n  \"msg\": \"say \\\"hi\\\", {ok}\"\n}"_s;
    QTest::newRow("not JSON after all") << QByteArray("{not json") << false << u"{not json"_s;
    QTest::newRow("ANSI colours removed") << QByteArray("\x1b[31mred\x1b[0m") << false << u"red"_s;
}

void TstLogReading::detailText()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, json);
    QFETCH(QString, expected);
    bool isJson = !json;
    const QString text = ui::LogLineDetail::text(line, &isJson);
    QCOMPARE(text, expected);
    QCOMPARE(isJson, json);
    if (json) // the same document, only indented
        QCOMPARE(QJsonDocument::fromJson(text.toUtf8()), QJsonDocument::fromJson(line));
}

void TstLogReading::detailPaneShowsTheSelectedLineWhole()
{
    LogStore store(1000);
    LogPanel panel(store);
    panel.resize(900, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    // A 20,000-character line and a long JSON line.
    const QByteArray longLine = QByteArray("start ") + QByteArray(20'000, 'x') + QByteArray(" end");
    QByteArray json = R"({"level":"info","msg":")" + QByteArray(3000, 'y') + R"(","user":{"id":7}})";
    store.append(u"t"_s, u"web"_s, batchOf({"short", longLine, json}));
    panel.setTasks({u"t"_s});
    panel.model()->flush();

    QVERIFY(!panel.isDetailVisible());
    auto* view = qobject_cast<QTableView*>(panel.view());
    view->setFocus();
    view->setCurrentIndex(panel.model()->index(1, ui::LogModel::MessageColumn));
    QTest::keyClick(view, Qt::Key_Return); // Enter: the line whole, focus in the pane
    QVERIFY(panel.isDetailVisible());
    ui::LogDetailPane* pane = panel.detailPane();
    QCOMPARE(pane->messageText(), QString::fromLatin1(longLine));
    QVERIFY(pane->editor()->hasFocus());
    QVERIFY2(pane->headerText().contains(u"web"_s), qPrintable(pane->headerText()));
    QTest::keyClick(pane->editor(), Qt::Key_Escape); // back to the lines
    QVERIFY(view->hasFocus());

    // Moving the selection follows; JSON comes pretty-printed.
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(pane->row(), 2);
    bool isJson = false;
    QCOMPARE(pane->messageText(), ui::LogLineDetail::text(json, &isJson));
    QVERIFY(isJson);
    QVERIFY(pane->messageText().contains(u"\n  \"user\": {\n    \"id\": 7\n  }"_s));
    QVERIFY(pane->headerText().contains(u"JSON"_s));

    // Ctrl+D toggles it.
    QTest::keySequence(view, QKeySequence(Qt::CTRL | Qt::Key_D));
    QVERIFY(!panel.isDetailVisible());
    QTest::keySequence(view, QKeySequence(Qt::CTRL | Qt::Key_D));
    QVERIFY(panel.isDetailVisible());
}

void TstLogReading::wrapGivesRowsTheirHeight()
{
    LogStore store(1000);
    LogPanel panel(store);
    panel.resize(700, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QByteArray longLine = QByteArray("words ").repeated(120); // ~720 characters
    store.append(u"t"_s, u"c"_s, batchOf({"short", longLine, "short again"}));
    panel.setTasks({u"t"_s});
    panel.model()->flush();
    auto* view = qobject_cast<QTableView*>(panel.view());
    QHeaderView* rows = view->verticalHeader();
    const int one = rows->sectionSize(0);
    QCOMPARE(rows->sectionSize(1), one);

    auto* wrapButton = panel.findChild<QToolButton*>(u"wrapButton"_s);
    QVERIFY(wrapButton);
    wrapButton->click();
    QVERIFY(panel.wraps());
    QCoreApplication::processEvents();
    const int width = view->columnWidth(ui::LogModel::MessageColumn) - 2 * ui::LogItemDelegate::kMargin;
    const int lines =
        ui::LogItemDelegate::wrappedLineCount(QString::fromLatin1(longLine), view->font(), width);
    QVERIFY2(lines >= 3, qPrintable(QString::number(lines)));
    QTRY_COMPARE(rows->sectionSize(1), std::max(one, lines * view->fontMetrics().lineSpacing() + 4));
    QCOMPARE(rows->sectionSize(0), one);
    QCOMPARE(rows->sectionSize(2), one);

    // Off again (Alt+Z): one line per row.
    QTest::keySequence(view, QKeySequence(Qt::ALT | Qt::Key_Z));
    QVERIFY(!panel.wraps());
    QCOMPARE(rows->sectionSize(1), one);
}

void TstLogReading::toolbarStaysPutAsCountsChange()
{
    LogStore store(1000);
    LogPanel panel(store);
    panel.resize(900, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QList<QToolButton*> buttons;
    for (QToolButton* b : panel.findChildren<QToolButton*>())
        if (!panel.view()->isAncestorOf(b)) // not the "Paused · Follow" button floating over the lines
            buttons.append(b);
    const auto positions = [&] {
        QList<QPoint> out;
        for (QToolButton* b : buttons)
            out.append(b->isVisible() ? b->mapTo(&panel, QPoint(0, 0)) : QPoint(-1, -1));
        return out;
    };
    const QList<QPoint> before = positions();
    panel.searchBar()->setStatus(1233, 456'789, true, true, {});
    QCoreApplication::processEvents();
    QCOMPARE(positions(), before);
    panel.searchBar()->setStatus(-1, 0, false, true, {});
    QCoreApplication::processEvents();
    QCOMPARE(positions(), before);
    // Follow paused with new lines: "Follow (n new)" fits the same place.
    store.append(u"t"_s, u"c"_s, numbered("line ", 0, 300));
    panel.setTasks({u"t"_s});
    panel.model()->flush();
    panel.setFollow(false);
    store.append(u"t"_s, u"c"_s, numbered("line ", 300, 12'345));
    panel.model()->flush();
    QVERIFY(panel.newLinesSincePause() > 0);
    QCoreApplication::processEvents();
    QCOMPARE(positions(), before);
}

QTEST_MAIN(TstLogReading)
#include "tst_logreading.moc"
