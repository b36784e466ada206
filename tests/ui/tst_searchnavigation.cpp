// Find next / previous over many rows: the answer waits for the time-sliced scan instead of
// scanning every row at once, so the event loop runs meanwhile (timer ticks are processed
// between the request and the answer) and the search bar shows the progress.
#include "LogModel.h"
#include "LogPanel.h"
#include "LogPanelFixture.h"
#include "LogSearch.h"
#include "LogSearchBar.h"
#include "LogStore.h"
#include "LogUiTestSupport.h"

#include <QTimer>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using dockpulse::test::batchOf;
using dockpulse::test::numbered;
using dockpulse::ui::LogPanel;
using dockpulse::ui::LogStore;

namespace {
constexpr int kRows = 200000;
}

class TestSearchNavigation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(dockpulse::test::showLogPanel(m_store, m_panel, kRows + 10)); }

    void cleanup()
    {
        m_panel.reset();
        m_store.reset();
    }

    void answersAfterTheScanWithTheLoopRunning_data()
    {
        QTest::addColumn<bool>("next");
        QTest::addColumn<int>("needleRow");
        QTest::newRow("next: the match is the last row") << true << kRows - 1;
        QTest::newRow("previous: the match is the first row") << false << 0;
    }

    void answersAfterTheScanWithTheLoopRunning()
    {
        QFETCH(bool, next);
        QFETCH(int, needleRow);
        m_store->append(u"t"_s, u"c"_s, numbered("line ", 0, needleRow));
        m_store->append(u"t"_s, u"c"_s, batchOf({"the needle"}));
        m_store->append(u"t"_s, u"c"_s, numbered("line ", needleRow + 1, kRows - needleRow - 1));
        m_panel->setTasks({u"t"_s});
        m_panel->model()->flush();
        QCOMPARE(m_panel->model()->rowCount(), kRows);
        m_panel->search()->setSliceBudgetMs(0); // the smallest slices: many turns of the loop
        m_panel->setSearchQuery(u"needle"_s, false, false);
        QVERIFY(m_panel->search()->isScanning());

        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(1);
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start();
        next ? m_panel->findNext() : m_panel->findPrevious();
        // The scan has not reached the match: no answer yet, and the bar says it is searching.
        QCOMPARE(m_panel->search()->currentRow(), -1);
        const QString status = m_panel->searchBar()->statusText();
        QVERIFY2(status.startsWith(u"Searching"_s), qPrintable(status));
        QCOMPARE(ticks, 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->search()->currentRow(), needleRow, 30000);
        QVERIFY2(ticks > 0, qPrintable(u"timer ticks processed during the search: %1"_s.arg(ticks)));
        QCOMPARE(m_panel->searchBar()->statusText(), u"1 of 1"_s);
    }

    // A query changed while a request waits drops the request.
    void aNewQueryDropsTheWaitingRequest()
    {
        m_store->append(u"t"_s, u"c"_s, numbered("line ", 0, kRows - 1));
        m_store->append(u"t"_s, u"c"_s, batchOf({"the needle"}));
        m_panel->setTasks({u"t"_s});
        m_panel->model()->flush();
        m_panel->search()->setSliceBudgetMs(0);
        m_panel->setSearchQuery(u"needle"_s, false, false);
        m_panel->findNext();
        QCOMPARE(m_panel->search()->currentRow(), -1);
        m_panel->setSearchQuery(u"nothing like this"_s, false, false);
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->search()->isScanning(), 30000);
        QCOMPARE(m_panel->search()->currentRow(), -1);
        QCOMPARE(m_panel->searchBar()->statusText(), u"No matches"_s);
    }

private:
    std::unique_ptr<LogStore> m_store;
    std::unique_ptr<LogPanel> m_panel;
};

QTEST_MAIN(TestSearchNavigation)
#include "tst_searchnavigation.moc"
