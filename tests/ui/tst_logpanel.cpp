#include "LogItemDelegate.h"
#include "LogModel.h"
#include "LogPanel.h"
#include "LogPanelFixture.h"
#include "LogSearch.h"
#include "LogSearchBar.h"
#include "LogStore.h"
#include "LogUiTestSupport.h"

#include <QAbstractItemView>
#include <QClipboard>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using dockpulse::docker::LogStreamKind;
using dockpulse::test::batchOf;
using dockpulse::test::numbered;
using dockpulse::ui::LogModel;
using dockpulse::ui::LogPanel;
using dockpulse::ui::LogStore;

namespace {

const QList<QByteArray> kSearchLines{
    "GET /api/users 200",
    "GET /api/orders 500",
    "post /api/Users 201",
    "ERROR: timeout",
    "error: disk full",
    "warning <b>x</b>",
    "a.b",
    "axb",
    "\x1b[31mred\x1b[0m alert",
};

} // namespace

class TestLogPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(dockpulse::test::showLogPanel(m_store, m_panel, 100000)); }

    void cleanup()
    {
        m_panel.reset();
        m_store.reset();
    }

    void search_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("regex");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<QList<int>>("rows");
        QTest::newRow("plain, any case") << u"error"_s << false << false << QList<int>{3, 4};
        QTest::newRow("plain, lower case") << u"error"_s << false << true << QList<int>{4};
        QTest::newRow("plain, upper case") << u"ERROR"_s << false << true << QList<int>{3};
        QTest::newRow("plain users") << u"users"_s << false << false << QList<int>{0, 2};
        QTest::newRow("plain Users, case") << u"Users"_s << false << true << QList<int>{2};
        QTest::newRow("plain dot is literal") << u"a.b"_s << false << false << QList<int>{6};
        QTest::newRow("regex dot") << u"a.b"_s << true << false << QList<int>{6, 7};
        QTest::newRow("regex anchor, any case") << u"^get"_s << true << false << QList<int>{0, 1};
        QTest::newRow("regex anchor, case") << u"^get"_s << true << true << QList<int>{};
        QTest::newRow("regex status 5xx") << u"\\b5\\d\\d\\b"_s << true << false << QList<int>{1};
        QTest::newRow("markup is text") << u"<b>"_s << false << false << QList<int>{5};
        QTest::newRow("escape codes are not text") << u"[31m"_s << false << false << QList<int>{};
        QTest::newRow("what is shown") << u"red alert"_s << false << false << QList<int>{8};
        QTest::newRow("regex alternatives") << u"timeout|full"_s << true << false << QList<int>{3, 4};
        QTest::newRow("no match") << u"nothing"_s << false << false << QList<int>{};
        QTest::newRow("empty pattern") << QString() << false << false << QList<int>{};
    }

    void search()
    {
        QFETCH(QString, pattern);
        QFETCH(bool, regex);
        QFETCH(bool, caseSensitive);
        QFETCH(QList<int>, rows);
        m_store->append(u"t"_s, u"c"_s, batchOf(kSearchLines));
        m_panel->setTasks({u"t"_s});
        m_panel->setSearchQuery(pattern, regex, caseSensitive);
        m_panel->search()->finishScan();
        QCOMPARE(m_panel->search()->matchRows(), rows);
        QCOMPARE(m_panel->search()->matchCount(), rows.size());
        const QString status = m_panel->searchBar()->statusText();
        if (pattern.isEmpty())
            QCOMPARE(status, QString());
        else if (rows.isEmpty())
            QCOMPARE(status, u"No matches"_s);
        else
            QCOMPARE(status, u"%1 matches"_s.arg(rows.size()));
        QVERIFY(m_panel->searchBar()->errorText().isEmpty());
        if (!rows.isEmpty()) {
            m_panel->findNext();
            QCOMPARE(m_panel->search()->currentRow(), rows.first());
            QCOMPARE(m_panel->searchBar()->statusText(), u"1 of %1"_s.arg(rows.size()));
        }
    }

    void searchFromTheSearchBar()
    {
        m_store->append(u"t"_s, u"c"_s, batchOf(kSearchLines));
        m_panel->setTasks({u"t"_s});
        QLineEdit* edit = m_panel->searchBar()->lineEdit();
        QTest::keyClicks(edit, u"api"_s);
        m_panel->search()->finishScan();
        QCOMPARE(m_panel->search()->matchRows(), (QList<int>{0, 1, 2}));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(m_panel->search()->currentRow(), 0);
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(m_panel->search()->currentRow(), 1);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(m_panel->search()->currentRow(), 0);
        QTest::keyClick(edit, Qt::Key_F3);
        QCOMPARE(m_panel->search()->currentRow(), 1);
        QTest::keyClick(m_panel->view(), Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(m_panel->search()->currentRow(), 0);
        QCOMPARE(m_panel->view()->currentIndex().row(), 0);
        QTest::keyClick(edit, Qt::Key_Escape);
        QCOMPARE(edit->text(), QString());
        QCOMPARE(m_panel->search()->matchCount(), 0);
    }

    void invalidRegexShowsError()
    {
        m_store->append(u"t"_s, u"c"_s, batchOf(kSearchLines));
        m_panel->setTasks({u"t"_s});
        m_panel->setSearchQuery(u"(unclosed"_s, true, false);
        QVERIFY(!m_panel->search()->isActive());
        QCOMPARE(m_panel->search()->matchCount(), 0);
        const QString error = m_panel->searchBar()->errorText();
        QVERIFY2(error.contains(u"position"_s), qPrintable(error));
        QCOMPARE(m_panel->searchBar()->statusText(), QString());
        m_panel->findNext(); // no crash, nothing selected
        m_panel->findPrevious();
        QCOMPARE(m_panel->search()->currentRow(), -1);
        m_panel->view()->viewport()->grab(); // paints without a pattern to highlight
        // The same text as a plain pattern is fine; a valid regex clears the error.
        m_panel->setSearchQuery(u"(unclosed"_s, false, false);
        QVERIFY(m_panel->searchBar()->errorText().isEmpty());
        m_panel->setSearchQuery(u"(timeout)"_s, true, false);
        m_panel->search()->finishScan();
        QVERIFY(m_panel->searchBar()->errorText().isEmpty());
        QCOMPARE(m_panel->search()->matchRows(), QList<int>{3});
    }

    void nextPreviousWrapAround()
    {
        QList<QByteArray> lines;
        for (int i = 0; i < 10; ++i)
            lines.append(i == 1 || i == 4 || i == 7 ? QByteArray("match " + QByteArray::number(i))
                                                    : QByteArray("other"));
        m_store->append(u"t"_s, u"c"_s, batchOf(lines));
        m_panel->setTasks({u"t"_s});
        m_panel->setSearchQuery(u"match"_s);
        m_panel->view()->scrollToTop();
        const QList<int> forward{1, 4, 7, 1, 4};
        for (const int row : forward) {
            m_panel->findNext();
            QCOMPARE(m_panel->search()->currentRow(), row);
            QCOMPARE(m_panel->view()->currentIndex().row(), row);
        }
        QCOMPARE(m_panel->searchBar()->statusText(), u"2 of 3"_s);
        const QList<int> backward{1, 7, 4, 1, 7};
        for (const int row : backward) {
            m_panel->findPrevious();
            QCOMPARE(m_panel->search()->currentRow(), row);
        }
        QCOMPARE(m_panel->selectedText(), m_panel->model()->timeText(7) + u" match 7"_s);
    }

    // Matches follow the rows: new lines are searched as they arrive, trimmed ones leave.
    void searchFollowsAppendsAndTrims()
    {
        m_store->setRetention(10);
        m_panel->setTasks({u"t"_s});
        m_panel->setSearchQuery(u"x"_s);
        m_store->append(u"t"_s, {}, batchOf({"x0", "a", "x1", "b"}));
        m_panel->model()->flush();
        QTRY_COMPARE(m_panel->search()->matchCount(), 2);
        m_panel->findNext();
        QCOMPARE(m_panel->search()->currentRow(), 0);
        m_store->append(u"t"_s, {}, batchOf({"c", "d", "e", "f", "g", "x2", "h", "i"})); // drops x0 and a
        m_panel->model()->flush();
        QTRY_COMPARE(m_panel->search()->matchCount(), 2);
        QCOMPARE(m_panel->search()->matchRows(), (QList<int>{0, 7}));
        QCOMPARE(m_panel->search()->currentRow(), -1); // the current match was trimmed
        QCOMPARE(m_panel->searchBar()->statusText(), u"2 matches"_s);
    }

    void followKeepsTheNewestLineInView()
    {
        m_panel->setTasks({u"t"_s});
        QVERIFY(m_panel->isFollowing());
        m_store->append(u"t"_s, {}, numbered("l", 0, 1000));
        m_panel->model()->flush();
        QTRY_VERIFY(lastRowVisible());
        m_store->append(u"t"_s, {}, numbered("l", 1000, 10));
        m_panel->model()->flush();
        QTRY_VERIFY(lastRowVisible());
        QVERIFY(m_panel->isFollowing());
    }

    void scrollingUpPausesFollow()
    {
        m_panel->setTasks({u"t"_s});
        QSignalSpy followChanged(m_panel.get(), &LogPanel::followChanged);
        m_store->append(u"t"_s, {}, numbered("l", 0, 1000));
        m_panel->model()->flush();
        QTRY_VERIFY(lastRowVisible());
        QScrollBar* bar = m_panel->view()->verticalScrollBar();
        bar->triggerAction(QAbstractSlider::SliderPageStepSub);
        QVERIFY(!m_panel->isFollowing());
        QCOMPARE(followChanged.count(), 1);
        const QString top = topMessage();

        m_store->append(u"t"_s, {}, numbered("l", 1000, 50));
        m_panel->model()->flush();
        QCoreApplication::processEvents();
        QCOMPARE(topMessage(), top); // appends do not move the view
        QVERIFY(!lastRowVisible());
        QCOMPARE(m_panel->newLinesSincePause(), 50);
        auto* followButton = followToolButton();
        QVERIFY(followButton);
        QVERIFY(!followButton->isChecked());
        QVERIFY2(followButton->text().contains(u"50"_s), qPrintable(followButton->text()));

        m_panel->setFollow(true);
        QTRY_VERIFY(lastRowVisible());
        QVERIFY(followButton->isChecked());
        QCOMPARE(m_panel->newLinesSincePause(), 0);
    }

    void wheelPausesAndEndResumes()
    {
        m_panel->setTasks({u"t"_s});
        m_store->append(u"t"_s, {}, numbered("l", 0, 1000));
        m_panel->model()->flush();
        QTRY_VERIFY(lastRowVisible());
        QWidget* viewport = m_panel->view()->viewport();
        const QPoint pos = viewport->rect().center();
        QWheelEvent wheel(pos, viewport->mapToGlobal(pos), {}, QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(viewport, &wheel);
        QVERIFY(!m_panel->isFollowing());
        QTest::keyClick(m_panel->view(), Qt::Key_End);
        QVERIFY(m_panel->isFollowing());
        QTRY_VERIFY(lastRowVisible());

        // Dragging the scroll bar back to the bottom follows again too.
        m_panel->view()->verticalScrollBar()->triggerAction(QAbstractSlider::SliderToMinimum);
        QVERIFY(!m_panel->isFollowing());
        m_panel->view()->verticalScrollBar()->triggerAction(QAbstractSlider::SliderToMaximum);
        QVERIFY(m_panel->isFollowing());
    }

    // While paused, lines trimmed from the front do not shift what the user is reading.
    void trimsWhilePausedKeepTheView()
    {
        m_store->setRetention(500);
        m_panel->setTasks({u"t"_s});
        m_store->append(u"t"_s, {}, numbered("l", 0, 500));
        m_panel->model()->flush();
        QTRY_VERIFY(lastRowVisible());
        QScrollBar* bar = m_panel->view()->verticalScrollBar();
        bar->setSliderPosition(200);
        QVERIFY(!m_panel->isFollowing());
        QCOMPARE(topMessage(), u"l200"_s);
        m_store->append(u"t"_s, {}, numbered("l", 500, 60));
        m_panel->model()->flush();
        QCoreApplication::processEvents();
        QCOMPARE(topMessage(), u"l200"_s);
        QCOMPARE(m_panel->model()->rowCount(), 500);
    }

    void findingAMatchPausesFollow()
    {
        m_panel->setTasks({u"t"_s});
        m_store->append(u"t"_s, {}, numbered("l", 0, 1000));
        m_panel->model()->flush();
        m_panel->setSearchQuery(u"l10"_s);
        m_panel->findNext();
        QVERIFY(!m_panel->isFollowing());
        QCOMPARE(m_panel->search()->currentRow(), 10);
        const QRect r = m_panel->view()->visualRect(m_panel->model()->index(10, LogModel::MessageColumn));
        QVERIFY(m_panel->view()->viewport()->rect().contains(r));
    }

    void copySelectedLines()
    {
        m_store->append(u"t"_s, u"web"_s, batchOf({"l0", "<b>l1</b>", "l2", "\x1b[1ml3\x1b[0m\x07", "l4"}));
        m_panel->setTasks({u"t"_s});
        m_panel->setShowTimestamps(false);
        selectRows({1, 3, 4});
        QCOMPARE(m_panel->selectedText(), u"<b>l1</b>\nl3\u2407\nl4"_s);
        m_panel->copySelection();
        QCOMPARE(QGuiApplication::clipboard()->text(), m_panel->selectedText());

        m_panel->setShowTimestamps(true);
        const LogModel* model = m_panel->model();
        QCOMPARE(m_panel->selectedText(), model->timeText(1) + u" <b>l1</b>\n"_s + model->timeText(3) +
                                              u" l3\u2407\n"_s + model->timeText(4) + u" l4"_s);

        // Ctrl+C in the view.
        QGuiApplication::clipboard()->clear();
        m_panel->setShowTimestamps(false);
        selectRows({0, 2});
        QTest::keySequence(m_panel->view(), QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"l0\nl2"_s);
    }

    void contextMenuCopies()
    {
        m_store->append(u"t"_s, u"web"_s, batchOf({"l0", "l1", "l2"}));
        m_panel->setTasks({u"t"_s});
        m_panel->setShowTimestamps(false);
        selectRows({0, 2});
        QGuiApplication::clipboard()->clear();
        Q_EMIT m_panel->view()->customContextMenuRequested(QPoint(5, 5));
        auto* menu = m_panel->findChild<QMenu*>();
        QVERIFY(menu);
        QTRY_VERIFY(menu->isVisible());
        QAction* copy = nullptr;
        QAction* follow = nullptr;
        for (QAction* a : menu->actions()) {
            if (a->text() == u"&Copy"_s)
                copy = a;
            if (a->text() == u"F&ollow"_s)
                follow = a;
        }
        QVERIFY(copy && follow);
        QVERIFY(copy->isEnabled());
        QCOMPARE(copy->shortcut(), QKeySequence(QKeySequence::Copy));
        QVERIFY(follow->isCheckable() && follow->isChecked());
        copy->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"l0\nl2"_s);
        menu->close();
    }

    void copyNamesContainersWhenMerged()
    {
        m_store->append(u"a"_s, u"web"_s, batchOf({"from a"}));
        m_store->append(u"b"_s, u"db"_s, batchOf({"from b"}));
        m_panel->setTasks({u"a"_s, u"b"_s});
        m_panel->setShowTimestamps(false);
        selectRows({0, 1});
        QCOMPARE(m_panel->selectedText(), u"web from a\ndb from b"_s);
    }

    void columnsShownAsAsked()
    {
        auto* table = qobject_cast<QTableView*>(m_panel->view());
        QVERIFY(table);
        QVERIFY(m_panel->showTimestamps());
        m_panel->setShowTimestamps(false);
        QVERIFY(!m_panel->showTimestamps());
        QVERIFY(table->isColumnHidden(LogModel::TimeColumn));
        m_panel->setShowTimestamps(true);
        QVERIFY(!table->isColumnHidden(LogModel::TimeColumn));

        m_panel->setTasks({u"a"_s});
        QVERIFY(table->isColumnHidden(LogModel::ContainerColumn));
        m_panel->setTasks({u"a"_s, u"b"_s});
        QVERIFY(!table->isColumnHidden(LogModel::ContainerColumn));
        QVERIFY(!table->isColumnHidden(LogModel::StreamColumn));
        // Fixed row heights: the view never measures rows.
        QCOMPARE(table->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
    }

    // Markup in a line is drawn as its characters, never rendered: "<b>html</b>" paints eleven
    // glyphs' worth of ink where rich text would paint four bold ones.
    void markupIsPaintedAsText()
    {
        const QByteArray markup = "<b>html</b>";
        m_store->append(u"t"_s, u"c"_s, batchOf({markup, "<i>"}));
        m_panel->setTasks({u"t"_s});
        QCOMPARE(m_panel->model()->index(0, LogModel::MessageColumn).data().toString(),
                 QString::fromLatin1(markup));
        QCoreApplication::processEvents();
        const int plainWidth =
            QFontMetrics(m_panel->view()->font()).horizontalAdvance(QString::fromLatin1(markup));
        QVERIFY2(qAbs(inkWidth(0) - plainWidth) <= 4,
                 qPrintable(u"%1 vs %2"_s.arg(inkWidth(0)).arg(plainWidth)));
        QVERIFY(inkWidth(1) > 0); // "<i>" alone is not an empty element
        // Same with a search highlight, which takes the QTextLayout path.
        m_panel->setSearchQuery(u"html"_s);
        QCoreApplication::processEvents();
        QVERIFY2(qAbs(inkWidth(0) - plainWidth) <= 4,
                 qPrintable(u"%1 vs %2"_s.arg(inkWidth(0)).arg(plainWidth)));

        const QString tip = dockpulse::ui::plainTextToolTip(u"<b>x</b> & y"_s);
        QVERIFY(tip.contains(u"&lt;b&gt;x&lt;/b&gt; &amp; y"_s));
        QVERIFY(Qt::mightBeRichText(tip)); // so the escapes are decoded, not shown
    }

    void paintsAnsiControlsAndHighlightsSafely()
    {
        QList<QByteArray> lines;
        for (int i = 0; i < 50; ++i)
            lines.append("\x1b[38;5;" + QByteArray::number(i) + "mcolour " + QByteArray::number(i) +
                         "\x1b[0m\ttab\x07\x1b[1;4mbold\x1b[m " + QByteArray(i * 400, 'z'));
        lines.append(QByteArray("zalgo z\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85\xcc\x86\xcc\x87"));
        m_store->append(u"t"_s, u"c"_s, batchOf(lines, LogStreamKind::Stderr));
        m_panel->setTasks({u"t"_s});
        m_panel->setSearchQuery(u"colour|bold|z+"_s, true);
        m_panel->findNext();
        const QImage image = m_panel->grab().toImage();
        QVERIFY(!image.isNull());
    }

    void focusSearchFocusesTheField()
    {
        m_panel->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
        m_panel->searchBar()->lineEdit()->setText(u"abc"_s);
        m_panel->view()->setFocus();
        m_panel->focusSearch();
        QTRY_VERIFY(m_panel->searchBar()->lineEdit()->hasFocus());
        QCOMPARE(m_panel->searchBar()->lineEdit()->selectedText(), u"abc"_s);
    }

    void everyControlHasATooltip()
    {
        const QList<QAbstractButton*> buttons = m_panel->findChildren<QAbstractButton*>();
        QVERIFY(buttons.size() >= 6);
        for (const QAbstractButton* b : buttons) {
            if (b->parent() == m_panel->searchBar()->lineEdit() || b->inherits("QTableCornerButton"))
                continue; // the line edit's own clear button; the corner button hides with the row header
            QVERIFY2(!b->toolTip().isEmpty(), b->metaObject()->className());
        }
        QVERIFY(!m_panel->searchBar()->lineEdit()->toolTip().isEmpty());
    }

private:
    bool lastRowVisible() const
    {
        const int last = m_panel->model()->rowCount() - 1;
        const QRect r = m_panel->view()->visualRect(m_panel->model()->index(last, LogModel::MessageColumn));
        return last >= 0 && r.isValid() && m_panel->view()->viewport()->rect().contains(r);
    }

    QString topMessage() const
    {
        const int row = m_panel->view()->indexAt(QPoint(1, 1)).row();
        return m_panel->model()->messageText(row);
    }

    QToolButton* followToolButton() const
    {
        for (QToolButton* b : m_panel->findChildren<QToolButton*>()) {
            if (b->isCheckable() && b->text().startsWith(u"Follow"_s))
                return b;
        }
        return nullptr;
    }

    void selectRows(const QList<int>& rows)
    {
        QItemSelectionModel* selection = m_panel->view()->selectionModel();
        selection->clearSelection();
        for (const int row : rows)
            selection->select(m_panel->model()->index(row, 0),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }

    // How far to the right of the message cell's text start the painted pixels reach.
    int inkWidth(int row) const
    {
        QAbstractItemView* view = m_panel->view();
        const QRect cell = view->visualRect(m_panel->model()->index(row, LogModel::MessageColumn));
        const QImage image = view->viewport()->grab(cell).toImage();
        const QRgb background = image.pixel(image.width() - 1, image.height() / 2);
        int right = -1;
        for (int x = 0; x < image.width(); ++x) {
            for (int y = 0; y < image.height(); ++y) {
                if (image.pixel(x, y) != background) {
                    right = x;
                    break;
                }
            }
        }
        int left = -1;
        for (int x = 0; x < image.width() && left < 0; ++x) {
            for (int y = 0; y < image.height(); ++y) {
                if (image.pixel(x, y) != background) {
                    left = x;
                    break;
                }
            }
        }
        return right < 0 ? 0 : right - left + 1;
    }

    std::unique_ptr<LogStore> m_store;
    std::unique_ptr<LogPanel> m_panel;
};

QTEST_MAIN(TestLogPanel)
#include "tst_logpanel.moc"
